// Batch normalisation over the rows of [rows, cols] activations (PyTorch BatchNorm1d semantics:
// biased variance to normalise, unbiased for the running estimate). Statistics come from
// reduce.cu's column reductions; these kernels finish, apply and differentiate them.
#include "common.cuh"

// inv[c] = 1 / sqrt(var[c] + eps); when training, the running estimates move by momentum:
// runMean = (1 - m) runMean + m mean, runVar = (1 - m) runVar + m unbias var.
extern "C" __global__ void bn_coefficients_f32(const float* mean, const float* var, float eps, float* inv,
                                               float* runMean, float* runVar, float momentum, float unbias,
                                               int training, long long cols) {
    GRID_STRIDE_LOOP(c, cols) {
        inv[c] = 1.0f / sqrtf(var[c] + eps);
        if (training) {
            runMean[c] = (1.0f - momentum) * runMean[c] + momentum * mean[c];
            runVar[c] = (1.0f - momentum) * runVar[c] + momentum * unbias * var[c];
        }
    }
}

// out = act(gamma * (x - mean) * inv + beta), strided 2-D (out may be x)
extern "C" __global__ void bn_apply_f32(const float* x, long long ldx, const float* mean, const float* inv,
                                        const float* gamma, const float* beta, int act, float slope, float* out,
                                        long long ldo, long long rows, long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        long long c = i - r * cols;
        float v = gamma[c] * (x[r * ldx + c] - mean[c]) * inv[c] + beta[c];
        out[r * ldo + c] = activate(act, v, slope);
    }
}

// From sumDz[c] = sum dz and sumDzX[c] = sum dz * x: dBeta = sumDz, dGamma = inv (sumDzX - mean sumDz)
extern "C" __global__ void bn_param_grads_f32(const float* sumDz, const float* sumDzX, const float* mean,
                                              const float* inv, float* dGamma, float* dBeta, long long cols) {
    GRID_STRIDE_LOOP(c, cols) {
        float sd = sumDz[c];
        dGamma[c] = inv[c] * (sumDzX[c] - mean[c] * sd);
        dBeta[c] = sd;
    }
}

// dx = gamma inv (dz - (x - mean) inv dGamma / rows - dBeta / rows)   (dx may be dz)
extern "C" __global__ void bn_backward_f32(const float* dz, const float* x, const float* mean, const float* inv,
                                           const float* gamma, const float* dGamma, const float* dBeta, float* dx,
                                           long long rows, long long cols) {
    long long n = rows * cols;
    float invRows = 1.0f / (float) rows;
    GRID_STRIDE_LOOP(i, n) {
        long long c = i % cols;
        float iv = inv[c];
        float xhat = (x[i] - mean[c]) * iv;
        dx[i] = gamma[c] * iv * (dz[i] - xhat * dGamma[c] * invRows - dBeta[c] * invRows);
    }
}

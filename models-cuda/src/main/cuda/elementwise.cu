// Elementwise and broadcast kernels over float32 arrays. 2-D kernels take a leading dimension
// (row stride, in elements) for each matrix, so column blocks of a wider array (one attention
// head's channels, one block of a weight) are read and written in place.
#include "common.cuh"

// y[i] = value
extern "C" __global__ void fill_f32(float* y, float value, long long n) {
    GRID_STRIDE_LOOP(i, n) { y[i] = value; }
}

// y[i] = alpha * x[i] + beta * y[i]   (beta == 0 never reads y, so y may hold NaN garbage)
extern "C" __global__ void axpby_f32(const float* x, float* y, float alpha, float beta, long long n) {
    GRID_STRIDE_LOOP(i, n) { y[i] = beta == 0.0f ? alpha * x[i] : alpha * x[i] + beta * y[i]; }
}

// out[i] = x[i] (op) y[i]
extern "C" __global__ void binary_f32(int op, const float* x, const float* y, float* out, long long n) {
    GRID_STRIDE_LOOP(i, n) { out[i] = apply_op(op, x[i], y[i]); }
}

// out[i] = x[i] (op) s
extern "C" __global__ void scalar_f32(int op, const float* x, float s, float* out, long long n) {
    GRID_STRIDE_LOOP(i, n) { out[i] = apply_op(op, x[i], s); }
}

// out[r, c] = x[r, c] (op) row[c], strided 2-D
extern "C" __global__ void broadcast_row_f32(int op, const float* x, long long ldx, const float* row,
                                             float* out, long long ldo, long long rows, long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        long long c = i - r * cols;
        out[r * ldo + c] = apply_op(op, x[r * ldx + c], row[c]);
    }
}

// out[r, c] = x[r, c] (op) col[r], strided 2-D
extern "C" __global__ void broadcast_col_f32(int op, const float* x, long long ldx, const float* col,
                                             float* out, long long ldo, long long rows, long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        long long c = i - r * cols;
        out[r * ldo + c] = apply_op(op, x[r * ldx + c], col[r]);
    }
}

// out[r, c] = x[r, c], strided 2-D copy (a column block into a dense array or back)
extern "C" __global__ void copy2d_f32(const float* x, long long ldx, float* out, long long ldo,
                                      long long rows, long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        long long c = i - r * cols;
        out[r * ldo + c] = x[r * ldx + c];
    }
}

// y = act(x): 0 none, 1 ReLU, 2 LeakyReLU(slope) as max(x, slope * x)
extern "C" __global__ void activation_f32(int act, float slope, const float* x, float* y, long long n) {
    GRID_STRIDE_LOOP(i, n) { y[i] = activate(act, x[i], slope); }
}

// dx = dy * act'(y), from the activation's output y (dx may be dy)
extern "C" __global__ void activation_backward_f32(int act, float slope, const float* y, const float* dy,
                                                   float* dx, long long n) {
    GRID_STRIDE_LOOP(i, n) { dx[i] = dy[i] * activate_grad(act, y[i], slope); }
}

// y = x > 0 ? 1 : 0
extern "C" __global__ void step_f32(const float* x, float* y, long long n) {
    GRID_STRIDE_LOOP(i, n) { y[i] = x[i] > 0.0f ? 1.0f : 0.0f; }
}

// y = 1 / sqrt(x + eps)
extern "C" __global__ void rsqrt_eps_f32(const float* x, float eps, float* y, long long n) {
    GRID_STRIDE_LOOP(i, n) { y[i] = 1.0f / sqrtf(x[i] + eps); }
}

// y = sqrt(x + eps)
extern "C" __global__ void sqrt_eps_f32(const float* x, float eps, float* y, long long n) {
    GRID_STRIDE_LOOP(i, n) { y[i] = sqrtf(x[i] + eps); }
}

// Dropout mask with a counter-based generator: mask[i] = keep ? 1 / (1 - rate) : 0, where keep is
// decided by a SplitMix64 hash of (seed, offset + i). The same (seed, offset) gives the same mask on
// any GPU and any launch geometry.
extern "C" __global__ void dropout_mask_f32(float* mask, float rate, unsigned long long seed,
                                            unsigned long long offset, long long n) {
    float keepScale = 1.0f / (1.0f - rate);
    GRID_STRIDE_LOOP(i, n) {
        unsigned long long z = seed + (offset + (unsigned long long) i) * 0x9E3779B97F4A7C15ull;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        float u = (float) (z >> 40) * (1.0f / 16777216.0f);   // 24 random bits in [0, 1)
        mask[i] = u >= rate ? keepScale : 0.0f;
    }
}

// Row-wise kernels (softmax, log-softmax, their backward, cross entropy): one warp per row of a
// c-order [rows, cols] array, 8 warps per block (LaunchGeometry.warpPerRow). Lanes walk the row
// with stride 32 and combine by butterfly shuffles, so the result does not depend on the grid.
#include "common.cuh"

#define ROW_LOOP(r, rows) \
    for (long long r = (long long) blockIdx.x * blockDim.y + threadIdx.y; r < (rows); \
         r += (long long) blockDim.y * gridDim.x)

// out[r, :] = softmax(x[r, :])   (out may be x)
extern "C" __global__ void softmax_rows_f32(const float* x, float* out, long long rows, long long cols) {
    int lane = threadIdx.x;
    ROW_LOOP(r, rows) {
        const float* xr = x + r * cols;
        float* yr = out + r * cols;
        float m = -INFINITY;
        for (long long c = lane; c < cols; c += 32) m = fmaxf(m, xr[c]);
        m = warp_max(m);
        float s = 0.0f;
        for (long long c = lane; c < cols; c += 32) { float e = expf(xr[c] - m); yr[c] = e; s += e; }
        s = warp_sum(s);
        float inv = 1.0f / s;
        for (long long c = lane; c < cols; c += 32) yr[c] *= inv;
    }
}

// out[r, :] = log_softmax(x[r, :])   (out may be x)
extern "C" __global__ void log_softmax_rows_f32(const float* x, float* out, long long rows, long long cols) {
    int lane = threadIdx.x;
    ROW_LOOP(r, rows) {
        const float* xr = x + r * cols;
        float* yr = out + r * cols;
        float m = -INFINITY;
        for (long long c = lane; c < cols; c += 32) m = fmaxf(m, xr[c]);
        m = warp_max(m);
        float s = 0.0f;
        for (long long c = lane; c < cols; c += 32) s += expf(xr[c] - m);
        s = warp_sum(s);
        float lse = m + logf(s);
        for (long long c = lane; c < cols; c += 32) yr[c] = xr[c] - lse;
    }
}

// Softmax backward from its output p: dx = scale * p * (dp - sum(dp * p)) per row (dx may be dp)
extern "C" __global__ void softmax_rows_backward_f32(const float* p, const float* dp, float* dx, float scale,
                                                     long long rows, long long cols) {
    int lane = threadIdx.x;
    ROW_LOOP(r, rows) {
        const float* pr = p + r * cols;
        const float* dr = dp + r * cols;
        float* xr = dx + r * cols;
        float s = 0.0f;
        for (long long c = lane; c < cols; c += 32) s += dr[c] * pr[c];
        s = warp_sum(s);
        for (long long c = lane; c < cols; c += 32) xr[c] = scale * pr[c] * (dr[c] - s);
    }
}

// Label-smoothed cross entropy of logits[rows, classes] against int labels: loss[r] is the row's
// loss and grad = (softmax - target) / rows, where target is 1 - eps on the label and
// eps / (classes - 1) elsewhere (PCT's smoothing). A label outside [0, classes) gives NaN loss.
extern "C" __global__ void cross_entropy_f32(const float* logits, const int* labels, float eps, float* loss,
                                             float* grad, long long rows, long long classes) {
    int lane = threadIdx.x;
    float off = classes > 1 ? eps / (float) (classes - 1) : 0.0f;
    float on = 1.0f - eps;
    float invRows = 1.0f / (float) rows;
    ROW_LOOP(r, rows) {
        const float* xr = logits + r * classes;
        float* gr = grad + r * classes;
        int label = labels[r];
        float m = -INFINITY;
        for (long long c = lane; c < classes; c += 32) m = fmaxf(m, xr[c]);
        m = warp_max(m);
        float s = 0.0f;
        for (long long c = lane; c < classes; c += 32) s += expf(xr[c] - m);
        s = warp_sum(s);
        float lse = m + logf(s);
        float l = 0.0f;
        for (long long c = lane; c < classes; c += 32) {
            float t = c == label ? on : off;
            float lp = xr[c] - lse;
            l -= t * lp;
            gr[c] = (expf(lp) - t) * invRows;
        }
        l = warp_sum(l);
        if (lane == 0) loss[r] = (label < 0 || label >= classes) ? __int_as_float(0x7fc00000) : l;
    }
}

// External attention's normalisation over the S slots: for every column j of p[S, cols],
// a[s, j] = p[s, j] / (eps + sum_s p[s, j]); norm[j] keeps the denominator. One thread per column
// (coalesced across columns).
extern "C" __global__ void l1_normalise_columns_f32(const float* p, float* a, float* norm, float eps,
                                                    long long slots, long long cols) {
    GRID_STRIDE_LOOP(j, cols) {
        float s = 0.0f;
        for (long long k = 0; k < slots; k++) s += p[k * cols + j];
        s += eps;
        norm[j] = s;
        float inv = 1.0f / s;
        for (long long k = 0; k < slots; k++) a[k * cols + j] = p[k * cols + j] * inv;
    }
}

// Backward of l1_normalise_columns: dp[s, j] = (da[s, j] - sum_s da[s, j] * a[s, j]) / norm[j]
// (dp may be da).
extern "C" __global__ void l1_normalise_columns_backward_f32(const float* a, const float* da, const float* norm,
                                                             float* dp, long long slots, long long cols) {
    GRID_STRIDE_LOOP(j, cols) {
        float s = 0.0f;
        for (long long k = 0; k < slots; k++) s += da[k * cols + j] * a[k * cols + j];
        float inv = 1.0f / norm[j];
        for (long long k = 0; k < slots; k++) dp[k * cols + j] = (da[k * cols + j] - s) * inv;
    }
}

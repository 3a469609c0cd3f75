// Kernels over the rows of a c-order [rows, cols] array (the last axis): softmax, log-softmax and
// row sums. One warp per row, 8 warps per block (LaunchGeometry.warpPerRow); lanes walk the row with
// stride 32 and combine by butterfly shuffles, so the result does not depend on the grid.
#include "common.cuh"

#define ROW_LOOP(r, rows) \
    for (long long r = (long long) blockIdx.x * blockDim.y + threadIdx.y; r < (rows); \
         r += (long long) blockDim.y * gridDim.x)

// out[r, :] = exp(x[r, :] - m) / sum exp(x[r, :] - m), m the row's max   (out may be x)
template <typename T> __device__ void softmax_rows(const T* x, T* out, long long rows, long long cols) {
    int lane = threadIdx.x;
    ROW_LOOP(r, rows) {
        const T* xr = x + r * cols;
        T* yr = out + r * cols;
        T m = -INFINITY;
        for (long long c = lane; c < cols; c += 32) m = xr[c] > m ? xr[c] : m;
        m = warp_max(m);
        T s = 0;
        for (long long c = lane; c < cols; c += 32) { T e = exp(xr[c] - m); yr[c] = e; s += e; }
        s = warp_sum(s);
        for (long long c = lane; c < cols; c += 32) yr[c] = yr[c] / s;
    }
}
INSTANTIATE(softmax_rows, (const T* x, T* out, long long rows, long long cols), (x, out, rows, cols))

// out[r, :] = x[r, :] - m - log sum exp(x[r, :] - m)   (out may be x)
template <typename T> __device__ void log_softmax_rows(const T* x, T* out, long long rows, long long cols) {
    int lane = threadIdx.x;
    ROW_LOOP(r, rows) {
        const T* xr = x + r * cols;
        T* yr = out + r * cols;
        T m = -INFINITY;
        for (long long c = lane; c < cols; c += 32) m = xr[c] > m ? xr[c] : m;
        m = warp_max(m);
        T s = 0;
        for (long long c = lane; c < cols; c += 32) s += exp(xr[c] - m);
        s = warp_sum(s);
        T lse = log(s);
        for (long long c = lane; c < cols; c += 32) yr[c] = xr[c] - m - lse;
    }
}
INSTANTIATE(log_softmax_rows, (const T* x, T* out, long long rows, long long cols), (x, out, rows, cols))

// out[r] = sum of x[r, :] over a strided matrix
template <typename T> __device__ void row_sums(const T* x, long long ldx, T* out, long long rows, long long cols) {
    int lane = threadIdx.x;
    ROW_LOOP(r, rows) {
        const T* xr = x + r * ldx;
        T s = 0;
        for (long long c = lane; c < cols; c += 32) s += xr[c];
        s = warp_sum(s);
        if (lane == 0) out[r] = s;
    }
}
INSTANTIATE(row_sums, (const T* x, long long ldx, T* out, long long rows, long long cols), (x, ldx, out, rows, cols))

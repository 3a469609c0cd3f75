// Deterministic per-column reductions of c-order [rows, cols] arrays, in two stages: each block
// of 32 x 8 threads sums a tile of 32 columns over one chunk of rows into partial[chunk, col],
// then column_finish adds the chunks in index order. The host picks the chunking
// (LaunchGeometry.columnChunks); the additions happen in the same order on every run.
#include "common.cuh"

// Reduction modes (org.pointea.models.cuda.ColumnReduction, same order).
#define RED_SUM 0          // x
#define RED_SQUARED_DEV 1  // (x - mean[c])^2
#define RED_PRODUCT 2      // x * y

extern "C" __global__ void column_partial_f32(int mode, const float* x, long long ldx, const float* y,
                                              long long ldy, const float* mean, long long rows, long long cols,
                                              long long rowsPerChunk, float* partial) {
    __shared__ float tile[8][33];
    long long c = (long long) blockIdx.x * 32 + threadIdx.x;
    long long start = (long long) blockIdx.y * rowsPerChunk;
    long long end = min(start + rowsPerChunk, rows);
    float s = 0.0f;
    if (c < cols) {
        float mu = mode == RED_SQUARED_DEV ? mean[c] : 0.0f;
        for (long long r = start + threadIdx.y; r < end; r += 8) {
            float v = x[r * ldx + c];
            if (mode == RED_SQUARED_DEV) { v -= mu; v *= v; }
            else if (mode == RED_PRODUCT) { v *= y[r * ldy + c]; }
            s += v;
        }
    }
    tile[threadIdx.y][threadIdx.x] = s;
    __syncthreads();
    if (threadIdx.y == 0 && c < cols) {
        float t = 0.0f;
        for (int k = 0; k < 8; k++) t += tile[k][threadIdx.x];
        partial[(long long) blockIdx.y * cols + c] = t;
    }
}

// out[c] = scale * sum over chunks of partial[chunk, c] + beta * out[c]
extern "C" __global__ void column_finish_f32(const float* partial, long long chunks, long long cols, float scale,
                                             float beta, float* out) {
    GRID_STRIDE_LOOP(c, cols) {
        float t = 0.0f;
        for (long long k = 0; k < chunks; k++) t += partial[k * cols + c];
        out[c] = beta == 0.0f ? scale * t : scale * t + beta * out[c];
    }
}

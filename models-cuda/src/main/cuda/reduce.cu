// Deterministic reductions. Column sums run in two stages: blocks of 32 x 8 threads sum a tile of 32
// columns over one chunk of rows into partial[chunk, col], then column_finish adds the chunks in
// index order (LaunchGeometry.columnChunks picks the chunking). The additions happen in the same
// order on every run of the same shape.
#include "common.cuh"

template <typename T> __device__ void column_partial(const T* x, long long ldx, long long rows, long long cols,
                                                     long long rowsPerChunk, T* partial) {
    __shared__ T tile[8][33];
    long long c = (long long) blockIdx.x * 32 + threadIdx.x;
    long long start = (long long) blockIdx.y * rowsPerChunk;
    long long end = min(start + rowsPerChunk, rows);
    T s = 0;
    if (c < cols) {
        for (long long r = start + threadIdx.y; r < end; r += 8) s += x[r * ldx + c];
    }
    tile[threadIdx.y][threadIdx.x] = s;
    __syncthreads();
    if (threadIdx.y == 0 && c < cols) {
        T t = 0;
        for (int k = 0; k < 8; k++) t += tile[k][threadIdx.x];
        partial[(long long) blockIdx.y * cols + c] = t;
    }
}
INSTANTIATE(column_partial, (const T* x, long long ldx, long long rows, long long cols, long long rowsPerChunk,
            T* partial), (x, ldx, rows, cols, rowsPerChunk, partial))

// out[c] = sum over chunks of partial[chunk, c]
template <typename T> __device__ void column_finish(const T* partial, long long chunks, long long cols, T* out) {
    GRID_STRIDE_LOOP(c, cols) {
        T t = 0;
        for (long long k = 0; k < chunks; k++) t += partial[k * cols + c];
        out[c] = t;
    }
}
INSTANTIATE(column_finish, (const T* partial, long long chunks, long long cols, T* out), (partial, chunks, cols, out))

// Sum over some axes: one thread per output element. d.n = kept dims, d.s0 = x's strides along
// them; reduced dims: sizes in d.s2, strides in d.s1 (unused entries size 1). out contiguous.
template <typename T> __device__ void sum_axes(const T* x, T* out, Dims d, long long count) {
    long long reduced = 1;
    for (int k = 0; k < MAX_RANK; k++) reduced *= d.s2[k];
    GRID_STRIDE_LOOP(i, count) {
        long long base = 0;
        long long rest = i;
        for (int k = MAX_RANK - 1; k >= 0; k--) {
            long long c = rest % d.n[k];
            rest /= d.n[k];
            base += c * d.s0[k];
        }
        T s = 0;
        for (long long j = 0; j < reduced; j++) {
            long long off = 0;
            long long q = j;
            for (int k = MAX_RANK - 1; k >= 0; k--) {
                long long c = q % d.s2[k];
                q /= d.s2[k];
                off += c * d.s1[k];
            }
            s += x[base + off];
        }
        out[i] = s;
    }
}
INSTANTIATE(sum_axes, (const T* x, T* out, Dims d, long long count), (x, out, d, count))

// partial[b] = sum of x[b chunk, (b + 1) chunk) in double, by a fixed tree over 256 threads
template <typename T> __device__ void block_sums(const T* x, long long n, long long chunk, double* partial) {
    __shared__ double s[256];
    long long start = (long long) blockIdx.x * chunk;
    long long end = min(start + chunk, n);
    double t = 0;
    for (long long i = start + threadIdx.x; i < end; i += blockDim.x) t += (double) x[i];
    s[threadIdx.x] = t;
    __syncthreads();
    for (int w = 128; w > 0; w >>= 1) {
        if (threadIdx.x < w) s[threadIdx.x] += s[threadIdx.x + w];
        __syncthreads();
    }
    if (threadIdx.x == 0) partial[blockIdx.x] = s[0];
}
INSTANTIATE(block_sums, (const T* x, long long n, long long chunk, double* partial), (x, n, chunk, partial))

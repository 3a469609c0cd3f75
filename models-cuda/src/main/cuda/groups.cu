// Batch norm, pooling over groups of k consecutive rows (a centre's neighbours, a cloud's points),
// row gathers and the deterministic scatter-add (a CSR index built on the device), on c-order arrays.
#include "common.cuh"

// out = (x - mean) / sqrt(var + eps) * gamma + beta over [rows, cols], statistics [cols] (out may be x)
template <typename T> __device__ void batchnorm(const T* x, const T* mean, const T* var, const T* gamma,
                                                const T* beta, T eps, T* out, long long rows, long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long c = i % cols;
        out[i] = (x[i] - mean[c]) / sqrt(var[c] + eps) * gamma[c] + beta[c];
    }
}
INSTANTIATE(batchnorm, (const T* x, const T* mean, const T* var, const T* gamma, const T* beta, T eps, T* out,
            long long rows, long long cols), (x, mean, var, gamma, beta, eps, out, rows, cols))

// out[g, c] = max over j < k of x[g k + j, c]
template <typename T> __device__ void group_max(const T* x, long long k, long long groups, long long cols, T* out) {
    long long n = groups * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long g = i / cols;
        const T* base = x + g * k * cols + (i - g * cols);
        T m = base[0];
        for (long long j = 1; j < k; j++) { T v = base[j * cols]; if (v > m) m = v; }
        out[i] = m;
    }
}
INSTANTIATE(group_max, (const T* x, long long k, long long groups, long long cols, T* out), (x, k, groups, cols, out))

// dx[g k + j, c] = dOut[g, c] for the first j reaching the group's max, 0 for the other rows
// (one thread per (g, c) writes its k elements of dx)
template <typename T> __device__ void group_max_backward(const T* x, const T* dOut, long long k, long long groups,
                                                         long long cols, T* dx) {
    long long n = groups * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long g = i / cols;
        long long off = g * k * cols + (i - g * cols);
        const T* base = x + off;
        T m = base[0];
        long long at = 0;
        for (long long j = 1; j < k; j++) { T v = base[j * cols]; if (v > m) { m = v; at = j; } }
        T d = dOut[i];
        for (long long j = 0; j < k; j++) dx[off + j * cols] = j == at ? d : (T) 0;
    }
}
INSTANTIATE(group_max_backward, (const T* x, const T* dOut, long long k, long long groups, long long cols, T* dx),
            (x, dOut, k, groups, cols, dx))

// out[g, c] = (sum over j < k of x[g k + j, c]) / k
template <typename T> __device__ void group_mean(const T* x, long long k, long long groups, long long cols, T* out) {
    long long n = groups * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long g = i / cols;
        const T* base = x + g * k * cols + (i - g * cols);
        T s = 0;
        for (long long j = 0; j < k; j++) s += base[j * cols];
        out[i] = s / (T) k;
    }
}
INSTANTIATE(group_mean, (const T* x, long long k, long long groups, long long cols, T* out), (x, k, groups, cols, out))

// x[g k + j, c] += perGroup[g, c]
template <typename T> __device__ void add_to_groups(T* x, const T* perGroup, long long k, long long groups,
                                                    long long cols) {
    long long n = groups * k * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long row = i / cols;
        x[i] = x[i] + perGroup[(row / k) * cols + (i - row * cols)];
    }
}
INSTANTIATE(add_to_groups, (T* x, const T* perGroup, long long k, long long groups, long long cols),
            (x, perGroup, k, groups, cols))

// out[r, :] = table[idx[r], :]
template <typename T> __device__ void gather_rows(const T* table, const int* idx, T* out, long long rows,
                                                  long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        out[i] = table[(long long) idx[r] * cols + (i - r * cols)];
    }
}
INSTANTIATE(gather_rows, (const T* table, const int* idx, T* out, long long rows, long long cols),
            (table, idx, out, rows, cols))

// ---- the scatter-add's CSR index, built on the device -------------------------------------------
// counts[t] = number of i with idx[i] == t (counts zeroed first; integer atomics: exact)
extern "C" __global__ void scatter_count(const int* idx, long long m, int* counts) {
    GRID_STRIDE_LOOP(i, m) { atomicAdd(counts + idx[i], 1); }
}

// offsets[0] = 0, offsets[t + 1] = offsets[t] + counts[t]; cursor[t] = offsets[t]. One block of
// 1024 threads: each thread scans a contiguous slice, then the slice totals are scanned.
extern "C" __global__ void exclusive_scan(const int* counts, long long targets, int* offsets, int* cursor) {
    __shared__ long long totals[1024];
    long long per = (targets + blockDim.x - 1) / blockDim.x;
    long long start = threadIdx.x * per;
    long long end = min(start + per, targets);
    long long t = 0;
    for (long long i = start; i < end; i++) t += counts[i];
    totals[threadIdx.x] = t;
    __syncthreads();
    if (threadIdx.x == 0) {
        long long run = 0;
        for (int k = 0; k < (int) blockDim.x; k++) { long long v = totals[k]; totals[k] = run; run += v; }
        offsets[targets] = (int) run;
    }
    __syncthreads();
    long long run = totals[threadIdx.x];
    for (long long i = start; i < end; i++) { offsets[i] = (int) run; cursor[i] = (int) run; run += counts[i]; }
}

// order[cursor[idx[i]]++] = i: every source row lands in its target's run (in no fixed order yet)
extern "C" __global__ void scatter_place(const int* idx, long long m, int* cursor, int* order) {
    GRID_STRIDE_LOOP(i, m) { order[atomicAdd(cursor + idx[i], 1)] = (int) i; }
}

// Sorts each target's run of order ascending (insertion sort: runs are short, a few times k), which
// fixes the summation order whatever order the atomics placed the rows in.
extern "C" __global__ void segment_sort(int* order, const int* offsets, long long targets) {
    GRID_STRIDE_LOOP(t, targets) {
        int lo = offsets[t];
        int hi = offsets[t + 1];
        for (int a = lo + 1; a < hi; a++) {
            int v = order[a];
            int b = a - 1;
            while (b >= lo && order[b] > v) { order[b + 1] = order[b]; b--; }
            order[b + 1] = v;
        }
    }
}

// out[t, c] = sum of src[order[j], c] for j in [offsets[t], offsets[t + 1]), in that order (0 if none)
template <typename T> __device__ void scatter_add_csr(const T* src, const int* order, const int* offsets, T* out,
                                                      long long targets, long long cols) {
    long long n = targets * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long t = i / cols;
        long long c = i - t * cols;
        T s = 0;
        for (int j = offsets[t]; j < offsets[t + 1]; j++) s += src[(long long) order[j] * cols + c];
        out[i] = s;
    }
}
INSTANTIATE(scatter_add_csr, (const T* src, const int* order, const int* offsets, T* out, long long targets,
            long long cols), (src, order, offsets, out, targets, cols))

// Gathers, deterministic scatter-adds and pooling over groups of k consecutive rows (a centre's
// k neighbours, or a cloud's points), on c-order float32 arrays with int32 indices.
#include "common.cuh"

// out[r, c] = table[idx[r], c]   (strided 2-D)
extern "C" __global__ void gather_rows_f32(const float* table, long long ldt, const int* idx, float* out,
                                           long long ldo, long long rows, long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        long long c = i - r * cols;
        out[r * ldo + c] = table[(long long) idx[r] * ldt + c];
    }
}

// The transpose of gather_rows, without atomics: out[t, c] = beta out[t, c] + sum of src[order[j], c]
// for j in [offsets[t], offsets[t + 1]). The host builds (order, offsets) from the gather indices
// once per batch (ScatterIndex): sources sorted by target, stably, so the sum's order is fixed.
extern "C" __global__ void scatter_add_csr_f32(const float* src, long long lds, const int* order,
                                               const int* offsets, float beta, float* out, long long ldo,
                                               long long targets, long long cols) {
    long long n = targets * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long t = i / cols;
        long long c = i - t * cols;
        float s = 0.0f;
        for (int j = offsets[t]; j < offsets[t + 1]; j++) s += src[(long long) order[j] * lds + c];
        float* o = out + t * ldo + c;
        *o = beta == 0.0f ? s : beta * *o + s;
    }
}

// x[g k + r, c] = x[g k + r, c] + alpha perGroup[g, c]   (in place; x is [groups k, cols])
extern "C" __global__ void add_to_groups_f32(float* x, const float* perGroup, float alpha, long long k,
                                             long long groups, long long cols) {
    long long n = groups * k * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long row = i / cols;
        long long c = i - row * cols;
        x[i] += alpha * perGroup[(row / k) * cols + c];
    }
}

// out[g, c] = max over r < k of x[g k + r, c]; argmax[g, c] = the first r reaching it (argmax may
// be null in inference)
extern "C" __global__ void group_max_f32(const float* x, long long k, long long groups, long long cols, float* out,
                                         int* argmax) {
    long long n = groups * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long g = i / cols;
        long long c = i - g * cols;
        const float* base = x + g * k * cols + c;
        float m = base[0];
        int at = 0;
        for (long long r = 1; r < k; r++) {
            float v = base[r * cols];
            if (v > m) { m = v; at = (int) r; }
        }
        out[i] = m;
        if (argmax != nullptr) argmax[i] = at;
    }
}

// dx[g k + r, c] = r == argmax[g, c] ? dOut[g, c] : 0   (writes every element of dx)
extern "C" __global__ void group_max_backward_f32(const float* dOut, const int* argmax, long long k,
                                                  long long groups, long long cols, float* dx) {
    long long n = groups * k * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long row = i / cols;
        long long c = i - row * cols;
        long long g = row / k;
        long long r = row - g * k;
        long long at = g * cols + c;
        dx[i] = argmax[at] == (int) r ? dOut[at] : 0.0f;
    }
}

// out[g, c] = scale * sum over r < k of x[g k + r, c]   (scale 1/k: the mean)
extern "C" __global__ void group_sum_f32(const float* x, float scale, long long k, long long groups,
                                         long long cols, float* out) {
    long long n = groups * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long g = i / cols;
        long long c = i - g * cols;
        const float* base = x + g * k * cols + c;
        float s = 0.0f;
        for (long long r = 0; r < k; r++) s += base[r * cols];
        out[i] = scale * s;
    }
}

// dx[g k + r, c] = scale * dOut[g, c]   (the mean's backward with scale 1/k)
extern "C" __global__ void group_broadcast_f32(const float* dOut, float scale, long long k, long long groups,
                                               long long cols, float* dx) {
    long long n = groups * k * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long row = i / cols;
        long long c = i - row * cols;
        dx[i] = scale * dOut[(row / k) * cols + c];
    }
}

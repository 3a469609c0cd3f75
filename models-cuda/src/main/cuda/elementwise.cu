// Elementwise kernels: fill, axpy, binary (same shape or broadcast), scalar, unary, permute and
// Bernoulli draws. 2-D kernels take a row stride (elements) per matrix, so column blocks of a
// wider matrix are read and written in place.
#include "common.cuh"

// y[r, c] = v over a strided [rows, cols] matrix
template <typename T> __device__ void fill2d(T* y, long long ldy, long long rows, long long cols, T v) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        y[r * ldy + (i - r * cols)] = v;
    }
}
INSTANTIATE(fill2d, (T* y, long long ldy, long long rows, long long cols, T v), (y, ldy, rows, cols, v))

// y = y + alpha x   (contiguous, same length)
template <typename T> __device__ void axpy(T alpha, const T* x, T* y, long long n) {
    GRID_STRIDE_LOOP(i, n) { y[i] = y[i] + alpha * x[i]; }
}
INSTANTIATE(axpy, (T alpha, const T* x, T* y, long long n), (alpha, x, y, n))

// out = x (op) y   (contiguous, same length; out may be x or y)
template <typename T> __device__ void binary(int op, const T* x, const T* y, T* out, long long n) {
    GRID_STRIDE_LOOP(i, n) { out[i] = binary_op<T>(op, x[i], y[i]); }
}
INSTANTIATE(binary, (int op, const T* x, const T* y, T* out, long long n), (op, x, y, out, n))

// out = x (op) y with y broadcast and any strides: d.n = out's dims, d.s0 = x's strides,
// d.s1 = y's strides (0 along broadcast dimensions), d.s2 = out's strides; count = product of d.n
template <typename T> __device__ void binary_bcast(int op, const T* x, const T* y, T* out, Dims d, long long count) {
    GRID_STRIDE_LOOP(i, count) {
        long long ox, oy, oo;
        offsets3(d, i, ox, oy, oo);
        out[oo] = binary_op<T>(op, x[ox], y[oy]);
    }
}
INSTANTIATE(binary_bcast, (int op, const T* x, const T* y, T* out, Dims d, long long count),
            (op, x, y, out, d, count))

// out[r, c] = x[r, c] (op) s over strided [rows, cols] matrices (out may be x)
template <typename T> __device__ void scalar2d(int op, const T* x, long long ldx, T s, T* out, long long ldo,
                                               long long rows, long long cols) {
    long long n = rows * cols;
    GRID_STRIDE_LOOP(i, n) {
        long long r = i / cols;
        long long c = i - r * cols;
        out[r * ldo + c] = scalar_op<T>(op, x[r * ldx + c], s);
    }
}
INSTANTIATE(scalar2d, (int op, const T* x, long long ldx, T s, T* out, long long ldo, long long rows, long long cols),
            (op, x, ldx, s, out, ldo, rows, cols))

// out = f(x)   (contiguous; out may be x)
template <typename T> __device__ void unary(int op, const T* x, T* out, long long n) {
    GRID_STRIDE_LOOP(i, n) { out[i] = unary_op<T>(op, x[i]); }
}
INSTANTIATE(unary, (int op, const T* x, T* out, long long n), (op, x, out, n))

// out = x with permuted axes: d.n = out's dims, d.s0 = x's stride along each out axis,
// d.s2 = out's strides (d.s1 unused)
template <typename T> __device__ void permute(const T* x, T* out, Dims d, long long count) {
    GRID_STRIDE_LOOP(i, count) {
        long long ox, unused, oo;
        offsets3(d, i, ox, unused, oo);
        out[oo] = x[ox];
    }
}
INSTANTIATE(permute, (const T* x, T* out, Dims d, long long count), (x, out, d, count))

// out[i] = u < p ? 1 : 0, u uniform in [0, 1) with 53 random bits from a SplitMix64 hash of
// (seed, offset + i): the same (seed, offset) gives the same draws on any GPU and any grid.
template <typename T> __device__ void bernoulli(T* out, double p, unsigned long long seed,
                                                unsigned long long offset, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        unsigned long long z = seed + (offset + (unsigned long long) i + 1ull) * 0x9E3779B97F4A7C15ull;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        double u = (double) (z >> 11) * (1.0 / 9007199254740992.0);
        out[i] = u < p ? (T) 1 : (T) 0;
    }
}
INSTANTIATE(bernoulli, (T* out, double p, unsigned long long seed, unsigned long long offset, long long n),
            (out, p, seed, offset, n))

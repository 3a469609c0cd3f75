// Shared definitions of pointea's CUDA kernels (org.pointea.models.cuda.CudaBackend).
//
// Every kernel is a template over the element type T (float or double) instantiated twice as
// extern "C" entries NAME_f32 and NAME_f64 (INSTANTIATE below), so the PTX entry names are the ones
// org.pointea.models.cuda.Kernel lists. Element counts are long long; kernels walk their range with
// a grid-stride loop, so any grid the host picks (LaunchGeometry) covers every element.
#pragma once

#define GRID_STRIDE_LOOP(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long) blockDim.x * gridDim.x)

// One kernel per element type from a __device__ template NAME<T>: NAME_f32 (float) and NAME_f64
// (double). PARAMS is the parameter list in parentheses, written with T; ARGS the argument list.
#define INSTANTIATE(NAME, PARAMS, ARGS) \
    namespace f32_##NAME { typedef float T; extern "C" __global__ void NAME##_f32 PARAMS { NAME<T> ARGS; } } \
    namespace f64_##NAME { typedef double T; extern "C" __global__ void NAME##_f64 PARAMS { NAME<T> ARGS; } }

// Up to six dimensions with three stride sets, passed by value (192 bytes). Each kernel says what
// n, s0, s1 and s2 hold; unused leading dimensions have n = 1.
#define MAX_RANK 6
struct Dims {
    long long n[MAX_RANK];
    long long s0[MAX_RANK];
    long long s1[MAX_RANK];
    long long s2[MAX_RANK];
};

// Offsets of element i (row-major over d.n) along the three stride sets.
__device__ __forceinline__ void offsets3(const Dims& d, long long i, long long& o0, long long& o1,
                                         long long& o2) {
    o0 = 0; o1 = 0; o2 = 0;
#pragma unroll
    for (int k = MAX_RANK - 1; k >= 0; k--) {
        long long c = i % d.n[k];
        i /= d.n[k];
        o0 += c * d.s0[k];
        o1 += c * d.s1[k];
        o2 += c * d.s2[k];
    }
}

// Binary operation codes: the ordinals of org.pointea.models.backend.BinaryOp.
#define BIN_ADD 0
#define BIN_SUBTRACT 1
#define BIN_MULTIPLY 2
#define BIN_DIVIDE 3
#define BIN_SQUARED_DIFFERENCE 4
#define BIN_MAXIMUM 5

// Scalar operation codes: the ordinals of org.pointea.models.backend.ScalarOp.
#define SCA_ADD 0
#define SCA_SUBTRACT 1
#define SCA_MULTIPLY 2
#define SCA_DIVIDE 3
#define SCA_REVERSE_DIVIDE 4

// Unary operation codes: the ordinals of org.pointea.models.backend.UnaryOp.
#define UNA_RELU 0
#define UNA_STEP 1
#define UNA_SQRT 2
#define UNA_NEGATE 3

template <typename T> __device__ __forceinline__ T quiet_nan() { return (T) __int_as_float(0x7fc00000); }

template <typename T> __device__ __forceinline__ T binary_op(int op, T a, T b) {
    switch (op) {
        case BIN_ADD: return a + b;
        case BIN_SUBTRACT: return a - b;
        case BIN_MULTIPLY: return a * b;
        case BIN_DIVIDE: return a / b;
        case BIN_SQUARED_DIFFERENCE: { T d = a - b; return d * d; }
        case BIN_MAXIMUM: return a > b ? a : b;   // as libnd4j: b when either is NaN and a is not greater
        default: return quiet_nan<T>();  // an unknown code shows in the result
    }
}

template <typename T> __device__ __forceinline__ T scalar_op(int op, T x, T s) {
    switch (op) {
        case SCA_ADD: return x + s;
        case SCA_SUBTRACT: return x - s;
        case SCA_MULTIPLY: return x * s;
        case SCA_DIVIDE: return x / s;
        case SCA_REVERSE_DIVIDE: return s / x;
        default: return quiet_nan<T>();
    }
}

template <typename T> __device__ __forceinline__ T unary_op(int op, T x) {
    switch (op) {
        case UNA_RELU: return x > (T) 0 ? x : (T) 0;
        case UNA_STEP: return x > (T) 0 ? (T) 1 : (T) 0;
        case UNA_SQRT: return sqrt(x);
        case UNA_NEGATE: return -x;
        default: return quiet_nan<T>();
    }
}

// Sum over the 32 lanes of a warp (butterfly: every lane gets the total, in a fixed order).
template <typename T> __device__ __forceinline__ T warp_sum(T v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

template <typename T> __device__ __forceinline__ T warp_max(T v) {
    for (int o = 16; o > 0; o >>= 1) {
        T w = __shfl_xor_sync(0xffffffffu, v, o);
        v = w > v ? w : v;
    }
    return v;
}

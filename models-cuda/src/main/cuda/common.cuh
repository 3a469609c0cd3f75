// Shared helpers of pointea's CUDA kernels. Every kernel is extern "C" (its PTX entry name is the
// Java name in org.pointea.models.cuda.Kernel), takes element counts as long long and walks its
// range with a grid-stride loop, so any grid the host picks (LaunchGeometry) covers every element.
#pragma once

#define GRID_STRIDE_LOOP(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long) blockDim.x * gridDim.x)

// Binary operation codes, shared with org.pointea.models.cuda.BinaryOp (same order).
#define OP_ADD 0
#define OP_SUB 1
#define OP_MUL 2
#define OP_DIV 3
#define OP_SQUARED_DIFF 4
#define OP_MAX 5
#define OP_MIN 6
#define OP_RSUB 7
#define OP_RDIV 8

__device__ __forceinline__ float apply_op(int op, float a, float b) {
    switch (op) {
        case OP_ADD: return a + b;
        case OP_SUB: return a - b;
        case OP_MUL: return a * b;
        case OP_DIV: return a / b;
        case OP_SQUARED_DIFF: { float d = a - b; return d * d; }
        case OP_MAX: return fmaxf(a, b);
        case OP_MIN: return fminf(a, b);
        case OP_RSUB: return b - a;
        case OP_RDIV: return b / a;
        default: return __int_as_float(0x7fc00000);  // NaN: an unknown code shows in the result
    }
}

// Activation codes, shared with org.pointea.models.cuda.Activation (same order).
#define ACT_NONE 0
#define ACT_RELU 1
#define ACT_LEAKY 2

__device__ __forceinline__ float activate(int act, float x, float slope) {
    switch (act) {
        case ACT_RELU: return fmaxf(x, 0.0f);
        case ACT_LEAKY: return fmaxf(x, slope * x);
        default: return x;
    }
}

// Derivative of the activation from its output y (ReLU and LeakyReLU with slope > 0 keep the sign).
__device__ __forceinline__ float activate_grad(int act, float y, float slope) {
    switch (act) {
        case ACT_RELU: return y > 0.0f ? 1.0f : 0.0f;
        case ACT_LEAKY: return y > 0.0f ? 1.0f : slope;
        default: return 1.0f;
    }
}

// Sum over the 32 lanes of a warp; every lane gets the total. The order of additions is fixed,
// so results are reproducible run to run.
__device__ __forceinline__ float warp_sum(float v) {
    for (int o = 16; o > 0; o >>= 1) {
        v += __shfl_xor_sync(0xffffffffu, v, o);
    }
    return v;
}

__device__ __forceinline__ float warp_max(float v) {
    for (int o = 16; o > 0; o >>= 1) {
        v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    }
    return v;
}

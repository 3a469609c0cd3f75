// Optimiser steps over a parameter's flat float32 values, one thread per element, in the same
// arithmetic order as the CPU optimisers (org.pointea.models.train).
#include "common.cuh"

// Adam with L2 weight decay added to the gradient (g may be overwritten with it):
// g += wd p; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / c1 * m / (sqrt(v / c2) + eps)
// where c1 = 1 - b1^t and c2 = 1 - b2^t are computed on the host. AdamW's decoupled decay is a
// scalar_f32 multiply of p by (1 - lr wd) before this step, as on the CPU.
extern "C" __global__ void adam_f32(float* p, float* g, float* m, float* v, float lr, float beta1, float beta2,
                                    float eps, float c1, float c2, float weightDecay, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        float gi = g[i];
        if (weightDecay != 0.0f) { gi += weightDecay * p[i]; g[i] = gi; }
        float mi = beta1 * m[i] + (1.0f - beta1) * gi;
        float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= lr / c1 * (mi / (sqrtf(vi / c2) + eps));
    }
}

// SGD with momentum mu and L2 weight decay: g += wd p; buf = first ? g : mu buf + g; p -= lr buf
extern "C" __global__ void sgd_f32(float* p, float* g, float* buf, float lr, float momentum, float weightDecay,
                                   int first, long long n) {
    GRID_STRIDE_LOOP(i, n) {
        float gi = g[i];
        if (weightDecay != 0.0f) { gi += weightDecay * p[i]; g[i] = gi; }
        float step = gi;
        if (momentum != 0.0f) {
            step = first ? gi : momentum * buf[i] + gi;
            buf[i] = step;
        }
        p[i] -= lr * step;
    }
}

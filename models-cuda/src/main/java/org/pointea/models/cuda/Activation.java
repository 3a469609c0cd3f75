package org.pointea.models.cuda;

/** The activation codes of the fused kernels ({@code common.cuh}, same order). */
public enum Activation {
    /** Identity. */
    NONE,
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code max(x, slope * x)} (PCT's LeakyReLU, slope 0.2). */
    LEAKY_RELU;

    /** The code passed to the kernel. */
    public int code() {
        return ordinal();
    }
}

package org.pointea.models.cuda;

/** The operation codes of the elementwise and broadcast kernels ({@code common.cuh}, same order). */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code (a - b)^2}. */
    SQUARED_DIFF,
    /** {@code max(a, b)}. */
    MAX,
    /** {@code min(a, b)}. */
    MIN,
    /** {@code b - a}. */
    RSUB,
    /** {@code b / a}. */
    RDIV;

    /** The code passed to the kernel. */
    public int code() {
        return ordinal();
    }
}

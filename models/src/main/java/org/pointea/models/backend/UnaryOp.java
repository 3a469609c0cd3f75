package org.pointea.models.backend;

/** The elementwise functions of {@link Backend#unary}. */
public enum UnaryOp {
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code x > 0 ? 1 : 0} (the derivative of ReLU as the layers use it; 0 at 0 and for NaN). */
    STEP,
    /** {@code √x}, correctly rounded. */
    SQRT,
    /** {@code −x}. */
    NEGATE
}

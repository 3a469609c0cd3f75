package org.pointea.models.backend;

/**
 * The operations of {@link Backend#scalar} between an array and one number {@code s}, which is
 * first rounded to the array's type: {@code out = x (op) s}, each result rounded once.
 */
public enum ScalarOp {
    /** {@code x + s}. */
    ADD,
    /** {@code x − s}. */
    SUBTRACT,
    /** {@code x · s}. */
    MULTIPLY,
    /** {@code x / s} (a true division, never a multiplication by {@code 1/s}). */
    DIVIDE,
    /** {@code s / x}. */
    REVERSE_DIVIDE
}

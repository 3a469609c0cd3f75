package org.pointea.models.backend;

/**
 * The elementwise binary operations of {@link Backend#binary}: {@code out = x (op) y}, each
 * result rounded once to the array type (IEEE 754 round to nearest even).
 */
public enum BinaryOp {
    /** {@code x + y}. */
    ADD,
    /** {@code x − y}. */
    SUBTRACT,
    /** {@code x · y}. */
    MULTIPLY,
    /** {@code x / y}. */
    DIVIDE,
    /** {@code (x − y)²}, the difference rounded first, then squared. */
    SQUARED_DIFFERENCE,
    /** {@code max(x, y)}. */
    MAXIMUM
}

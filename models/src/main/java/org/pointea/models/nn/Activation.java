package org.pointea.models.nn;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;

/** An elementwise activation applied in place, with its backward from the activation's output. */
public enum Activation {
    /** Identity. */
    NONE,
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code x > 0 ? x : 0.2 x} (PCT's fuse and head layers). */
    LEAKY_RELU;

    /** Negative slope of {@link #LEAKY_RELU}. */
    public static final double LEAKY_SLOPE = 0.2;

    /** Applies the activation to {@code x} in place; {@code scratch} has x's shape. */
    public void forwardInPlace(DeviceArray x, DeviceArray scratch) {
        Backend be = x.backend();
        switch (this) {
            case NONE -> { }
            case RELU -> be.unary(UnaryOp.RELU, x, x);
            case LEAKY_RELU -> {
                // libnd4j's LeakyReLU op is ~4x slower than max(x, 0.2x) (docs/engine.md)
                be.scalar(ScalarOp.MULTIPLY, x, LEAKY_SLOPE, scratch);
                be.binary(BinaryOp.MAXIMUM, x, scratch, x);
            }
            default -> throw new AssertionError(this);
        }
    }

    /**
     * Turns {@code dy} (gradient w.r.t. the output {@code y}) into the gradient w.r.t. the input,
     * in place. {@code scratch} has y's shape.
     */
    public void backwardInPlace(DeviceArray dy, DeviceArray y, DeviceArray scratch) {
        Backend be = dy.backend();
        switch (this) {
            case NONE -> { }
            case RELU -> {
                be.unary(UnaryOp.STEP, y, scratch);
                be.binary(BinaryOp.MULTIPLY, dy, scratch, dy);
            }
            case LEAKY_RELU -> {
                be.unary(UnaryOp.STEP, y, scratch);
                be.scalar(ScalarOp.MULTIPLY, scratch, 1 - LEAKY_SLOPE, scratch);
                be.scalar(ScalarOp.ADD, scratch, LEAKY_SLOPE, scratch);
                be.binary(BinaryOp.MULTIPLY, dy, scratch, dy);
            }
            default -> throw new AssertionError(this);
        }
    }
}

package org.pointea.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;

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
    public void forwardInPlace(INDArray x, INDArray scratch) {
        switch (this) {
            case NONE -> { }
            case RELU -> Ops.relu(x, x);
            case LEAKY_RELU -> {
                // libnd4j's LeakyReLU scalar op is ~20x slower than max(x, 0.2x)
                Nd4j.exec(new ScalarMultiplication(x, null, scratch, LEAKY_SLOPE));
                Ops.exec("maximum", new INDArray[] {x, scratch}, new INDArray[] {x}, null, null);
            }
            default -> throw new AssertionError(this);
        }
    }

    /**
     * Turns {@code dy} (gradient w.r.t. the output {@code y}) into the gradient w.r.t. the input,
     * in place. {@code scratch} has y's shape.
     */
    public void backwardInPlace(INDArray dy, INDArray y, INDArray scratch) {
        switch (this) {
            case NONE -> { }
            case RELU -> {
                Ops.step(y, scratch);
                dy.muli(scratch);
            }
            case LEAKY_RELU -> {
                Ops.step(y, scratch);
                scratch.muli(1 - LEAKY_SLOPE).addi(LEAKY_SLOPE);
                dy.muli(scratch);
            }
            default -> throw new AssertionError(this);
        }
    }
}

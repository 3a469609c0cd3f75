package org.pointea.models.nn;

import org.pointea.models.backend.DeviceArray;

/**
 * A named trainable tensor with its gradient. Every backward pass overwrites {@link #grad()}
 * completely (owners write, never accumulate across steps), so no zeroing pass is needed.
 *
 * @param name   hierarchical name, e.g. {@code sa.0.q.weight} (matches the PyTorch reference)
 * @param value  the parameter
 * @param grad   its gradient, same shape
 * @param init   how {@link ParamStore#initialise(long)} fills it
 */
public record Param(String name, DeviceArray value, DeviceArray grad, Init init) {

    /** Number of scalars. */
    public long length() {
        return value.length();
    }

    /** How a parameter is initialised. */
    public sealed interface Init permits Uniform, Constant {
    }

    /** Uniform in {@code [-bound, bound]} (PyTorch's default for conv / linear weights and biases). */
    public record Uniform(double bound) implements Init {
    }

    /** A constant (batch-norm scale 1, shift 0). */
    public record Constant(double value) implements Init {
    }

    /** PyTorch's default for a weight or bias of a layer with this fan-in: U(±1/√fanIn). */
    public static Init fanIn(long fanIn) {
        return new Uniform(1.0 / Math.sqrt(fanIn));
    }
}

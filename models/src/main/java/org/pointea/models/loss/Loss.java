package org.pointea.models.loss;

import org.pointea.models.backend.DeviceArray;

/**
 * A training loss over a network's output rows with one integer target per row. {@link #forward}
 * returns the mean loss and leaves {@code dL/dOutputs} in {@link #gradient()} for the network's
 * backward pass.
 */
public interface Loss extends AutoCloseable {

    /**
     * The mean loss of {@code outputs [R, C]} against {@code targets} (R values in {@code [0, C)}).
     *
     * @throws IllegalArgumentException when the targets do not fit the outputs
     */
    double forward(DeviceArray outputs, int[] targets);

    /** {@code dL/dOutputs} of the last {@link #forward} (owned by the loss, valid until its next call). */
    DeviceArray gradient();

    /** Releases the loss's buffers; idempotent. */
    @Override
    void close();
}

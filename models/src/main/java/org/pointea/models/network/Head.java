package org.pointea.models.network;

import org.pointea.models.backend.DeviceArray;

/**
 * The task-specific end of a network: backbone features (and the batch, for per-cloud inputs such
 * as a part segmenter's object category) in, task outputs (logits) out. Arrays it returns belong
 * to it and stay valid until its next call.
 */
public interface Head {

    /** Output channels per row (classes, parts). */
    int outputs();

    /** Forward pass over the backbone's features. */
    DeviceArray forward(DeviceArray features, PreparedBatch batch, boolean training);

    /**
     * Backward pass from {@code dL/dOutputs} (may be overwritten): writes the head's parameter
     * gradients and returns {@code dL/dFeatures} (owned by the head).
     */
    DeviceArray backward(DeviceArray dOutputs);

    /** Restarts the head's dropout generators, if it has any. */
    default void reseedDropout(long seed) {
    }
}

package org.pointea.models.network;

import org.pointea.models.backend.DeviceArray;

/**
 * The task-independent part of a network: clouds in, features out, either one row per cloud
 * ({@link Level#CLOUD}, e.g. PCT's classification backbone after its max pooling) or one row per
 * point ({@link Level#POINT}, PCT's segmentation backbone). Built into a network's
 * {@link org.pointea.models.nn.ParamStore} and {@link org.pointea.models.backend.BufferRegistry};
 * arrays it returns belong to it and stay valid until its next call.
 */
public interface Backbone {

    /** Where the features live. */
    enum Level {
        /** One row per cloud: {@code [B, channels]}. */
        CLOUD,
        /** One row per point, clouds one after the other: {@code [B·N, channels]}. */
        POINT
    }

    /** Feature channels per row. */
    int channels();

    /** One row per cloud or per point. */
    Level level();

    /** Host-side work for a batch on {@code threads} threads (thread-safe, no device memory); see {@link Network#prepare}. */
    PreparedBatch prepare(CloudBatch batch, int threads);

    /** Forward pass: the features. */
    DeviceArray forward(PreparedBatch batch, boolean training);

    /** Backward pass from {@code dL/dFeatures} (may be overwritten); writes the backbone's parameter gradients. */
    void backward(DeviceArray dFeatures);

    /** Restarts the backbone's dropout generators, if it has any. */
    default void reseedDropout(long seed) {
    }
}

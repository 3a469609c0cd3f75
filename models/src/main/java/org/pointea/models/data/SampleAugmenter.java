package org.pointea.models.data;

import org.pointea.pointcloud.PointCloud;

/**
 * What is done to dataset shape {@code index} before it is batched: a training augmentation or a
 * test-time vote's, seeded by the shape's index (never by its position in a batch or thread).
 */
@FunctionalInterface
public interface SampleAugmenter {
    /** No change. */
    SampleAugmenter NONE = (index, cloud) -> cloud;

    /** The cloud to batch for shape {@code index}. */
    PointCloud apply(int index, PointCloud cloud);
}

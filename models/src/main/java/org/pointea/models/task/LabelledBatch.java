package org.pointea.models.task;

import java.util.Objects;
import org.pointea.models.network.CloudBatch;

/**
 * A batch read from a dataset for training or scoring: the clouds, one integer target per output
 * row of the network (a class per cloud, a part per point), and the dataset indices of the clouds.
 *
 * @param clouds  the network's input
 * @param targets one target per output row (not copied)
 * @param indices dataset index of each cloud (not copied)
 */
public record LabelledBatch(CloudBatch clouds, int[] targets, int[] indices) {

    /** Validates sizes. */
    public LabelledBatch {
        Objects.requireNonNull(clouds, "clouds");
        Objects.requireNonNull(targets, "targets");
        if (indices.length != clouds.size()) {
            throw new IllegalArgumentException(indices.length + " indices for " + clouds.size() + " clouds");
        }
    }
}

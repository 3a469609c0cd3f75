package org.pointea.models.network;

/**
 * A {@link CloudBatch} with whatever host-side work its network needs done before the forward
 * pass (for PCT's classifier: the farthest-point sampling and kNN grouping of both stages, as
 * global row indices). Made by {@link Network#prepare}, which is pure Java and thread-safe, so a
 * data loader prepares the next batch while the network runs. Holds no device memory.
 */
public interface PreparedBatch {

    /** The clouds. */
    CloudBatch clouds();
}

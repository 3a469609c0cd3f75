package org.pointea.models.task;

/**
 * Accumulates a task's metrics over the batches of a split (the task's metric adapter: a
 * confusion matrix for classification, per-shape IoUs for part segmentation).
 */
public interface Scorer {

    /**
     * Adds a batch: the network's outputs for it ({@code rows × outputs}, row-major, averaged over
     * votes) and the batch as read.
     */
    void add(LabelledBatch batch, float[] outputs);

    /** The scores so far, with the mean loss of the plain pass and the number of votes. */
    Evaluation result(double loss, int votes);
}

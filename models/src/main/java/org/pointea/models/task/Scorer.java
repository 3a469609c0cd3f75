package org.pointea.models.task;

import org.pointea.eval.LogitVotes;

/**
 * Accumulates a task's metrics over the batches of a split (the task's metric adapter: a
 * confusion matrix for classification, per-shape IoUs for part segmentation).
 */
public interface Scorer {

    /**
     * Adds a batch: the batch as read (its plain pass) and the network's outputs for it, summed
     * over the votes ({@code rows × outputs}).
     */
    void add(LabelledBatch batch, LogitVotes outputs);

    /** The scores so far, with the mean loss of the plain pass and the number of votes. */
    Evaluation result(double loss, int votes);
}

package org.pointea.models.trainer;

import java.nio.file.Path;

/**
 * Receives a training run's progress (a progress bar, logs, a test). Every method has an empty
 * default; all are called from the training thread.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };

    /** Dataset preparation progress (reading, sampling and caching shapes). */
    default void onPrepare(String stage, long done, long total) {
    }

    /** The run starts (fresh or resumed). */
    default void onStart(RunInfo info) {
    }

    /** An epoch starts (or resumes at {@code firstBatch}). */
    default void onEpochStart(int epoch, int epochs, int firstBatch, int batches) {
    }

    /** A training batch is done. */
    default void onBatch(BatchProgress progress) {
    }

    /** Validation of an epoch starts, over {@code batches} batch passes. */
    default void onValidationStart(int epoch, int batches) {
    }

    /** One validation batch pass is done. */
    default void onValidationBatch(int done, int total) {
    }

    /** An epoch is finished, validated and its metrics written. */
    default void onEpochEnd(EpochSummary summary) {
    }

    /** A checkpoint was committed ({@code kind} is {@code last} or {@code best}). */
    default void onCheckpoint(String kind, Path dir, int epoch, int batch) {
    }

    /**
     * What a run is about to do.
     *
     * @param epochs          epochs of the run
     * @param batchesPerEpoch training batches per epoch
     * @param trainSamples    training shapes
     * @param valSamples      validation shapes (0 without validation)
     * @param startEpoch      the epoch it starts in (0-based)
     * @param startBatch      the batch it starts at within that epoch
     * @param resumed         whether it continues a checkpoint
     * @param parameters      trainable parameters of the network
     * @param engineThreads   ND4J threads used
     */
    record RunInfo(int epochs, int batchesPerEpoch, int trainSamples, int valSamples, int startEpoch,
                   int startBatch, boolean resumed, long parameters, int engineThreads) {
    }

    /**
     * One training batch's progress.
     *
     * @param epoch            epoch (0-based)
     * @param epochs           epochs of the run
     * @param batch            batches done in this epoch
     * @param batches          batches per epoch
     * @param loss             mean training loss of the epoch so far
     * @param accuracy         training accuracy of the epoch so far (shapes, or points for segmentation)
     * @param learningRate     the rate of this batch
     * @param samplesPerSecond training shapes per second in this process so far this epoch
     */
    record BatchProgress(int epoch, int epochs, int batch, int batches, double loss, double accuracy,
                         double learningRate, double samplesPerSecond) {
    }
}

package org.pointea.models.trainer;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;

/**
 * Thrown by {@link Trainer#fit()} when {@link Trainer#requestStop()} was called: the step in
 * progress was finished, a checkpoint written to {@code last/}, and the run can be continued with
 * {@code Trainer.builder(null, run).optResume(true)} (CLI: {@code pointea train --resume RUN}),
 * ending with the same weights as a run that was never stopped.
 */
public final class TrainingStoppedException extends CancellationException {
    private static final long serialVersionUID = 1L;

    private final transient Path run;
    private final int epoch;
    private final int batch;
    private final int batches;
    private final long globalStep;

    /**
     * A stopped run.
     *
     * @param run        the run directory
     * @param epoch      the epoch it stopped in (0-based; equal to the epochs done when it stopped at an epoch's end)
     * @param batch      batches done in that epoch
     * @param batches    batches per epoch
     * @param globalStep steps done over the run
     */
    public TrainingStoppedException(Path run, int epoch, int batch, int batches, long globalStep) {
        super("training stopped in epoch " + (epoch + 1) + " after batch " + batch + " of " + batches + " (step "
                + globalStep + "); checkpoint " + run.resolve(Trainer.LAST));
        this.run = run;
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        this.globalStep = globalStep;
    }

    /** The run directory (resume it). */
    public Path run() {
        return run;
    }

    /** The epoch it stopped in (0-based). */
    public int epoch() {
        return epoch;
    }

    /** Batches done in that epoch. */
    public int batch() {
        return batch;
    }

    /** Batches per epoch. */
    public int batches() {
        return batches;
    }

    /** Steps done over the run; the checkpoint holds the state after this many. */
    public long globalStep() {
        return globalStep;
    }
}

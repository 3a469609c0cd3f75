package org.pointea.models.trainer;

import org.pointea.models.nn.ParamStore;

/**
 * Runs between a training step's backward pass and its optimizer update: a no-op for one process,
 * the place where data-parallel training averages the workers' gradients (and, when it wants,
 * their batch-norm statistics) so that every worker applies the same update.
 *
 * <pre>{@code
 * GradientHook allReduce = (params, step) -> {
 *     float[] g = new float[(int) params.count()];
 *     params.gradientsToHost(g);
 *     float[] mean = cluster.average(g, step);        // the distributed part
 *     params.gradientsFromHost(mean);
 * };
 * Trainer.builder(config, run).optGradientHook(allReduce).optShard(rank, workers).build().fit();
 * }</pre>
 */
@FunctionalInterface
public interface GradientHook {
    /** Leaves the gradients as computed. */
    GradientHook NONE = (params, step) -> { };

    /**
     * Called once per training step with every parameter's gradient written.
     *
     * @param params the network's parameters, gradients and running statistics
     * @param step   the global step (0-based) being taken
     */
    void afterBackward(ParamStore params, long step);
}

package org.pointea.models.nn;

/**
 * Shares batch-norm statistics between the workers of a data-parallel run, so that P workers with
 * b clouds each normalise exactly as one process with P·b clouds (PyTorch's {@code SyncBatchNorm}):
 * in the forward pass every {@link BatchNorm} in training mode combines the workers' row counts,
 * means and variances into the moments of the whole global batch; in the backward pass it sums the
 * two per-channel reductions the input gradient needs ({@code Σ dz} and {@code Σ dz·x̂}) over the
 * workers. Parameter gradients stay local (averaging them is the {@code GradientHook}'s job), so
 * with a loss averaged over each worker's rows the averaged gradients equal the single-process ones.
 *
 * <p>An implementation is only the transport: {@link #allGather} hands every worker the same vectors
 * in the same (worker) order, and each {@link BatchNorm} combines them itself in that order, in
 * double precision; so all workers compute identical statistics (their replicas stay identical)
 * and a run is repeatable. With one worker the combination returns the local statistics bit for
 * bit. Install it with {@link ParamStore#setBatchNormSync} (or {@code Trainer.Builder.optBatchNormSync});
 * without one, each worker normalises over its own rows ("ghost" batch norm).
 *
 * <pre>{@code
 * BatchNormSync sync = local -> cluster.allGather(local);   // one vector per worker, in rank order
 * net.parameters().setBatchNormSync(sync);
 * }</pre>
 *
 * <p>Every batch-norm layer calls it once per forward and once per backward pass in training, in the
 * same order on every worker: it must block until all workers have called it.
 */
@FunctionalInterface
public interface BatchNormSync {
    /**
     * Exchanges one vector with every worker of the run.
     *
     * @param local this worker's vector
     * @return every worker's vector (this worker's included), in worker order, identical on all workers
     */
    double[][] allGather(double[] local);
}

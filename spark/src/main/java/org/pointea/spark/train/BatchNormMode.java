package org.pointea.spark.train;

/** How batch norm treats the global batch of a data-parallel run. */
public enum BatchNormMode {
  /**
   * Synchronised: every batch-norm layer combines the workers' moments in the forward pass and
   * sums the input gradient's reductions in the backward pass, so P workers of b clouds train as
   * one process of P·b clouds (two more all-gathers per layer and step).
   */
  SYNC,
  /**
   * Ghost: each worker normalises over its own b clouds (PyTorch's DistributedDataParallel without
   * SyncBatchNorm); cheaper, but not the same training as one process of P·b clouds.
   */
  GHOST
}

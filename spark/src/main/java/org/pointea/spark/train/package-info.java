/**
 * Synchronous data-parallel training on Spark: P workers in one barrier stage, each a replica of
 * the network and a shard of every global batch, with gradients (and, by default, batch-norm
 * statistics) exchanged through {@code BarrierTaskContext.allGather} every step
 * ({@link org.pointea.spark.train.DataParallelTraining}).
 */
package org.pointea.spark.train;

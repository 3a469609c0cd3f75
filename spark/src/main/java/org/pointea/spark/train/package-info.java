/**
 * Synchronous data-parallel training on Spark: P workers in one barrier stage, each a replica of
 * the network and a shard of every global batch, with gradients (and, by default, batch-norm
 * statistics) exchanged every step over TCP connections to worker 0 that the barrier stage sets up
 * ({@link org.pointea.spark.train.DataParallelTraining}).
 */
package org.pointea.spark.train;

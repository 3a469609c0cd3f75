/**
 * Distributed building of dataset caches:
 * {@link org.pointea.spark.prepare.DistributedPreparation} writes the same bytes as
 * {@code CachedDataset.prepare()} on one machine.
 */
package org.pointea.spark.prepare;

/**
 * Distributed batch inference: {@link org.pointea.spark.inference.BatchInference} runs a saved
 * model over files or PointCloud2 rows, one lazily loaded predictor per executor, and returns one
 * result row per input ({@link org.pointea.spark.inference.ResultSchema}), with error rows
 * instead of failed jobs.
 */
package org.pointea.spark.inference;

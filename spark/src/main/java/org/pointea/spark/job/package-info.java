/**
 * The {@code spark-submit} entry point: {@link org.pointea.spark.job.PointeaSparkJob} with the
 * {@code predict} and {@code prepare} commands.
 */
package org.pointea.spark.job;

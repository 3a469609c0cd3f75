/**
 * pointea on Apache Spark: distributed batch inference ({@link org.pointea.spark.inference}),
 * distributed building of dataset caches ({@link org.pointea.spark.prepare}) and the
 * {@code spark-submit} entry point ({@link org.pointea.spark.job}).
 *
 * <p>Spark is a {@code provided} dependency: a cluster brings its own (4.0, Scala 2.13, Java 17);
 * nothing else in pointea depends on this module. See {@code docs/spark.md}.
 */
package org.pointea.spark;

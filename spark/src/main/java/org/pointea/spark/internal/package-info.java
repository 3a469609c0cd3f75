/** Helpers of the Spark module that are not part of its API: Hadoop I/O and executor facts. */
package org.pointea.spark.internal;

package org.pointea.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one {@code local[2]} session every test of this module shares (Spark starts in seconds, and
 * once per JVM is enough), with failed tasks retried as on a cluster; stopped by Spark's own
 * shutdown hook.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  /** Returns the shared session, starting it on the first call. */
  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2,3]")   // 2 threads; a failed task is tried up to 3 times
          .appName("pointea-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.task.maxFailures", "2")
          .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }
}

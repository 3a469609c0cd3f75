package org.pointea.spark.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/** How many cores this executor has, as Spark was told. */
public final class ExecutorCores {
  private static final Pattern LOCAL = Pattern.compile("local(?:-cluster)?\\[(\\*|\\d+)(?:,\\s*\\d+)*]");

  private ExecutorCores() {}

  /**
   * Returns {@code spark.executor.cores} when set, the {@code N} of a {@code local[N]} master, or
   * the processors of this JVM.
   *
   * @return at least 1
   */
  public static int get() {
    SparkEnv env = SparkEnv.get();
    SparkConf conf = env == null ? null : env.conf();
    int processors = Runtime.getRuntime().availableProcessors();
    if (conf == null) {
      return processors;
    }
    if (conf.contains("spark.executor.cores")) {
      return Math.max(1, conf.getInt("spark.executor.cores", processors));
    }
    return fromMaster(conf.get("spark.master", ""), processors);
  }

  /**
   * Parses a master URL's core count.
   *
   * @param master e.g. {@code local[2]}, {@code local[*]}, {@code yarn}
   * @param processors the answer when the master says nothing
   * @return the cores
   */
  static int fromMaster(String master, int processors) {
    if (master.equals("local")) {
      return 1;
    }
    Matcher m = LOCAL.matcher(master);
    if (m.matches() && !m.group(1).equals("*") && master.startsWith("local[")) {
      return Math.max(1, Integer.parseInt(m.group(1)));
    }
    return processors;
  }
}

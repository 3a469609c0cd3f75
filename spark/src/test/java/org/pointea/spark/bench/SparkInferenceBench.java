package org.pointea.spark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pointea.io.PointCloudIO;
import org.pointea.models.backend.Backends;
import org.pointea.models.inference.Predictor;
import org.pointea.pointcloud.PointCloud;
import org.pointea.spark.inference.BatchInference;

/**
 * Throughput of batch inference over a folder of files: a plain Java loop (read, then
 * {@code classifyBatch} in batches) against {@link BatchInference} on a {@code local[N]} master.
 * One configuration per JVM (an executor's predictor and ND4J threads are set once per JVM, as on
 * a cluster); {@code spark/bench/inference.sh} runs them interleaved. Prints one line per timed
 * pass: mode, files, seconds, files/s.
 *
 * <pre>
 * SparkInferenceBench loop  MODEL FILES THREADS PASSES BATCH
 * SparkInferenceBench spark MODEL FILES MASTER  PASSES BATCH
 * </pre>
 */
public final class SparkInferenceBench {
  private SparkInferenceBench() {}

  /**
   * Runs one configuration.
   *
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path model = Path.of(args[1]);
    Path files = Path.of(args[2]);
    int passes = Integer.parseInt(args[4]);
    int batch = Integer.parseInt(args[5]);
    List<Path> list;
    try (Stream<Path> s = Files.list(files)) {
      list = s.sorted().toList();
    }
    if (mode.equals("loop")) {
      int threads = Integer.parseInt(args[3]);
      Backends.getDefault().setThreads(threads);
      try (Predictor p = Predictor.builder(model).optBatchSize(batch).build()) {
        loop(p, list.subList(0, Math.min(2 * batch, list.size())), batch);   // warm-up
        for (int i = 0; i < passes; i++) {
          long t0 = System.nanoTime();
          int n = loop(p, list, batch);
          report("loop-threads" + threads, n, System.nanoTime() - t0);
        }
      }
      return;
    }
    String master = args[3];
    SparkSession spark = SparkSession.builder().master(master).appName("bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    BatchInference inference = BatchInference.builder(spark, model.toString()).optBatchSize(batch)
        .build();
    String glob = files.toUri().toString();
    inference.predictFiles(glob).count();   // warm-up: loads each executor's predictor
    for (int i = 0; i < passes; i++) {
      long t0 = System.nanoTime();
      List<Row> rows = inference.predictFiles(glob).collectAsList();
      long errors = rows.stream().filter(r -> r.getAs("error") != null).count();
      if (errors > 0) {
        throw new IllegalStateException(errors + " error rows");
      }
      report("spark-" + master, rows.size(), System.nanoTime() - t0);
    }
    spark.stop();
  }

  private static int loop(Predictor p, List<Path> files, int batch) throws IOException {
    int done = 0;
    List<PointCloud> clouds = new ArrayList<>(batch);
    for (Path f : files) {
      clouds.add(PointCloudIO.read(f));
      if (clouds.size() == batch) {
        done += p.classifyBatch(clouds).size();
        clouds.clear();
      }
    }
    if (!clouds.isEmpty()) {
      done += p.classifyBatch(clouds).size();
    }
    return done;
  }

  private static void report(String mode, int files, long nanos) {
    double s = nanos / 1e9;
    System.out.printf(Locale.ROOT, "RESULT %s files=%d seconds=%.2f files_per_s=%.1f ms_per_file=%.2f%n",
        mode, files, s, files / s, 1000 * s / files);
  }
}

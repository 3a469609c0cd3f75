package org.pointea.spark.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.SparkFiles;
import org.pointea.models.backend.Backends;
import org.pointea.models.inference.Predictor;
import org.pointea.spark.internal.ExecutorCores;

/**
 * One {@link Predictor} per executor JVM and model, loaded lazily by the first task that needs
 * it and shared by the executor's later tasks. A predictor is not thread-safe, so tasks running
 * at once in one executor take turns through a fair lock for each network pass (their file
 * reading and decoding still run in parallel); ND4J's threads are set once to the executor's
 * cores, so one pass uses the whole executor.
 */
final class ExecutorModels {
  private static final Map<String, Shared> MODELS = new ConcurrentHashMap<>();
  private static volatile int threadsSet;

  private ExecutorModels() {}

  /** A predictor and the lock its users take turns through. */
  record Shared(Predictor predictor, ReentrantLock lock) {}

  /**
   * Returns this executor's predictor for the settings, loading it on first use.
   *
   * @param s the job's settings
   * @return the shared predictor
   * @throws IOException when the model cannot be loaded
   */
  static Shared get(InferenceSettings s) throws IOException {
    Shared shared = MODELS.get(s.predictorKey());
    if (shared != null) {
      return shared;
    }
    synchronized (MODELS) {
      shared = MODELS.get(s.predictorKey());
      if (shared == null) {
        setThreads(s.threads() > 0 ? s.threads() : ExecutorCores.get());
        Path dir = Path.of(s.shipped() ? SparkFiles.get(s.model()) : s.model());
        Predictor p = Predictor.builder(dir).optTopK(s.topK()).optBatchSize(s.batchSize())
            .optSeed(s.seed()).build();
        shared = new Shared(p, new ReentrantLock(true));
        MODELS.put(s.predictorKey(), shared);
      }
      return shared;
    }
  }

  private static void setThreads(int n) {
    if (threadsSet != n) {
      Backends.getDefault().setThreads(n);
      threadsSet = n;
    }
  }

  /** Returns the ND4J thread count this class last set (0 before any model was loaded). */
  static int threads() {
    return threadsSet;
  }
}

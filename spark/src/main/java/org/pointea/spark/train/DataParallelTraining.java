package org.pointea.spark.train;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import org.pointea.models.store.ModelFormatException;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import scala.reflect.ClassTag$;

/**
 * Synchronous data-parallel training on Spark: P workers, each a replica of the network and a
 * shard of every global batch (P × batch size clouds of the run's seeded order), run as one
 * barrier stage (Spark starts them together, and retries them together). Every step each worker
 * computes its gradients and sends them to worker 0 over a TCP connection set up when the stage
 * starts; worker 0 sums them in worker order in double, divides by P and sends the mean back, so
 * every replica applies the same update and the replicas stay identical (checked every step).
 * Spark's own {@code BarrierTaskContext.allGather} only publishes worker 0's address: it waits for
 * its answer in one-second sleeps, which would cost up to a second per exchange. With {@link BatchNormMode#SYNC} (the default) batch norm also sees the whole global
 * batch, and the run equals a single-process run with batch P × b up to float summation order.
 *
 * <pre>{@code
 * TrainerConfig config = TrainerConfig.builder(spec).setData(Path.of("/mnt/shared/ModelNet40"))
 *     .optBatchSize(16).optEpochs(50).optCheckpointEvery(100).build();   // 16 per worker
 * DataParallelTraining.Result r = DataParallelTraining.builder(spark, config, "/mnt/shared/runs/cls8")
 *     .optWorkers(8).build().fit();
 * }</pre>
 *
 * <p>Worker 0 trains in the run directory and writes the trainer's own files there
 * ({@code run.json}, {@code metrics.jsonl}, {@code last/} checkpoints, {@code best/}), so a run is
 * resumed, evaluated and deployed exactly as a single-machine one, and a single-machine
 * {@code pointea train --resume} can continue it (and the reverse). The run directory and the
 * dataset folder must be at the same path on every executor (a shared file system).
 *
 * <p>A worker lost mid-step (a killed task, a lost executor) fails the barrier stage; Spark
 * retries the whole stage (up to {@code spark.stage.maxConsecutiveAttempts}, default 4), and every
 * worker resumes from the run's last checkpoint, so the steps since that checkpoint are re-run
 * with the same data, masks and reductions: the result does not change. Checkpoint every few
 * steps ({@link TrainerConfig#checkpointEvery()}) to bound the work re-run.
 */
public final class DataParallelTraining {
  private final SparkSession spark;
  private final TrainerConfig config;
  private final String run;
  private final int workers;
  private final BatchNormMode batchNorm;
  private final WorkerListeners listeners;
  private final int loaderThreads;
  private final boolean resume;

  private DataParallelTraining(Builder b) {
    this.spark = b.spark;
    this.config = b.config;
    this.run = b.run;
    this.workers = b.workers;
    this.batchNorm = b.batchNorm;
    this.listeners = b.listeners;
    this.loaderThreads = b.loaderThreads;
    this.resume = b.resume;
  }

  /**
   * Starts a data-parallel run of {@code config} (its batch size is per worker) into {@code run},
   * a directory on a file system every executor sees; {@code config} may be null when resuming.
   */
  public static Builder builder(SparkSession spark, TrainerConfig config, String run) {
    return new Builder(spark, config, run);
  }

  /**
   * What a finished run produced.
   *
   * @param run           the run directory
   * @param workers       the number of workers
   * @param stageAttempts attempts of the barrier stage (1 when no worker was lost)
   * @param epochs        epochs trained in total
   * @param bestEpoch     the selected epoch (1-based)
   * @param selectedOn    the selection metric
   * @param bestValue     its value
   * @param seconds       wall time of the whole job, from the driver
   * @param samplesPerSecond training shapes per second of all workers together (worker 0's last attempt)
   */
  public record Result(Path run, int workers, int stageAttempts, int epochs, int bestEpoch, String selectedOn,
                       double bestValue, double seconds, double samplesPerSecond) {
    /** The model of the best epoch ({@code run/best}), what to deploy. */
    public Path bestModel() {
      return run.resolve(Trainer.BEST);
    }
  }

  /**
   * Runs (or resumes) the training to its last epoch.
   *
   * @return what the run produced
   * @throws FileAlreadyExistsException when the directory holds a run and resume was not asked
   * @throws IOException when the run cannot be read
   */
  public Result fit() throws IOException {
    Path dir = Path.of(run);
    if (Trainer.isRun(dir) && !resume) {
      throw new FileAlreadyExistsException(run, null, "already holds a training run ("
          + Trainer.RUN_FILE + "); resume it or choose another directory");
    }
    if (config == null && !Trainer.isRun(dir)) {
      throw new ModelFormatException(dir, "not a training run: no " + Trainer.RUN_FILE + " to resume");
    }
    long t0 = System.nanoTime();
    List<Integer> ranks = IntStream.range(0, workers).boxed().toList();
    RDD<Integer> slots = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ranks, workers).rdd();
    WorkerTask task = new WorkerTask(run, config == null ? null : config.toJson().toString(), batchNorm,
        listeners, loaderThreads);
    spark.sparkContext().setJobDescription("pointea data-parallel training: " + workers + " workers -> " + run);
    // the shuffle after the barrier stage makes it a shuffle-map stage: Spark retries a failed
    // barrier stage of that kind as a whole, where it gives up on a failed barrier result stage
    String[] lines = (String[]) slots.barrier().mapPartitions(task, false, ClassTag$.MODULE$.apply(String.class))
        .repartition(1, null).collect();
    double seconds = (System.nanoTime() - t0) / 1e9;
    String[] r0 = null;
    for (String l : lines) {
      if (l.startsWith("0\t")) {
        r0 = l.split("\t");
      }
    }
    return new Result(dir, workers, Integer.parseInt(r0[1]) + 1, Integer.parseInt(r0[2]), Integer.parseInt(r0[3]),
        r0[4], Double.parseDouble(r0[5]), seconds, Double.parseDouble(r0[7]) * workers);
  }

  /** Builds a {@link DataParallelTraining}. */
  public static final class Builder {
    private final SparkSession spark;
    private final TrainerConfig config;
    private final String run;
    private int workers = 2;
    private BatchNormMode batchNorm = BatchNormMode.SYNC;
    private WorkerListeners listeners = WorkerListeners.NONE;
    private int loaderThreads = 1;
    private boolean resume;

    private Builder(SparkSession spark, TrainerConfig config, String run) {
      this.spark = Objects.requireNonNull(spark, "spark");
      this.config = config;
      this.run = Objects.requireNonNull(run, "run");
    }

    /**
     * Sets the number of workers (default 2): barrier tasks that must all run at once, so the
     * cluster needs that many task slots free (one per executor with
     * {@code spark.task.cpus = spark.executor.cores} is the usual layout).
     */
    public Builder optWorkers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("workers must be >= 1, got " + n);
      }
      this.workers = n;
      return this;
    }

    /** Sets how batch norm treats the global batch (default {@link BatchNormMode#SYNC}). */
    public Builder optBatchNorm(BatchNormMode mode) {
      this.batchNorm = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sets the listener factory of the workers (default none). */
    public Builder optWorkerListeners(WorkerListeners l) {
      this.listeners = Objects.requireNonNull(l, "listeners");
      return this;
    }

    /** Sets each worker's background threads reading and grouping batches (default 1). */
    public Builder optLoaderThreads(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("loader threads must be >= 0, got " + n);
      }
      this.loaderThreads = n;
      return this;
    }

    /** Resumes the run in the directory if there is one (the given configuration must agree). */
    public Builder optResume(boolean r) {
      this.resume = r;
      return this;
    }

    /** Returns the job. */
    public DataParallelTraining build() {
      if (config == null && !resume) {
        throw new IllegalArgumentException("a configuration is needed unless resuming");
      }
      return new DataParallelTraining(this);
    }
  }
}

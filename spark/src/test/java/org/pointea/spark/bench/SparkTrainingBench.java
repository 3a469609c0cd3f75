package org.pointea.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.trainer.TrainingListener;
import org.pointea.spark.train.BatchNormMode;
import org.pointea.spark.train.DataParallelTraining;
import org.pointea.spark.train.WorkerListeners;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Cost per training step on Spark: the gradient exchange alone (barrier {@code allGather} vs one
 * {@code treeAggregate} job per step with the weights broadcast), and whole steps of the light
 * classifier, {@link DataParallelTraining} on {@code local[P]} vs the single-process {@link Trainer}
 * with the same global batch. One configuration per JVM; {@code spark/bench/training.sh} runs
 * them interleaved. Prints {@code RESULT} lines.
 *
 * <pre>
 * SparkTrainingBench exchange MASTER WORKERS FLOATS STEPS
 * SparkTrainingBench single   DATA GLOBAL_BATCH THREADS
 * SparkTrainingBench spark    DATA MASTER WORKERS BATCH sync|ghost THREADS
 * </pre>
 */
public final class SparkTrainingBench {
  /** Step end times (ns) recorded by worker 0's listener (executors share the driver's JVM in local mode). */
  static final ConcurrentLinkedQueue<Long> STEP_ENDS = new ConcurrentLinkedQueue<>();

  private SparkTrainingBench() {}

  /**
   * Runs one configuration.
   *
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "exchange" -> exchange(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]));
      case "single" -> single(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "spark" -> spark(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          BatchNormMode.valueOf(args[5].toUpperCase(Locale.ROOT)), Integer.parseInt(args[6]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static SparkSession session(String master) {
    SparkSession s = SparkSession.builder().master(master).appName("pointea-training-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    s.sparkContext().setLogLevel("ERROR");
    return s;
  }

  /** The gradient exchange alone: a vector of {@code floats} averaged over the workers, {@code steps} times. */
  static void exchange(String master, int workers, int floats, int steps) {
    SparkSession spark = session(master);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> ranks = IntStream.range(0, workers).boxed().toList();
    for (int round = 0; round < 2; round++) {   // round 0 warms up
      long t0 = System.nanoTime();
      jsc.parallelize(ranks, workers).rdd().barrier().mapPartitions(new AllGatherSteps(floats, steps), false,
          ClassTag$.MODULE$.apply(Long.class)).count();
      double barrier = (System.nanoTime() - t0) / 1e6 / steps;
      t0 = System.nanoTime();
      float[] weights = new float[floats];
      for (int s = 0; s < steps; s++) {
        Broadcast<float[]> w = jsc.broadcast(weights);
        JavaRDD<Integer> slots = jsc.parallelize(ranks, workers);
        float[] sum = slots.treeAggregate(new float[floats], (acc, rank) -> {
          float[] g = w.value().clone();   // stands for the replica's gradients
          g[rank] += 1;
          for (int i = 0; i < g.length; i++) {
            acc[i] += g[i];
          }
          return acc;
        }, (a, b) -> {
          for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
          }
          return a;
        });
        for (int i = 0; i < floats; i++) {
          weights[i] -= 1e-3f * sum[i] / workers;
        }
        w.destroy();
      }
      double tree = (System.nanoTime() - t0) / 1e6 / steps;
      if (round == 1) {
        System.out.printf(Locale.ROOT, "RESULT exchange %s workers=%d floats=%d barrier_allgather_ms=%.1f"
            + " treeaggregate_job_ms=%.1f%n", master, workers, floats, barrier, tree);
      }
    }
    spark.stop();
  }

  /** {@code steps} all-gathers of a Base64 vector of {@code floats} in one barrier task. */
  static final class AllGatherSteps extends AbstractFunction1<scala.collection.Iterator<Integer>,
      scala.collection.Iterator<Long>> implements java.io.Serializable {
    private final int floats;
    private final int steps;

    AllGatherSteps(int floats, int steps) {
      this.floats = floats;
      this.steps = steps;
    }

    @Override
    public scala.collection.Iterator<Long> apply(scala.collection.Iterator<Integer> it) {
      BarrierTaskContext ctx = BarrierTaskContext.get();
      byte[] bytes = new byte[floats * 4];
      float[] sum = new float[floats];
      for (int s = 0; s < steps; s++) {
        String[] all = ctx.allGather(Base64.getEncoder().encodeToString(bytes));
        for (String a : all) {
          byte[] b = Base64.getDecoder().decode(a);
          java.nio.ByteBuffer.wrap(b).asFloatBuffer().get(sum);
        }
      }
      return scala.jdk.javaapi.CollectionConverters.asScala(List.of((long) sum.length).iterator());
    }
  }

  /** The light classifier (the CLI's default), 3 classes, 512 points; batch per process. */
  static TrainerConfig config(Path data, int batch, int threads) {
    PctClassifierConfig net = PctClassifierConfig.preset("light", 3, MixerConfig.external());
    ModelSpec spec = ModelSpec.of("light", net, List.of("cone", "cube", "torus"), Preprocessing.fpsUnitSphere());
    return TrainerConfig.builder(spec).setData(data).optEpochs(1).optBatchSize(batch).optValSplit(null)
        .optSeed(3).optEngineThreads(threads).build();
  }

  static Path data(Path dir) throws Exception {
    Path d = dir.resolve("modelnet40_normal_resampled");
    if (!Files.isDirectory(d)) {
      SyntheticModelNet.builder().optClasses(List.of(ShapeClass.CONE, ShapeClass.CUBE, ShapeClass.TORUS))
          .optTrainPerClass(32).optTestPerClass(2).optPoints(1024).optSeed(5).build()
          .write(d, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
    }
    return d;
  }

  static void single(Path dir, int batch, int threads) throws Exception {
    Path data = data(dir);
    Path run = Files.createTempDirectory("bench-single");
    Files.delete(run);
    Trainer.builder(config(data, batch, threads), run).optListener(new StepTimes()).build().fit();
    report("single batch=" + batch + " threads=" + threads);
  }

  static void spark(Path dir, String master, int workers, int batch, BatchNormMode mode, int threads)
      throws Exception {
    Path data = data(dir);
    SparkSession spark = session(master);
    Path run = Files.createTempDirectory("bench-spark");
    Files.delete(run);
    DataParallelTraining.builder(spark, config(data, batch, threads), run.toString()).optWorkers(workers)
        .optBatchNorm(mode).optWorkerListeners((WorkerListeners) rank -> rank == 0 ? new StepTimes()
            : TrainingListener.NONE).build().fit();
    report("spark " + master + " workers=" + workers + " batch=" + batch + " bn=" + mode + " threads=" + threads);
    spark.stop();
  }

  /** Records when each step ends. */
  static final class StepTimes implements TrainingListener {
    @Override
    public void onEpochStart(int epoch, int epochs, int firstBatch, int batches) {
      STEP_ENDS.add(System.nanoTime());
    }

    @Override
    public void onBatch(BatchProgress p) {
      STEP_ENDS.add(System.nanoTime());
    }
  }

  /** Median step time over every step but the first (warm-up). */
  static void report(String what) {
    List<Long> t = new ArrayList<>(STEP_ENDS);
    double[] ms = new double[t.size() - 2];
    for (int i = 2; i < t.size(); i++) {
      ms[i - 2] = (t.get(i) - t.get(i - 1)) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "RESULT %s steps=%d median_step_ms=%.0f min=%.0f max=%.0f%n", what, ms.length,
        ms[ms.length / 2], ms[0], ms[ms.length - 1]);
  }
}

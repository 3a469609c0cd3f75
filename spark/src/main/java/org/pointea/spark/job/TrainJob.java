package org.pointea.spark.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.pointea.io.dataset.DatasetDescriber;
import org.pointea.io.dataset.Split;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.pct.PctPresets;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.ModelTasks;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.trainer.TrainingData;
import org.pointea.spark.train.BatchNormMode;
import org.pointea.spark.train.DataParallelTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: synchronous data-parallel training, one barrier task per worker. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a PCT classifier or part segmenter on W workers (one barrier stage):",
        "each worker takes --batch shapes of every global batch of W x --batch, gradients are",
        "averaged every step. Writes the run directory as `pointea train` does (run.json,",
        "metrics.jsonl, last/, best/); `--resume RUN` continues it. The run directory and the",
        "dataset folder must be at the same path on every executor."})
final class TrainJob implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (ModelNet or ShapeNet-part layout).")
  String data;

  @Option(names = "--out", paramLabel = "RUN", description = "Run directory to create.")
  String out;

  @Option(names = "--resume", paramLabel = "RUN",
      description = "Continue the run in RUN with its saved settings.")
  String resume;

  @Option(names = "--workers", defaultValue = "2", description = "Workers (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--batch", paramLabel = "B",
      description = "Shapes per worker and step (default: the task's batch size over the workers).")
  Integer batch;

  @Option(names = "--batch-norm", defaultValue = "sync", paramLabel = "sync|ghost",
      description = "sync (default: batch norm over the global batch, as one process) or ghost"
          + " (per worker, cheaper).")
  String batchNorm;

  @Option(names = "--model", defaultValue = "light", paramLabel = "pct|light",
      description = "Network size (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--points", paramLabel = "N", description = "Points per shape (default: the model's).")
  Integer points;

  @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default 10).")
  Integer epochs;

  @Option(names = "--optimizer", paramLabel = "sgd|adam|adamw", description = "Optimizer (default sgd, PCT's).")
  String optimizer;

  @Option(names = "--lr", paramLabel = "LR", description = "Initial learning rate.")
  Double lr;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of everything random (default 1).")
  Long seed;

  @Option(names = "--val-split", paramLabel = "SPLIT", description = "val (default), test or none.")
  String valSplit;

  @Option(names = "--checkpoint-every", paramLabel = "K",
      description = "Also checkpoint every K steps (bounds the steps re-run after a lost worker).")
  Integer checkpointEvery;

  @Option(names = "--threads", paramLabel = "T",
      description = "ND4J threads per worker (default: spark.task.cpus); recorded in the run.")
  Integer threads;

  @Option(names = "--loader-threads", defaultValue = "1",
      description = "Threads per worker reading and grouping batches (default ${DEFAULT-VALUE}).")
  int loaderThreads;

  @Override
  public Integer call() throws IOException {
    if ((out == null) == (resume == null)) {
      throw new IllegalArgumentException("give --data DIR --out RUN for a new run, or --resume RUN");
    }
    BatchNormMode mode = switch (batchNorm.toLowerCase(Locale.ROOT)) {
      case "sync" -> BatchNormMode.SYNC;
      case "ghost" -> BatchNormMode.GHOST;
      default -> throw new IllegalArgumentException("--batch-norm is sync or ghost, not " + batchNorm);
    };
    SparkSession spark = PointeaSparkJob.session("pointea train");
    TrainerConfig config = null;
    String run = resume;
    if (resume != null) {
      List<String> given = settingsGiven();
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("--resume continues with the run's saved settings; drop "
            + String.join(", ", given));
      }
      if (!Trainer.isRun(Path.of(resume))) {
        throw new IllegalArgumentException(resume + ": not a training run (no " + Trainer.RUN_FILE + ")");
      }
    } else {
      if (data == null) {
        throw new IllegalArgumentException("--data DIR is required for a new run");
      }
      run = out;
      int cores = spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
      config = config(Path.of(data), threads != null ? threads : cores);
    }
    DataParallelTraining.Result r = DataParallelTraining.builder(spark, config, run).optWorkers(workers)
        .optBatchNorm(mode).optLoaderThreads(loaderThreads).optResume(resume != null).build().fit();
    System.out.printf(Locale.ROOT, "trained %s: %d epochs on %d workers (%d stage attempt%s), best epoch %d"
            + " (%s %.4f), %.1f s, %.1f shapes/s -> %s%n", r.run(), r.epochs(), r.workers(), r.stageAttempts(),
        r.stageAttempts() == 1 ? "" : "s", r.bestEpoch(), r.selectedOn(), r.bestValue(), r.seconds(),
        r.samplesPerSecond(), r.bestModel());
    return 0;
  }

  private List<String> settingsGiven() {
    List<String> given = new java.util.ArrayList<>();
    Object[][] options = {{"--data", data}, {"--batch", batch}, {"--points", points}, {"--epochs", epochs},
        {"--optimizer", optimizer}, {"--lr", lr}, {"--seed", seed}, {"--val-split", valSplit},
        {"--checkpoint-every", checkpointEvery}, {"--threads", threads}};
    for (Object[] o : options) {
      if (o[1] != null) {
        given.add((String) o[0]);
      }
    }
    return given;
  }

  /** The configuration of a new run, with the CLI's defaults for what is not given. */
  private TrainerConfig config(Path dir, int engineThreads) throws IOException {
    ModelTask task = ModelTasks.forDataset(TrainingData.task(dir));
    List<String> labels = task.modelLabels(DatasetDescriber.describe(dir, 0).labels());
    String variant = model.toLowerCase(Locale.ROOT);
    NetworkConfig net = PctPresets.forTask(task.id(), variant, labels, MixerConfig.external());
    if (points != null && points != net.points()) {
      net = net.withPoints(points);
    }
    ModelSpec spec = ModelSpec.of(variant, net, labels, task.defaultPreprocessing());
    TrainerConfig.Builder b = TrainerConfig.builder(spec).setData(dir).optEngineThreads(engineThreads)
        .optBatchSize(batch != null ? batch : Math.max(1, task.defaultBatchSize() / workers));
    if (epochs != null) {
      b.optEpochs(epochs);
    }
    OptimizerSpec opt = optimizer != null ? OptimizerSpec.defaults(OptimizerSpec.Type.parse(optimizer))
        : OptimizerSpec.pct();
    if (lr != null) {
      opt = opt.withLr(lr, Math.min(opt.minLr(), lr));
    }
    b.optOptimizer(opt);
    if (seed != null) {
      b.optSeed(seed);
    }
    if (valSplit != null) {
      b.optValSplit(valSplit.equalsIgnoreCase("none") ? null : Split.parse(valSplit));
    }
    if (checkpointEvery != null) {
      b.optCheckpointEvery(checkpointEvery);
    }
    return b.build();
  }
}

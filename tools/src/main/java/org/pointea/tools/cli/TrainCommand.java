package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Split;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctPresets;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.Evaluation;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.ModelTasks;
import org.pointea.models.trainer.Evaluator;
import org.pointea.models.trainer.RunReports;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.trainer.TrainingData;
import org.pointea.models.trainer.TrainingListener;
import org.pointea.models.trainer.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea train}: trains a PCT classifier or part segmenter, resumably. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a PCT classifier (ModelNet layouts) or part segmenter (ShapeNet-part).",
      "",
      "Writes RUN/run.json (settings), RUN/metrics.jsonl (one line per epoch),",
      "RUN/last/ (checkpoint), RUN/best/ (model of the best validation epoch) and",
      "RUN/report.md with plots. Model selection uses the validation split",
      "(ModelNet: 10%% of the training list, by shape id), never the test split",
      "unless --val-split test is given. A run killed at any moment continues with",
      "'pointea train --resume RUN' and ends with the same weights as an",
      "uninterrupted run. Progress goes to stderr, the summary to stdout."
    })
public final class TrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--task", paramLabel = "cls|partseg",
      description = "Task; checked against the data (default: what the data folder holds).")
  String task;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Dataset folder (any ModelNet or ShapeNet-part layout); required unless resuming.")
  Path data;

  @Option(names = "--out", paramLabel = "RUN", description = "Run directory to create.")
  Path out;

  @Option(names = "--resume", paramLabel = "RUN",
      description = "Continue the run in RUN with its saved settings (other options must agree).")
  Path resumeRun;

  @Option(names = "--model", paramLabel = "pct|light",
      description = "Network size: pct (as published) or light (CPU-sized). Default: light.")
  String model;

  @Option(names = "--mixer", paramLabel = "external|ufo|offset|self",
      description = "Attention mixer. Default: external.")
  String mixer;

  @Option(names = "--points", paramLabel = "N",
      description = "Points per shape (default: the model's: pct 1024/2048, light 512/1024).")
  Integer points;

  @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default 10).")
  Integer epochs;

  @Option(names = "--batch", paramLabel = "B", description = "Batch size (default 32 cls, 16 partseg).")
  Integer batch;

  @Option(names = "--eval-batch", paramLabel = "B", description = "Validation batch size (default 32).")
  Integer evalBatch;

  @Option(names = "--optimizer", paramLabel = "sgd|adam|adamw",
      description = "Optimizer (default sgd: PCT's momentum 0.9, wd 5e-4, cosine 0.01 -> 1e-4).")
  String optimizer;

  @Option(names = "--lr", paramLabel = "LR", description = "Initial learning rate.")
  Double lr;

  @Option(names = "--min-lr", paramLabel = "LR", description = "Final learning rate of the cosine schedule.")
  Double minLr;

  @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum (default 0.9).")
  Double momentum;

  @Option(names = "--weight-decay", paramLabel = "WD", description = "Weight decay.")
  Double weightDecay;

  @Option(names = "--smoothing", paramLabel = "EPS",
      description = "Label smoothing (PCT's formula; default 0.2 cls, 0 partseg).")
  Double smoothing;

  @Option(names = "--augment", paramLabel = "SPEC",
      description = "Augmentation: pct, partseg, none, steps such as "
          + "'dropout(0.875),scale(0.8,1.25),translate(0.2),rotate-y(180),jitter(0.01,0.05),shuffle', or "
          + "transforms as they print, e.g. 'Compose([RandomScale(0.8, 1.25), Shuffle()])' "
          + "(default pct for cls, partseg for partseg).")
  String augment;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of everything random (default 1).")
  Long seed;

  @Option(names = "--train-split", paramLabel = "SPLIT", description = "train or trainval (default train).")
  String trainSplit;

  @Option(names = "--val-split", paramLabel = "SPLIT",
      description = "Validation split for model selection: val (default), test, or none.")
  String valSplit;

  @Option(names = "--checkpoint-every", paramLabel = "K",
      description = "Also checkpoint every K iterations (default 0: at epoch ends only).")
  Integer checkpointEvery;

  @Option(names = "--threads", paramLabel = "T",
      description = "ND4J threads (default: all cores); recorded, and restored on resume.")
  Integer threads;

  @Option(names = "--workers", paramLabel = "W", defaultValue = "1",
      description = "Background threads reading, augmenting and grouping batches (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Folder for the dataset's preprocessing cache (default: .pointea-cache in the"
          + " dataset folder, or ~/.cache/pointea when that folder is read-only).")
  Path cacheDir;

  @Option(names = "--no-report", description = "Skip the report (report.md, plots) at the end.")
  boolean noReport;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Override
  public Integer call() {
    String previous = CacheDirOption.set(cacheDir);
    try {
      return run();
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw CommandErrors.user(e);
    } finally {
      CacheDirOption.restore(previous);
    }
  }

  private int run() throws IOException {
    Path run;
    TrainerConfig config;
    if (resumeRun != null) {
      if (out != null && !out.toAbsolutePath().normalize().equals(resumeRun.toAbsolutePath().normalize())) {
        throw new UserException("--out and --resume name different directories; --resume RUN is enough");
      }
      run = resumeRun;
      if (!Trainer.isRun(run)) {
        throw new UserException(run + ": not a training run (no " + Trainer.RUN_FILE + ")");
      }
      TrainerConfig saved = Trainer.savedConfig(run);
      if (data == null && saved.data() == null) {
        throw new UserException(run + ": the run does not name its dataset folder; give --data DIR");
      }
      config = overrides() ? build(data != null ? data : saved.data(), saved) : null;
    } else {
      if (data == null || out == null) {
        throw new UserException("--data DIR and --out RUN are required (or --resume RUN)");
      }
      run = out;
      if (Trainer.isRun(run)) {
        throw new UserException(run + ": already holds a training run; continue it with --resume " + run
            + " or choose another --out");
      }
      config = build(data, null);
    }
    PrintStream err = System.err;
    TrainingListener progress = quiet ? TrainingListener.NONE : new TrainingProgress(err, 15);
    Trainer trainer = Trainer.builder(config, run).optResume(resumeRun != null).optListener(progress)
        .optLoaderThreads(workers).build();
    boolean fresh = resumeRun == null;
    boolean existed = Files.exists(run);
    TrainingResult r;
    try {
      r = trainer.fit();
    } catch (FileAlreadyExistsException e) {
      throw new UserException(run + ": " + e.getReason(), e);
    } catch (IOException | RuntimeException e) {
      if (fresh) {
        FailedStart.clean(run, existed);
      }
      throw e;
    }
    TrainerConfig used = Trainer.savedConfig(run);
    Path report = null;
    if (!noReport) {
      report = writeReport(run, used, r, quiet ? null : err);
    }
    print(spec.commandLine().getOut(), run, used, r, report);
    return ExitCodes.OK;
  }

  /** True when any option that changes the run was given (so it must be checked on resume). */
  private boolean overrides() {
    return task != null || data != null || model != null || mixer != null || points != null || epochs != null
        || batch != null || evalBatch != null || optimizer != null || lr != null || minLr != null
        || momentum != null || weightDecay != null || smoothing != null || augment != null || seed != null
        || trainSplit != null || valSplit != null || threads != null || checkpointEvery != null;
  }

  /**
   * The configuration from the options: for a new run, defaults for what is not given; on resume,
   * the saved values for what is not given (the trainer then lists what differs).
   */
  private TrainerConfig build(Path dataDir, TrainerConfig saved) throws IOException {
    ModelTask found = ModelTasks.forDataset(TrainingData.task(dataDir));
    ModelTask wanted = task == null ? found : parseTask(task);
    if (wanted != found) {
      throw new UserException(dataDir + ": holds a " + name(found) + " dataset, not " + name(wanted)
          + " (--task " + task + ")");
    }
    ModelSpec ms;
    if (saved != null && model == null && mixer == null && points == null) {
      ms = saved.spec();
    } else {
      String variant = model != null ? model.toLowerCase(Locale.ROOT)
          : saved != null && !saved.spec().variant().equals("custom") ? saved.spec().variant() : "light";
      MixerConfig mix = mixer != null ? MixerConfig.parse(mixer) : saved != null ? mixerOf(saved.spec())
          : MixerConfig.external();
      Integer n = points != null ? points : saved != null ? Integer.valueOf(saved.spec().points()) : null;
      ms = spec(found, dataDir, variant, mix, n);
    }
    TrainerConfig.Builder b = saved != null ? saved.toBuilder(ms) : TrainerConfig.builder(ms);
    b.setData(dataDir);
    if (batch != null || saved == null) {
      b.optBatchSize(batch != null ? batch : found.defaultBatchSize());
    }
    if (epochs != null) {
      b.optEpochs(epochs);
    }
    if (evalBatch != null) {
      b.optEvalBatchSize(evalBatch);
    }
    OptimizerSpec opt = optimizer != null ? OptimizerSpec.defaults(OptimizerSpec.Type.parse(optimizer))
        : saved != null ? saved.optimizer() : OptimizerSpec.pct();
    if (lr != null || minLr != null) {
      double l = lr != null ? lr : opt.lr();
      opt = opt.withLr(l, minLr != null ? minLr : Math.min(opt.minLr(), l));
    }
    if (momentum != null) {
      opt = opt.withMomentum(momentum);
    }
    if (weightDecay != null) {
      opt = opt.withWeightDecay(weightDecay);
    }
    b.optOptimizer(opt);
    if (smoothing != null) {
      b.optSmoothing(smoothing);
    }
    if (augment != null) {
      b.optAugmentation(augment);
    }
    if (seed != null) {
      b.optSeed(seed);
    }
    if (trainSplit != null) {
      b.optTrainSplit(Split.parse(trainSplit));
    }
    if (valSplit != null) {
      b.optValSplit(valSplit.equalsIgnoreCase("none") ? null : Split.parse(valSplit));
    }
    if (checkpointEvery != null) {
      b.optCheckpointEvery(checkpointEvery);
    }
    if (threads != null) {
      b.optEngineThreads(threads);
    }
    return b.build();
  }

  /** The model of a preset for the data's task, with another number of points if given. */
  private static ModelSpec spec(ModelTask task, Path dataDir, String variant, MixerConfig mix, Integer n)
      throws IOException {
    List<String> labels = task.modelLabels(datasetLabels(dataDir));
    NetworkConfig c = PctPresets.forTask(task.id(), variant, labels, mix);
    if (n != null && n != c.points()) {
      c = c.withPoints(n);
    }
    return ModelSpec.of(variant, c, labels, task.defaultPreprocessing());
  }

  /** The mixer of a saved PCT model (the presets' only choice besides the variant). */
  private static MixerConfig mixerOf(ModelSpec spec) {
    if (spec.config() instanceof PctClassifierConfig c) {
      return c.mixer();
    }
    if (spec.config() instanceof PctSegmenterConfig c) {
      return c.mixer();
    }
    return MixerConfig.external();
  }

  static ModelTask parseTask(String t) {
    try {
      return ModelTasks.byName(t);
    } catch (IllegalArgumentException e) {
      throw new UserException("--task must be one of " + ModelTasks.describeAll() + ", got '" + t + "'");
    }
  }

  static String name(ModelTask t) {
    return t.title() + (t.aliases().isEmpty() ? "" : " (" + t.aliases().get(0) + ")");
  }

  private static List<String> datasetLabels(Path dir) throws IOException {
    return org.pointea.io.dataset.DatasetDescriber.describe(dir, 0).labels();
  }

  /** Evaluates the best model on the validation split and writes the run's report. */
  static Path writeReport(Path run, TrainerConfig cfg, TrainingResult r, PrintStream err) throws IOException {
    Evaluation scores = null;
    if (cfg.valSplit() != null && ModelDirectory.exists(r.bestModel())) {
      ModelDirectory best = ModelDirectory.open(r.bestModel());
      PointCloudDataset val = TrainingData.open(cfg.data(), cfg.valSplit(), cfg.spec(), DatasetProgress.NONE);
      scores = Evaluator.evaluate(best, val, Evaluator.Settings.defaults(cfg.spec().task())
          .withBatchSize(cfg.evalBatchSize()).withSmoothing(cfg.smoothing()).withShapes(6), Evaluator.Progress.NONE);
    }
    var files = RunReports.training(run, cfg, r, scores);
    if (err != null) {
      err.println("report: " + files.markdown());
    }
    return files.markdown();
  }

  private void print(PrintWriter o, Path run, TrainerConfig cfg, TrainingResult r, Path report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", run.toString());
    m.put("model", r.bestModel().toString());
    m.put("epochs", r.epochs());
    m.put("best_epoch", r.bestEpoch());
    m.put("selected_on", r.selectedOn());
    m.put("best_value", r.bestValue());
    if (r.last() != null) {
      m.put("last_epoch_metrics", r.last().metrics());
    }
    m.put("seconds", r.seconds());
    m.put("samples_per_s", r.samplesPerSecond());
    m.put("report", report == null ? null : report.toString());
    if (json) {
      o.println(JsonOut.write(m));
    } else {
      o.printf(Locale.ROOT, "run        %s%n", run);
      o.printf(Locale.ROOT, "best       epoch %d of %d, %s %s%n", r.bestEpoch(), r.epochs(), r.selectedOn(),
          r.selectedOn().endsWith("acc") || r.selectedOn().endsWith("miou")
              ? String.format(Locale.ROOT, "%.2f%%", 100 * r.bestValue())
              : String.format(Locale.ROOT, "%.0f", r.bestValue()));
      o.printf(Locale.ROOT, "model      %s%n", r.bestModel());
      o.printf(Locale.ROOT, "time       %.0f s, %.1f samples/s%n", r.seconds(), r.samplesPerSecond());
      if (report != null) {
        o.printf(Locale.ROOT, "report     %s%n", report);
      }
    }
    o.flush();
  }
}

package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Split;
import org.pointea.pointcloud.PartTable;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctPresets;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.pretrained.Pretrained;
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
import org.pointea.models.trainer.TrainingStoppedException;
import org.pointea.io.dataset.scene.SceneDataset;
import org.pointea.io.dataset.scene.SceneLayout;
import org.pointea.models.pct.PctSemSegConfig;
import org.pointea.models.task.semseg.SemanticSegmentationTask;
import org.pointea.pointcloud.scene.BlockFeatures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pointea train}: trains a PCT classifier or part segmenter, resumably. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a PCT classifier (ModelNet layouts), part segmenter (ShapeNet-part) or scene",
      "segmenter (S3DIS, labelled scans: --task semseg, trained on 1 m columns of 4,096 points).",
      "",
      "Writes RUN/run.json (settings), RUN/metrics.jsonl (one line per epoch),",
      "RUN/last/ (checkpoint), RUN/best/ (model of the best validation epoch) and",
      "RUN/report.md with plots. Model selection uses the validation split",
      "(ModelNet: 10%% of the training list, by shape id), never the test split",
      "unless --val-split test is given. A run killed at any moment continues with",
      "'pointea train --resume RUN' and ends with the same weights as an",
      "uninterrupted run; Ctrl-C stops after the current step with a checkpoint",
      "and says so (exit 130). --resume RUN --epochs E extends a finished run.",
      "--init-from MODEL fine-tunes a trained model (a new head for new classes).",
      "Progress goes to stderr, the summary to stdout."
    })
public final class TrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--task", paramLabel = "cls|partseg|semseg",
      description = "Task; checked against the data (default: what the data folder holds).")
  String task;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Dataset folder (any ModelNet, ShapeNet-part or scene layout); required unless resuming.")
  Path data;

  @Option(names = "--out", paramLabel = "RUN", description = "Run directory to create.")
  Path out;

  @Option(names = "--resume", paramLabel = "RUN",
      description = "Continue the run in RUN with its saved settings (other options must agree,"
          + " except --epochs, which extends or shortens the plan).")
  Path resumeRun;

  @Option(names = "--init-from", paramLabel = "MODEL",
      description = "Fine-tune: start from a trained model (a model directory, a run, or a model"
          + " shipped with pointea such as modelnet40) instead of random weights; its backbone, and"
          + " its head when the classes are the same.")
  Path initFrom;

  @Option(names = "--model", paramLabel = "pct|light",
      description = "Network size: pct (as published) or light (CPU-sized). Default: light.")
  String model;

  @Option(names = "--mixer", paramLabel = "external|ufo|offset|self",
      description = "Attention mixer. Default: external.")
  String mixer;

  @Option(names = "--points", paramLabel = "N",
      description = "Points per shape (default: the model's: pct 1024/2048, light 512/1024).")
  Integer points;

  @Option(names = "--inputs", paramLabel = "CHANNELS",
      description = "Scenes: the input channels besides x, y, z, e.g. xyz,colors (default), xyz, "
          + "xyz,colors,intensity,normals.")
  String inputs;

  @Option(names = "--block", paramLabel = "M",
      description = "Scenes: the side of a training block and of the tiles at inference, metres (default 1.0).")
  Double block;

  @Option(names = "--epochs", paramLabel = "E", description = "Epochs (default 10).")
  Integer epochs;

  @Option(names = "--batch", paramLabel = "B", description = "Batch size (default 32 cls, 16 partseg, 8 semseg).")
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

  @Option(names = "--class-weights", paramLabel = "none|balanced",
      description = "Weight the loss by class: none (default) or balanced (PointNet++'s (max f / f)^(1/3) from the "
          + "training scenes; scene segmentation).")
  String classWeights;

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

  @Mixin DeviceOption device;

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
    if (resumeRun != null && initFrom != null) {
      throw new UserException("--init-from starts a new run; a resumed run continues from its own checkpoint");
    }
    if (initFrom != null && (model != null || mixer != null)) {
      throw new UserException("--init-from trains the network of " + initFrom + "; drop --model and --mixer");
    }
    if (initFrom != null && !Files.exists(initFrom)) {
      // a model shipped with pointea, by name (modelnet40)
      String name = initFrom.toString();
      initFrom = Pretrained.byId(name).orElseThrow(() -> new UserException("--init-from " + name
          + ": no such model directory or run, and pointea ships no model of that name ("
          + Arrays.stream(Pretrained.values()).map(Pretrained::id).collect(Collectors.joining(", ")) + ")"))
          .directory();
    }
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
      requireWritableFolder("--out", run);
      config = build(data, null);
    }
    Backend backend = device.open();
    PrintStream err = System.err;
    TrainingListener progress = quiet ? TrainingListener.NONE : new TrainingProgress(err, 15);
    boolean fresh = resumeRun == null;
    boolean existed = Files.exists(run);
    TrainingResult r;
    try (TrainingInterrupt interrupt = new TrainingInterrupt(run, progress, err,
        !quiet && TrainingProgress.stderrIsTerminal(), 30)) {
      Trainer.Builder tb = Trainer.builder(config, run).optResume(resumeRun != null).optListener(interrupt)
          .optLoaderThreads(workers);
      if (initFrom != null) {
        tb.optInitFrom(initFrom);
      }
      if (backend != null) {
        tb.optBackend(backend);
      }
      Trainer trainer = tb.build();
      interrupt.attach(trainer);
      try {
        r = trainer.fit();
        interrupt.finished(null);
      } catch (TrainingStoppedException e) {
        interrupt.finished(e);
        return INTERRUPTED; // the shutdown hook prints the line; the JVM exits with 130
      } catch (FileAlreadyExistsException e) {
        throw new UserException(run + ": " + e.getReason(), e);
      } catch (IOException | RuntimeException e) {
        if (fresh) {
          FailedStart.clean(run, existed);
        }
        throw e;
      }
    }
    TrainerConfig used = Trainer.savedConfig(run);
    Path report = null;
    if (!noReport) {
      report = writeReport(run, used, r, quiet ? null : err, backend);
    }
    print(spec.commandLine().getOut(), run, used, r, report);
    return ExitCodes.OK;
  }

  /** The exit code of a run stopped by Ctrl-C (128 + SIGINT), what the JVM exits with on the signal. */
  static final int INTERRUPTED = 130;

  /**
   * Fails with one line naming the folder when {@code dir} cannot be created or written (a path
   * under a regular file, a read-only parent), before any data is read.
   */
  static void requireWritableFolder(String option, Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new UserException(option + " " + dir + ": cannot create the folder: " + existing + " is a file");
    }
    if (!Files.isWritable(existing)) {
      throw new UserException(option + " " + dir + ": cannot write " + (existing.equals(p) ? "into the folder"
          : "the folder: " + existing + " is not writable") + " (permission denied)");
    }
  }

  /** True when any option that changes the run was given (so it must be checked on resume). */
  private boolean overrides() {
    return task != null || data != null || model != null || mixer != null || points != null || inputs != null
        || block != null || epochs != null
        || batch != null || evalBatch != null || optimizer != null || lr != null || minLr != null
        || momentum != null || weightDecay != null || smoothing != null || augment != null || seed != null
        || classWeights != null
        || trainSplit != null || valSplit != null || threads != null || checkpointEvery != null;
  }

  /**
   * The configuration from the options: for a new run, defaults for what is not given; on resume,
   * the saved values for what is not given (the trainer then lists what differs).
   */
  private TrainerConfig build(Path dataDir, TrainerConfig saved) throws IOException {
    ModelTask found = ModelTasks.forDataset(TrainingData.task(dataDir));
    ModelTask wanted = task == null ? found : parseTask(task);
    if (wanted.datasetTask() != org.pointea.io.dataset.Task.SEMANTIC_SEGMENTATION && (inputs != null || block != null)) {
      throw new UserException("--inputs and --block are for scene segmentation (--task semseg)");
    }
    if (wanted.datasetTask() != org.pointea.io.dataset.Task.SEMANTIC_SEGMENTATION && classWeights != null
        && !classWeights.strip().equalsIgnoreCase(TrainerConfig.NONE)) {
      throw new UserException("--class-weights balanced is for scene segmentation (--task semseg)");
    }
    if (wanted != found) {
      throw new UserException(dataDir + ": holds a " + name(found) + " dataset, not " + name(wanted)
          + " (--task " + task + ")");
    }
    ModelSpec ms;
    if (saved != null && model == null && mixer == null && points == null && inputs == null && block == null) {
      ms = saved.spec();
    } else if (initFrom != null) {
      ms = fineTuneSpec(ModelDirectory.open(ModelDirectory.resolve(initFrom)).spec(), found, dataDir);
    } else {
      String variant = model != null ? model.toLowerCase(Locale.ROOT)
          : saved != null && !saved.spec().variant().equals("custom") ? saved.spec().variant() : "light";
      MixerConfig mix = mixer != null ? MixerConfig.parse(mixer) : saved != null ? mixerOf(saved.spec())
          : MixerConfig.external();
      Integer n = points != null ? points : saved != null ? Integer.valueOf(saved.spec().points()) : null;
      ms = TrainingData.isPartFolders(dataDir)
          ? partFoldersSpec(found, dataDir, variant, mix, n, trainSplit != null ? Split.parse(trainSplit)
              : saved != null ? saved.trainSplit() : Split.TRAIN)
          : spec(found, dataDir, variant, mix, n);
      if (ms.config() instanceof PctSemSegConfig sc) {
        BlockFeatures in = inputs != null ? parseInputs(inputs)
            : saved != null && saved.spec().config() instanceof PctSemSegConfig prev ? prev.inputs() : sc.inputs();
        double side = block != null ? block
            : saved != null && saved.spec().config() instanceof PctSemSegConfig prev ? prev.block() : sc.block();
        ms = ModelSpec.of(ms.variant(), sc.withInputs(in).withBlock(side), ms.labels(), ms.preprocessing());
      }
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
    } else if (ms.config() instanceof PctSemSegConfig sc && (saved == null || points != null || block != null)) {
      // the recipe's first step crops the model's blocks
      b.optAugmentation(SemanticSegmentationTask.augmentation((float) sc.block(), sc.points()));
    }
    if (seed != null) {
      b.optSeed(seed);
    }
    if (classWeights != null) {
      b.optClassWeights(classWeights);
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

  /**
   * The network a fine-tuning run trains: the pretrained model's, with a head sized for the data's
   * labels (a classifier's classes), its preprocessing, and {@code --points} if given. For another
   * task, the preset of the model's variant and mixer (the trainer checks that the backbone fits).
   */
  private ModelSpec fineTuneSpec(ModelSpec pre, ModelTask task, Path dataDir) throws IOException {
    List<String> labels = task.modelLabels(datasetLabels(dataDir));
    NetworkConfig c;
    boolean sameTask = pre.task().id().equals(task.id());
    if (sameTask) {
      c = pre.config();
      if (c instanceof PctClassifierConfig cls && cls.classes() != labels.size()) {
        c = cls.withClasses(labels.size());
      }
    } else {
      String variant = pre.variant().equals("pct") ? "pct" : "light";
      c = PctPresets.forTask(task.id(), variant, labels, mixerOf(pre));
    }
    if (points != null && points != c.points()) {
      c = c.withPoints(points);
    }
    return ModelSpec.of(pre.variant(), c, labels, sameTask ? pre.preprocessing()
        : task.defaultPreprocessing());
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

  /**
   * The model of a preset for a team's own part-labelled folders: categories = the class folders,
   * parts = the part ids of the training split (its part table, recorded in the model).
   */
  private static ModelSpec partFoldersSpec(ModelTask task, Path dataDir, String variant, MixerConfig mix,
      Integer n, Split trainSplit) throws IOException {
    PctSegmenterConfig c = (PctSegmenterConfig) PctPresets.forTask(task.id(), variant, List.of(), mix);
    if (n != null && n != c.points()) {
      c = c.withPoints(n);
    }
    PartTable table = TrainingData.partTable(dataDir, trainSplit, c.points(), task.defaultPreprocessing(),
        DatasetProgress.NONE);
    c = c.withParts(table.parts(), table.categories());
    return ModelSpec.of(variant, c, table.categoryNames(), task.defaultPreprocessing()).withPartTable(table);
  }

  /** The mixer of a saved PCT model (the presets' only choice besides the variant). */
  private static MixerConfig mixerOf(ModelSpec spec) {
    if (spec.config() instanceof PctClassifierConfig c) {
      return c.mixer();
    }
    if (spec.config() instanceof PctSegmenterConfig c) {
      return c.mixer();
    }
    if (spec.config() instanceof PctSemSegConfig c) {
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
    if (SceneLayout.detect(dir).isPresent()) {
      return SceneDataset.classNames(dir);
    }
    return org.pointea.io.dataset.DatasetDescriber.describe(dir, 0).labels();
  }

  static BlockFeatures parseInputs(String text) {
    try {
      return BlockFeatures.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UserException("--inputs: " + e.getMessage(), e);
    }
  }

  /**
   * Evaluates the best model on the validation split (on {@code backend}, null for the default)
   * and writes the run's report.
   */
  static Path writeReport(Path run, TrainerConfig cfg, TrainingResult r, PrintStream err, Backend backend)
      throws IOException {
    Evaluation scores = null;
    if (cfg.valSplit() != null && ModelDirectory.exists(r.bestModel())) {
      ModelDirectory best = ModelDirectory.open(r.bestModel());
      PointCloudDataset val = TrainingData.openForTraining(cfg.data(), cfg.valSplit(), cfg.spec(),
          DatasetProgress.NONE);
      scores = Evaluator.evaluate(best, val, Evaluator.Settings.defaults(cfg.spec().task())
          .withBatchSize(cfg.evalBatchSize()).withSmoothing(cfg.smoothing()).withShapes(6), Evaluator.Progress.NONE,
          backend != null ? backend : Backends.getDefault());
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

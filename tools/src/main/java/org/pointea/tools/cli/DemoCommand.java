package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.synthetic.SynthesisReport;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.classification.ClassificationEvaluation;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.trainer.TrainingListener;
import org.pointea.models.trainer.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pointea demo}: the README's main job. Synthesizes a ModelNet-style dataset in the real
 * on-disk layout, trains the light External-Attention classifier on the CPU with a progress bar,
 * evaluates it on the test split and writes a report with plots.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = {DemoCoreCommand.class},
    description = {
      "Synthesize data, train the light External-Attention PCT, evaluate, report.",
      "",
      "Writes DIR/modelnet40_normal_resampled (12 classes of synthetic solids, 64",
      "training and 16 test shapes each, in PointNet++'s layout), trains the light",
      "classifier on it for a few minutes on the CPU (DIR/run: model, checkpoints,",
      "metrics, report), evaluates it on the test split (DIR/run/eval-test/",
      "report.md) and prints the test accuracy. 'pointea demo core' runs the",
      "point-cloud core's self-checks instead."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Points per shape the demo's network takes (the light preset's). */
  static final int POINTS = 512;
  /** Epochs of the demo's training. */
  static final int EPOCHS = 8;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "pointea-demo",
      description = "Work folder (default ${DEFAULT-VALUE}); an existing dataset there is reused.")
  Path out;

  @Option(names = "--epochs", paramLabel = "E", defaultValue = "" + EPOCHS,
      description = "Training epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Training seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "T", description = "ND4J threads (default: all cores).")
  Integer threads;

  @Option(names = "--workers", paramLabel = "W", defaultValue = "1",
      description = "Background threads reading batches (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Option(names = "--train-per-class", hidden = true, defaultValue = "64")
  int trainPerClass;

  @Option(names = "--test-per-class", hidden = true, defaultValue = "16")
  int testPerClass;

  @Option(names = "--points", hidden = true, defaultValue = "" + POINTS)
  int points;

  @Override
  public Integer call() {
    try {
      return demo();
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw CommandErrors.user(e);
    }
  }

  private int demo() throws IOException {
    if (epochs < 1 || trainPerClass < 4 || testPerClass < 1 || points < 32) {
      throw new UserException("--epochs must be >= 1");
    }
    PrintStream err = System.err;
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    Path data = out.resolve("modelnet40_normal_resampled");
    SyntheticModelNet gen = SyntheticModelNet.builder().optTrainPerClass(trainPerClass)
        .optTestPerClass(testPerClass).optPoints(1024).optSeed(2024).build();
    if (complete(data, gen)) {
      say(err, "dataset: reusing " + data);
    } else {
      say(err, "dataset: synthesizing " + gen.classes().size() * (trainPerClass + testPerClass)
          + " shapes of " + gen.classes().size() + " classes into " + data);
      SynthesisReport r = gen.write(data, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
      say(err, String.format(Locale.ROOT, "dataset: %.1f MB written in %.1f s", r.bytes() / 1e6,
          r.elapsed().toNanos() / 1e9));
    }
    Path run = freshRun(out);
    var c = PctClassifierConfig.preset("light", gen.classes().size(), MixerConfig.external());
    if (points != c.points()) {
      c = c.withGrouping(points, points / 2, points / 4, Math.min(c.neighbours(), points / 4));
    }
    ModelSpec ms = ModelSpec.of("light", c, gen.classNames(), Preprocessing.fpsUnitSphere());
    TrainerConfig.Builder b = TrainerConfig.builder(ms).setData(data).optEpochs(epochs).optBatchSize(16)
        .optOptimizer(OptimizerSpec.defaults(OptimizerSpec.Type.ADAM).withLr(2e-3, 1e-5))
        .optAugmentation("scale(0.8,1.25),translate(0.1),shuffle").optSeed(seed);
    if (threads != null) {
      b.optEngineThreads(threads);
    }
    TrainerConfig cfg = b.build();
    say(err, "training: PCT-light, External Attention, " + points + " points, " + epochs + " epochs -> " + run);
    TrainingListener progress = quiet ? TrainingListener.NONE : new TrainingProgress(err, 15);
    TrainingResult result = Trainer.builder(cfg, run).optListener(progress).optLoaderThreads(workers).build().fit();
    TrainCommand.writeReport(run, Trainer.savedConfig(run), result, null);
    say(err, "evaluating the best epoch (" + result.bestEpoch() + ") on the test split");
    EvalCommand.Outcome e = EvalCommand.run(result.bestModel(), data, Split.TEST, 1, null, 32, 0, workers,
        run.resolve("eval-test"), run);
    ClassificationEvaluation cls = (ClassificationEvaluation) e.scores();
    double minutes = (System.nanoTime() - t0) / 60e9;
    o.printf(Locale.ROOT, "test accuracy   %.2f%% (OA; mean class accuracy %.2f%%) on %d synthetic test shapes%n",
        100 * cls.result().oa(), 100 * cls.result().macc(), e.shapes());
    o.printf(Locale.ROOT, "model           %s%n", result.bestModel());
    o.printf(Locale.ROOT, "report          %s%n", e.report());
    o.printf(Locale.ROOT, "time            %.1f min (training %.1f samples/s)%n", minutes, result.samplesPerSecond());
    o.flush();
    return ExitCodes.OK;
  }

  private void say(PrintStream err, String line) {
    if (!quiet) {
      err.println(line);
    }
  }

  /** True when the folder holds the dataset this generator writes (its lists and the last test shape). */
  private static boolean complete(Path data, SyntheticModelNet gen) throws IOException {
    Path test = data.resolve("modelnet40_test.txt");
    if (!Files.isRegularFile(test) || !Files.isRegularFile(data.resolve("filelist.txt"))) {
      return false;
    }
    int classes = gen.classes().size();
    int per = gen.trainPerClass() + gen.testPerClass();
    String lastName = gen.classNames().get(classes - 1);
    Path last = data.resolve(lastName).resolve(gen.id(classes - 1, per - 1) + ".txt");
    return Files.readAllLines(test).size() == classes * gen.testPerClass() && Files.isRegularFile(last);
  }

  /** {@code DIR/run}, or {@code DIR/run-2}, {@code run-3}... when taken. */
  private static Path freshRun(Path dir) {
    Path p = dir.resolve("run");
    for (int i = 2; Files.exists(p); i++) {
      p = dir.resolve("run-" + i);
    }
    return p;
  }
}

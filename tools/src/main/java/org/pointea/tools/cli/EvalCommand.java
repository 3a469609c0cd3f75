package org.pointea.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.Split;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.task.Evaluation;
import org.pointea.models.task.classification.ClassificationTask;
import org.pointea.models.task.partseg.PartSegmentationTask;
import org.pointea.models.trainer.Evaluator;
import org.pointea.models.trainer.RunReports;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea eval}: scores a trained model on a dataset split, with optional voting. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Score a trained model on a dataset split.",
      "",
      "OA and mean class accuracy (classification), or ShapeNet-part instance and",
      "class mIoU with the restricted argmax (part segmentation). --votes K averages",
      "the logits of K passes: the first on the shapes as stored, the others with",
      "the test-time augmentation (seeded per vote and shape). Writes a report",
      "(report.md, report.json, plots) into RUN/eval-SPLIT unless --no-report; the",
      "scores go to stdout."
    })
public final class EvalCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "RUN",
      description = "A training run (its best/ model is used), or a model directory.")
  Path run;

  @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (default: the run's).")
  Path data;

  @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
      description = "Split to score: test (default), val, train, trainval.")
  String split;

  @Option(names = "--checkpoint", paramLabel = "best|last", defaultValue = "best",
      description = "Which model of a run (default ${DEFAULT-VALUE}).")
  String checkpoint;

  @Option(names = "--votes", paramLabel = "K", defaultValue = "1",
      description = "Passes per shape with test-time augmentation, logits averaged (default ${DEFAULT-VALUE}).")
  int votes;

  @Option(names = "--vote-augment", paramLabel = "SPEC",
      description = "Test-time augmentation of votes 2..K (default: the task's; cls '"
          + ClassificationTask.VOTE_AUGMENTATION + "', partseg '" + PartSegmentationTask.VOTE_AUGMENTATION + "').")
  String voteAugment;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the votes (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--workers", paramLabel = "W", defaultValue = "1",
      description = "Background threads reading batches (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default RUN/eval-SPLIT).")
  Path out;

  @Option(names = "--no-report", description = "Do not write a report.")
  boolean noReport;

  @Option(names = "--json", description = "Print the scores as JSON.")
  boolean json;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Folder for the dataset's preprocessing cache (default: .pointea-cache in the"
          + " dataset folder, or ~/.cache/pointea when that folder is read-only).")
  Path cacheDir;

  @Override
  public Integer call() {
    String previous = CacheDirOption.set(cacheDir);
    try {
      return evaluate();
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw CommandErrors.user(e);
    } finally {
      CacheDirOption.restore(previous);
    }
  }

  /** The outcome of an evaluation, for the demo. */
  record Outcome(Evaluation scores, Path report, double seconds, int shapes) {}

  private int evaluate() throws IOException {
    if (votes < 1 || batch < 1 || workers < 0) {
      throw new UserException("--votes and --batch must be >= 1 and --workers >= 0");
    }
    Split sp = Split.parse(split);
    boolean isRun = Trainer.isRun(run);
    Path modelDir;
    if (isRun) {
      if (!checkpoint.equals("best") && !checkpoint.equals("last")) {
        throw new UserException("--checkpoint must be best or last, got '" + checkpoint + "'");
      }
      modelDir = run.resolve(checkpoint);
    } else if (ModelDirectory.exists(run)) {
      modelDir = run;
    } else if (Files.isDirectory(run)) {
      throw new UserException(run + ": neither a training run (no " + Trainer.RUN_FILE + ") nor a model directory "
          + "(no " + ModelDirectory.MANIFEST + ")");
    } else {
      throw new UserException(run + ": no such directory");
    }
    Path dataDir = data;
    if (dataDir == null) {
      if (!isRun || Trainer.savedConfig(run).data() == null) {
        throw new UserException("--data DIR is needed (the model does not name its dataset)");
      }
      dataDir = Trainer.savedConfig(run).data();
    }
    Path reportDir = noReport ? null : out != null ? out : (isRun ? run : modelDir).resolve("eval-" + sp.id());
    Outcome o = run(modelDir, dataDir, sp, votes, voteAugment, batch, seed, workers, reportDir,
        isRun ? run : null);
    print(spec.commandLine().getOut(), modelDir, dataDir, sp, o);
    return ExitCodes.OK;
  }

  /** Evaluates and (when {@code reportDir} is not null) writes the report. */
  static Outcome run(Path modelDir, Path dataDir, Split sp, int votes, String voteAugment, int batch, long seed,
      int workers, Path reportDir, Path run) throws IOException {
    ModelDirectory md = ModelDirectory.open(modelDir);
    CachedDataset ds = TrainingData.open(dataDir, sp, md.spec(), (stage, done, total) -> { });
    Evaluator.Settings s = Evaluator.Settings.defaults(md.spec().task()).withVotes(votes).withBatchSize(batch)
        .withSeed(seed).withLoaderThreads(workers).withShapes(6);
    if (voteAugment != null) {
      s = s.withVoteAugmentation(voteAugment);
    }
    if (md.training().isPresent() && md.training().get().has("config")) {
      s = s.withSmoothing(md.training().get().get("config").path("label_smoothing").asDouble(s.smoothing()));
    }
    long t0 = System.nanoTime();
    Evaluation e = Evaluator.evaluate(md, ds, s, Evaluator.Progress.NONE);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Path report = null;
    if (reportDir != null) {
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("shapes", ds.size());
      extra.put("vote augmentation", votes > 1 ? s.voteAugmentation() : "none");
      extra.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
      report = RunReports.evaluation(reportDir, md.spec(), modelDir, dataDir, sp, e, run, extra).markdown();
    }
    return new Outcome(e, report, seconds, ds.size());
  }

  private void print(PrintWriter o, Path modelDir, Path dataDir, Split sp, Outcome r) throws IOException {
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("model", modelDir.toString());
      root.put("data", dataDir.toString());
      root.put("split", sp.id());
      root.put("votes", r.scores().votes());
      root.put("loss", r.scores().loss());
      root.put("seconds", r.seconds());
      root.setAll((ObjectNode) r.scores().details());
      root.put("report", r.report() == null ? null : r.report().toString());
      o.println(mapper.writeValueAsString(root));
    } else {
      o.print(text(r, sp));
      if (r.report() != null) {
        o.printf(Locale.ROOT, "report          %s%n", r.report());
      }
    }
    o.flush();
  }

  /** The scores as text. */
  static String text(Outcome r, Split sp) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "split           %s (%d shapes), %d vote%s, %.1f s%n", sp.id(), r.shapes(),
        r.scores().votes(), r.scores().votes() == 1 ? "" : "s", r.seconds()));
    sb.append(r.scores().summary());
    return sb.toString();
  }
}

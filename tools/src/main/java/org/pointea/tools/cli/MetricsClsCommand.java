package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.eval.ArgMax;
import org.pointea.eval.ClassResult;
import org.pointea.eval.ClassificationResult;
import org.pointea.eval.Metrics;
import org.pointea.io.npy.NpyArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea metrics cls}: classification scores of predictions saved as NPY. */
@Command(
    name = "cls",
    mixinStandardHelpOptions = true,
    description = {
      "Classification scores (OA, mAcc, per class) of NPY predictions.",
      "",
      "Classification scores: overall accuracy (OA), mean class accuracy (mAcc,",
      "scikit-learn's balanced accuracy), per-class accuracy, precision, recall and",
      "F1, confusion matrix. Labels and predictions are NPY integer arrays [S] (or",
      "[S, 1]); predictions may also be [S, K] scores, scored by their argmax."
    })
public final class MetricsClsCommand implements Callable<Integer> {
  /** Most classes scored (a K x K matrix of longs: 128 MB at 4096). */
  static final int MAX_CLASSES = 4096;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "L.npy",
      description = "Ground-truth classes [S].")
  Path labels;

  @Option(names = "--pred", required = true, paramLabel = "P.npy",
      description = "Predicted classes [S], or scores [S, K].")
  Path pred;

  @Option(names = "--names", paramLabel = "FILE",
      description = "Class names, one per line (ModelNet's shape_names.txt); also fixes the "
          + "class count.")
  Path names;

  @Option(names = "--json", description = "Print JSON: oa, macc, per_class, confusion_matrix...")
  boolean json;

  @Override
  public Integer call() throws IOException {
    NpyArray l = NpyInputs.read(labels);
    NpyArray p = NpyInputs.read(pred);
    int[] ls = NpyInputs.squeezedShape(l);
    int[] ps = NpyInputs.squeezedShape(p);
    if (ls.length != 1) {
      throw new UserException(labels + ": expected one class per sample, shape [S]; got "
          + NpyInputs.shape(l.shape()));
    }
    int s = ls[0];
    int[] y = NpyInputs.ints(labels, l);
    int[] yhat;
    if (ps.length == 1) {
      yhat = NpyInputs.ints(pred, p);
    } else if (ps.length == 2) {
      yhat = ArgMax.argmax(p.toFloatArray(), ps[1]);
    } else {
      throw new UserException(pred + ": expected classes [S] or scores [S, K]; got "
          + NpyInputs.shape(p.shape()));
    }
    if (yhat.length != s) {
      throw new UserException(pred + ": " + yhat.length + " predictions for " + s + " labels in "
          + labels);
    }
    List<String> classNames = names == null ? null : readNames(names);
    ClassificationResult result;
    if (classNames != null && classNames.size() > MAX_CLASSES) {
      throw new UserException(names + ": " + classNames.size() + " class names; pointea metrics"
          + " cls scores at most " + MAX_CLASSES + " classes");
    }
    if (classNames != null) {
      NpyInputs.requireRange(labels, y, classNames.size(), "class of " + names);
      NpyInputs.requireRange(pred, yhat, classNames.size(), "class of " + names);
      result = Metrics.classification(y, yhat, classNames);
    } else {
      NpyInputs.requireRange(labels, y, Integer.MAX_VALUE, "class id");
      NpyInputs.requireRange(pred, yhat, Integer.MAX_VALUE, "class id");
      int max = 0;
      for (int v : y) {
        max = Math.max(max, v);
      }
      for (int v : yhat) {
        max = Math.max(max, v);
      }
      if (max >= MAX_CLASSES) {
        // the confusion matrix is K x K counts
        throw new UserException("class ids go up to " + max + "; pointea metrics cls scores at"
            + " most " + MAX_CLASSES + " classes (are these class ids?)");
      }
      result = Metrics.classification(y, yhat);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, result);
    } else {
      out.print(text(result));
      out.flush();
    }
    return ExitCodes.OK;
  }

  static List<String> readNames(Path file) throws IOException {
    CloudFiles.requireFile(file);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(String::strip).filter(x -> !x.isEmpty()).toList();
    if (lines.isEmpty()) {
      throw new UserException(file + ": no class names (expected one per line)");
    }
    return lines;
  }

  /**
   * Formats a result as text.
   *
   * @param r the result
   * @return the text
   */
  static String text(ClassificationResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "samples   %d%n", r.samples()));
    sb.append(String.format(Locale.ROOT, "OA        %s%n", pct(r.oa())));
    sb.append(String.format(Locale.ROOT, "mAcc      %s%n", pct(r.macc())));
    sb.append(String.format(Locale.ROOT, "macro F1  %s%n%n", pct(r.macroF1())));
    int width = Math.max(5, r.perClass().stream().mapToInt(c -> c.label().length()).max()
        .orElse(5));
    sb.append(String.format(Locale.ROOT, "%-" + width + "s %8s %9s %9s %9s %9s%n", "class",
        "support", "accuracy", "precision", "recall", "F1"));
    for (ClassResult c : r.perClass()) {
      sb.append(String.format(Locale.ROOT, "%-" + width + "s %8d %9s %9s %9s %9s%n", c.label(),
          c.support(), pct(c.accuracy()), pct(c.precision()), pct(c.recall()), pct(c.f1())));
    }
    return sb.toString();
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }
}

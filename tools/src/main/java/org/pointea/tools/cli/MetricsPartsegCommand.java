package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pointea.eval.CategoryResult;
import org.pointea.eval.Metrics;
import org.pointea.eval.PartSegmentationResult;
import org.pointea.io.npy.NpyArray;
import org.pointea.pointcloud.ShapeNetPart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea metrics partseg}: ShapeNet-part scores of predictions saved as NPY. */
@Command(
    name = "partseg",
    mixinStandardHelpOptions = true,
    description = {
      "ShapeNet-part scores (instance and class mIoU) of NPY predictions.",
      "",
      "ShapeNet-part segmentation scores with the PointNet++ / yanx27 conventions:",
      "shape IoU over the parts of the shape's category (a part absent from both",
      "prediction and ground truth scores 1), instance mIoU (mean over shapes), class",
      "mIoU (mean over categories), per-category table. Labels are global part ids",
      "[S, N] (0-49); predictions are part ids [S, N] (a part of another category",
      "counts as wrong) or scores [S, N, 50] (argmax restricted to the category's",
      "parts); categories are [S] ids 0-15."
    })
public final class MetricsPartsegCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "L.npy",
      description = "Ground-truth part ids [S, N].")
  Path labels;

  @Option(names = "--pred", required = true, paramLabel = "P.npy",
      description = "Predicted part ids [S, N], or scores [S, N, 50].")
  Path pred;

  @Option(names = {"--category", "--categories"}, paramLabel = "C.npy",
      description = "Category ids [S], 0-15 in ShapeNet-part order (Airplane, Bag, Cap, ...);"
          + " default: the category of each shape's first ground-truth part.")
  Path category;

  @Option(names = "--json", description = "Print JSON: instance_miou, class_miou, per_category"
      + "...")
  boolean json;

  @Override
  public Integer call() throws IOException {
    NpyArray l = NpyInputs.read(labels);
    NpyArray p = NpyInputs.read(pred);
    int[] ls = l.shape();
    if (ls.length != 2 || ls[0] < 1 || ls[1] < 1) {
      throw new UserException(labels + ": expected part ids [S, N]; got "
          + NpyInputs.shape(ls));
    }
    int s = ls[0];
    int n = ls[1];
    int[] y = NpyInputs.ints(labels, l);
    NpyInputs.requireRange(labels, y, ShapeNetPart.PARTS, "part id");
    int[] categories;
    if (category != null) {
      NpyArray c = NpyInputs.read(category);
      int[] cs = NpyInputs.squeezedShape(c);
      if (cs.length != 1 || cs[0] != s) {
        throw new UserException(category + ": expected " + s + " category ids [S]; got "
            + NpyInputs.shape(c.shape()));
      }
      categories = NpyInputs.ints(category, c);
      NpyInputs.requireRange(category, categories, ShapeNetPart.CATEGORIES, "category id");
    } else {
      categories = new int[s];
      for (int i = 0; i < s; i++) {
        categories[i] = ShapeNetPart.categoryOfPart(y[i * n]);
      }
    }
    checkLabelsInCategory(y, categories, n);
    int[] ps = p.shape();
    PartSegmentationResult result;
    if (ps.length == 2 && ps[0] == s && ps[1] == n) {
      int[] yhat = NpyInputs.ints(pred, p);
      NpyInputs.requireRange(pred, yhat, ShapeNetPart.PARTS, "part id");
      result = Metrics.partSegmentation(y, yhat, categories);
    } else if (ps.length == 3 && ps[0] == s && ps[1] == n && ps[2] == ShapeNetPart.PARTS) {
      result = Metrics.partSegmentationFromLogits(y, p.toFloatArray(), categories);
    } else {
      throw new UserException(pred + ": expected part ids [" + s + ", " + n + "] or scores ["
          + s + ", " + n + ", 50] to match " + labels + "; got " + NpyInputs.shape(ps));
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

  private void checkLabelsInCategory(int[] y, int[] categories, int n) {
    for (int i = 0; i < categories.length; i++) {
      int first = ShapeNetPart.firstPart(categories[i]);
      int count = ShapeNetPart.partCount(categories[i]);
      for (int j = 0; j < n; j++) {
        int g = y[i * n + j];
        if (g < first || g >= first + count) {
          throw new UserException(labels + ": shape " + i + " point " + j + ": part " + g
              + " is not a part of " + ShapeNetPart.categoryName(categories[i]) + " (" + first
              + "-" + (first + count - 1) + ")"
              + (category != null ? "; check " + category : ""));
        }
      }
    }
  }

  /**
   * Formats a result as text.
   *
   * @param r the result
   * @return the text
   */
  static String text(PartSegmentationResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "shapes          %d (%d points)%n", r.shapes(),
        r.points()));
    sb.append(String.format(Locale.ROOT, "instance mIoU   %s%n",
        MetricsClsCommand.pct(r.instanceMiou())));
    sb.append(String.format(Locale.ROOT, "class mIoU      %s%n",
        MetricsClsCommand.pct(r.classMiou())));
    sb.append(String.format(Locale.ROOT, "point accuracy  %s%n%n",
        MetricsClsCommand.pct(r.pointAccuracy())));
    sb.append(String.format(Locale.ROOT, "%-11s %7s %9s%n", "category", "shapes", "mIoU"));
    for (CategoryResult c : r.perCategory()) {
      sb.append(String.format(Locale.ROOT, "%-11s %7d %9s%n", c.name(), c.shapes(),
          MetricsClsCommand.pct(c.miou())));
    }
    return sb.toString();
  }
}

package org.pointea.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pointea.eval.CategoryResult;
import org.pointea.eval.ClassResult;
import org.pointea.eval.ClassificationResult;
import org.pointea.eval.PartSegmentationResult;

/**
 * Formats a {@link Report} as Markdown: key facts, the summary scores, the per-class or
 * per-category table, the history table and links to the figures. Scores are shown in percent with
 * two decimals; undefined ones as an en dash.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * Returns the Markdown text of a report.
   *
   * @param report the report
   * @param figures figure title to file name (relative to the report), in display order
   * @return the text, ending with a newline
   */
  public static String render(Report report, Map<String, String> figures) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(escape(report.title())).append("\n\n");
    if (!report.info().isEmpty()) {
      table(md, List.of("setting", "value"), report.info().entrySet().stream()
          .map(e -> List.of("**" + escape(e.getKey()) + "**", escape(e.getValue()))).toList());
    }
    ClassificationResult cls = report.classification();
    if (cls != null) {
      md.append("## Classification\n\nScores in percent.\n\n");
      table(md, List.of("metric", "value"), List.of(
          List.of("samples", Long.toString(cls.samples())),
          List.of("overall accuracy (OA)", pct(cls.oa())),
          List.of("mean class accuracy (mAcc)", pct(cls.macc())),
          List.of("macro precision", pct(cls.macroPrecision())),
          List.of("macro recall", pct(cls.macroRecall())),
          List.of("macro F1", pct(cls.macroF1()))));
      md.append("### Per class\n\n");
      table(md, List.of("class", "support", "predicted", "accuracy", "precision", "recall", "F1"),
          cls.perClass().stream().map(MarkdownReport::row).toList());
    }
    PartSegmentationResult seg = report.partSegmentation();
    if (seg != null) {
      md.append("## Part segmentation\n\nScores in percent.\n\n");
      table(md, List.of("metric", "value"), List.of(
          List.of("shapes", Integer.toString(seg.shapes())),
          List.of("points", Long.toString(seg.points())),
          List.of("instance mIoU", pct(seg.instanceMiou())),
          List.of("class mIoU", pct(seg.classMiou())),
          List.of("point accuracy", pct(seg.pointAccuracy())),
          List.of("mean part accuracy", pct(seg.partAvgAccuracy())),
          List.of("predictions outside the category", Long.toString(seg.outsideCategory()))));
      md.append("### Per category\n\n");
      table(md, List.of("category", "shapes", "mIoU"),
          seg.perCategory().stream().map(MarkdownReport::row).toList());
    }
    History h = report.history();
    if (!h.isEmpty()) {
      md.append("## Training history\n\n");
      List<String> names = h.metricNames();
      List<String> header = new java.util.ArrayList<>();
      header.add("epoch");
      // scores in percent, as in the tables above; losses and rates as they are
      for (String n : names) {
        header.add(CurvePlot.isAccuracy(n) ? n + " (%)" : n);
      }
      table(md, header, h.epochs().stream().map(e -> {
        List<String> cells = new java.util.ArrayList<>();
        cells.add(Integer.toString(e.epoch()));
        for (String n : names) {
          cells.add(CurvePlot.isAccuracy(n) ? pct(e.get(n)) : number(e.get(n)));
        }
        return cells;
      }).toList());
    }
    if (!figures.isEmpty()) {
      md.append("## Figures\n\n");
      figures.forEach((title, file) ->
          md.append("### ").append(escape(title)).append("\n\n")
              .append("![").append(escape(title)).append("](").append(file).append(")\n\n"));
    }
    return md.toString();
  }

  private static List<String> row(ClassResult c) {
    return List.of(escape(c.label()), Long.toString(c.support()), Long.toString(c.predicted()),
        pct(c.accuracy()), pct(c.precision()), pct(c.recall()), pct(c.f1()));
  }

  private static List<String> row(CategoryResult c) {
    return List.of(escape(c.name()), Integer.toString(c.shapes()), pct(c.miou()));
  }

  private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
    md.append('|');
    for (String h : header) {
      md.append(' ').append(h).append(" |");
    }
    md.append("\n|");
    for (int i = 0; i < header.size(); i++) {
      md.append(i == 0 ? "---|" : "---:|");
    }
    md.append('\n');
    for (List<String> r : rows) {
      md.append('|');
      for (String cell : r) {
        md.append(' ').append(cell).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /**
   * Formats a fraction as a percentage with two decimals, or an en dash when undefined.
   *
   * @param fraction a value in [0, 1], or NaN
   * @return e.g. {@code "92.41"}
   */
  static String pct(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f", 100 * fraction) : "–";
  }

  /**
   * Formats a history value with four significant digits, or an en dash when missing.
   *
   * @param v the value
   * @return the text
   */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /**
   * Escapes text for a Markdown table cell or heading.
   *
   * @param s the text
   * @return the escaped text, on one line
   */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }
}

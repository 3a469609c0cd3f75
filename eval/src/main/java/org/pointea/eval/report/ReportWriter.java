package org.pointea.eval.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pointea.eval.AtomicFiles;
import org.pointea.eval.ClassificationResult;
import org.pointea.eval.MetricsJson;
import org.pointea.eval.SemanticSegmentationResult;
import org.pointea.eval.render.RenderOptions;

/**
 * Writes a {@link Report} into a directory: {@code report.json}, {@code report.md} and the PNG
 * figures it has data for: {@code loss.png} and {@code accuracy.png} (from the history),
 * {@code confusion.png} (from the classification scores) and {@code shapes.png} (from the
 * segmented shapes). Headless. Each file is written atomically; {@code report.json} is written
 * last, so its presence means the report is complete.
 *
 * <p>{@code report.json} holds {@code title}, {@code info}, {@code classification} and/or
 * {@code part_segmentation} (the result records' JSON), {@code history} (one object per epoch) and
 * {@code figures} (key to file name).
 */
public final class ReportWriter {
  /** File name of the JSON report. */
  public static final String JSON = "report.json";

  /** File name of the Markdown report. */
  public static final String MARKDOWN = "report.md";

  private final int curveWidth;
  private final int curveHeight;
  private final RenderOptions shapeViews;

  /** Creates a writer with 900 x 480 curves and three 220-pixel views per shape. */
  public ReportWriter() {
    this(900, 480, RenderOptions.builder().optSize(220, 220).optViews(3).build());
  }

  /**
   * Creates a writer.
   *
   * @param curveWidth width of the loss and accuracy charts, pixels
   * @param curveHeight height of the loss and accuracy charts, pixels
   * @param shapeViews size, views, up axis and projection of the shape gallery's views
   */
  public ReportWriter(int curveWidth, int curveHeight, RenderOptions shapeViews) {
    if (curveWidth < 200 || curveHeight < 150) {
      throw new IllegalArgumentException("charts must be at least 200 x 150 pixels");
    }
    this.curveWidth = curveWidth;
    this.curveHeight = curveHeight;
    this.shapeViews = shapeViews;
  }

  /**
   * Writes the report.
   *
   * @param report the report
   * @param dir the directory, created if needed
   * @return the files written
   * @throws IOException when a file cannot be written
   */
  public ReportFiles write(Report report, Path dir) throws IOException {
    Map<String, Path> figures = new LinkedHashMap<>();
    Map<String, String> titled = new LinkedHashMap<>();
    History history = report.history();
    png(dir, "loss", "Loss", CurvePlot.loss(history, curveWidth, curveHeight), figures, titled);
    png(dir, "accuracy", "Accuracy",
        CurvePlot.accuracy(history, curveWidth, curveHeight), figures, titled);
    ClassificationResult cls = report.classification();
    if (cls != null && cls.samples() > 0) {
      png(dir, "confusion", "Confusion matrix",
          Optional.of(ConfusionMatrixPlot.render(
              cls.confusionMatrix(), cls.classNames(), ConfusionMatrixPlot.title(cls.confusionMatrix()))),
          figures, titled);
    }
    SemanticSegmentationResult sem = report.semanticSegmentation();
    if (sem != null && sem.points() > 0) {
      png(dir, "confusion", "Confusion matrix",
          Optional.of(ConfusionMatrixPlot.render(
              sem.confusionMatrix(), sem.classNames(), ConfusionMatrixPlot.title(sem.confusionMatrix()))),
          figures, titled);
    }
    if (!report.shapes().isEmpty()) {
      png(dir, "shapes", "Segmented shapes",
          Optional.of(new ShapeGallery(shapeViews).render(report.shapes())), figures, titled);
    }
    Path md = AtomicFiles.writeString(dir.resolve(MARKDOWN), MarkdownReport.render(report, titled));
    Path json = AtomicFiles.writeString(dir.resolve(JSON), toJson(report, figures) + "\n");
    return new ReportFiles(json, md, figures);
  }

  /**
   * Returns the {@code report.json} text of a report.
   *
   * @param report the report
   * @param figures figure key to file
   * @return pretty-printed JSON
   */
  static String toJson(Report report, Map<String, Path> figures) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("title", report.title());
    root.put("info", report.info());
    if (report.classification() != null) {
      root.put("classification", report.classification());
    }
    if (report.partSegmentation() != null) {
      root.put("part_segmentation", report.partSegmentation());
    }
    if (report.semanticSegmentation() != null) {
      root.put("semantic_segmentation", report.semanticSegmentation());
    }
    List<Map<String, Object>> epochs = report.history().epochs().stream().map(e -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", e.epoch());
      row.putAll(e.values());
      return row;
    }).toList();
    root.put("history", epochs);
    Map<String, String> names = new LinkedHashMap<>();
    figures.forEach((k, p) -> names.put(k, p.getFileName().toString()));
    root.put("figures", names);
    return MetricsJson.toJson(root);
  }

  private static void png(
      Path dir,
      String key,
      String title,
      Optional<BufferedImage> image,
      Map<String, Path> figures,
      Map<String, String> titled)
      throws IOException {
    if (image.isPresent()) {
      Path file = AtomicFiles.writePng(dir.resolve(key + ".png"), image.get());
      figures.put(key, file);
      titled.put(title, file.getFileName().toString());
    }
  }
}

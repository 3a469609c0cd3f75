package org.pointea.eval.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pointea.eval.ClassificationResult;
import org.pointea.eval.PartSegmentationResult;
import org.pointea.eval.SemanticSegmentationResult;

/**
 * What a training or evaluation report says: a title, key facts (model, dataset, epochs, time),
 * the per-epoch history, the final classification and/or part-segmentation scores and a few
 * segmented shapes. Write it with {@link ReportWriter}.
 *
 * <pre>{@code
 * Report report = Report.builder("PCT-light on ModelNet10")
 *     .optInfo("model", "pct-light").optInfo("epochs", 20)
 *     .optHistory(History.readJsonLines(run.resolve("metrics.jsonl")))
 *     .optClassification(confusion.result(classNames))
 *     .build();
 * new ReportWriter().write(report, run);   // report.json, report.md, *.png
 * }</pre>
 */
public final class Report {
  private final String title;
  private final Map<String, String> info;
  private final History history;
  private final ClassificationResult classification;
  private final PartSegmentationResult partSegmentation;
  private final SemanticSegmentationResult semanticSegmentation;
  private final List<SegmentedShape> shapes;

  private Report(Builder b) {
    this.title = b.title;
    this.info = Collections.unmodifiableMap(new LinkedHashMap<>(b.info));
    this.history = b.history;
    this.classification = b.classification;
    this.partSegmentation = b.partSegmentation;
    this.semanticSegmentation = b.semanticSegmentation;
    this.shapes = List.copyOf(b.shapes);
  }

  /**
   * Starts a report.
   *
   * @param title the title, e.g. the run name
   * @return a builder
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** Returns the title. */
  public String title() {
    return title;
  }

  /** Returns the key facts, in insertion order. */
  public Map<String, String> info() {
    return info;
  }

  /** Returns the per-epoch history (empty when none was given). */
  public History history() {
    return history;
  }

  /** Returns the classification scores, or null. */
  public ClassificationResult classification() {
    return classification;
  }

  /** Returns the part-segmentation scores, or null. */
  public PartSegmentationResult partSegmentation() {
    return partSegmentation;
  }

  /** Returns the semantic-segmentation scores of scenes, or null. */
  public SemanticSegmentationResult semanticSegmentation() {
    return semanticSegmentation;
  }

  /** Returns the shapes to draw. */
  public List<SegmentedShape> shapes() {
    return shapes;
  }

  @Override
  public String toString() {
    return "Report(" + title + ")";
  }

  /** Builds a {@link Report}; everything but the title is optional. */
  public static final class Builder {
    private final String title;
    private final Map<String, String> info = new LinkedHashMap<>();
    private History history = History.empty();
    private ClassificationResult classification;
    private PartSegmentationResult partSegmentation;
    private SemanticSegmentationResult semanticSegmentation;
    private final List<SegmentedShape> shapes = new ArrayList<>();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Adds a key fact, shown in a table at the top.
     *
     * @param key e.g. {@code "model"}
     * @param value e.g. {@code "pct-light"}; written with {@code String.valueOf}
     * @return this builder
     */
    public Builder optInfo(String key, Object value) {
      info.put(Objects.requireNonNull(key, "key"), String.valueOf(value));
      return this;
    }

    /**
     * Sets the per-epoch history, for the curves and the history table.
     *
     * @param history the history
     * @return this builder
     */
    public Builder optHistory(History history) {
      this.history = Objects.requireNonNull(history, "history");
      return this;
    }

    /**
     * Sets the classification scores, for the summary, the per-class table and the confusion
     * matrix.
     *
     * @param result the scores
     * @return this builder
     */
    public Builder optClassification(ClassificationResult result) {
      this.classification = result;
      return this;
    }

    /**
     * Sets the part-segmentation scores, for the summary and the per-category table.
     *
     * @param result the scores
     * @return this builder
     */
    public Builder optPartSegmentation(PartSegmentationResult result) {
      this.partSegmentation = result;
      return this;
    }

    /**
     * Sets the semantic-segmentation scores of scenes, for the summary, the per-class IoU table and
     * the confusion matrix.
     *
     * @param result the scores
     * @return this builder
     */
    public Builder optSemanticSegmentation(SemanticSegmentationResult result) {
      this.semanticSegmentation = result;
      return this;
    }

    /**
     * Adds shapes to draw in the gallery.
     *
     * @param shapes segmented shapes
     * @return this builder
     */
    public Builder optShapes(List<SegmentedShape> shapes) {
      this.shapes.addAll(shapes);
      return this;
    }

    /** Returns the report. */
    public Report build() {
      return new Report(this);
    }
  }
}

package org.pointea.io.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Statistics of a dataset folder, as {@link DatasetDescriber} finds them: the layout, the shapes
 * of every split the dataset ships (per label), the label names, the parts of part-segmentation
 * data, and sizes of a sample of shapes. {@link #toText()} and {@link #toJson()} render it.
 *
 * @param root the dataset folder
 * @param layout the layout's enum name
 * @param layoutTitle the layout's readable name
 * @param task the task's enum name
 * @param labels the label names (classes, or the 16 ShapeNet-part categories)
 * @param splits the splits the dataset ships
 * @param sizes sizes of the scanned shapes (points per shape, or vertices and triangles per mesh)
 * @param normals whether the shapes carry normals
 * @param parts per category present: its global part ids and the points of each part among the
 *     scanned shapes (part segmentation only; empty otherwise)
 */
public record DatasetDescription(
    String root,
    String layout,
    String layoutTitle,
    String task,
    List<String> labels,
    List<SplitInfo> splits,
    List<SizeStats> sizes,
    boolean normals,
    List<PartInfo> parts) {

  /**
   * One split.
   *
   * @param split its name ({@code train}, {@code val}, {@code test}; ModelNet's {@code train} is
   *     its official training list)
   * @param shapes number of shapes
   * @param perLabel shapes per label name, labels with none left out
   */
  public record SplitInfo(String split, int shapes, Map<String, Integer> perLabel) {}

  /**
   * Size statistics of the scanned shapes.
   *
   * @param what what is counted, e.g. {@code "points per shape"}
   * @param scanned number of shapes scanned
   * @param min smallest
   * @param max largest
   * @param mean mean
   */
  public record SizeStats(String what, int scanned, long min, long max, double mean) {}

  /**
   * The parts of one category.
   *
   * @param category the category name
   * @param partIds its global part ids
   * @param scannedPoints points per part id among the scanned shapes of the category
   */
  public record PartInfo(String category, List<Integer> partIds, Map<Integer, Long> scannedPoints) {}

  /** snake_case keys, as every other JSON pointea writes ({@code layout_title}, {@code per_label}). */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** Returns the description as pretty-printed JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + this, e);
    }
  }

  /** Returns the description as readable text, one fact per line. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("dataset   ").append(root).append('\n');
    sb.append("layout    ").append(layoutTitle).append(" [").append(layout).append("]\n");
    sb.append("task      ").append(task.toLowerCase(Locale.ROOT).replace('_', ' '))
        .append(normals ? ", with normals" : ", no normals").append('\n');
    sb.append("labels    ").append(labels.size()).append(": ").append(String.join(", ", labels))
        .append('\n');
    for (SplitInfo s : splits) {
      sb.append(String.format(Locale.ROOT, "%-9s %d shapes", s.split(), s.shapes()));
      if (!s.perLabel().isEmpty()) {
        sb.append(" (");
        boolean first = true;
        for (Map.Entry<String, Integer> e : s.perLabel().entrySet()) {
          sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
          first = false;
        }
        sb.append(')');
      }
      sb.append('\n');
    }
    for (SizeStats z : sizes) {
      sb.append(String.format(Locale.ROOT, "%s: min %d, mean %.1f, max %d (%d shapes scanned)%n",
          z.what(), z.min(), z.mean(), z.max(), z.scanned()));
    }
    for (PartInfo p : parts) {
      sb.append("parts of ").append(p.category()).append(": ").append(p.partIds());
      if (!p.scannedPoints().isEmpty()) {
        sb.append(", points scanned ").append(p.scannedPoints());
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}

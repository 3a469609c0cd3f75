package org.pointea.eval;

import java.util.List;
import java.util.Objects;

/**
 * Scores whole prediction sets given as plain int arrays, as {@code pointea metrics cls|partseg}
 * reads them from NPY files. For scoring batch by batch use {@link ConfusionMatrix} and
 * {@link PartSegmentationEvaluator} directly.
 *
 * <pre>{@code
 * ClassificationResult cls = Metrics.classification(labels, predictions, shapeNames);
 * PartSegmentationResult seg = Metrics.partSegmentation(partLabels, partPredictions, categories);
 * Files.writeString(out, cls.toJson());   // {"samples": ..., "oa": ..., "macc": ..., "per_class": [...]}
 * }</pre>
 */
public final class Metrics {
  private Metrics() {}

  /**
   * Scores a classification with as many classes as the largest label or prediction plus one.
   *
   * @param labels {@code [S]} ground-truth classes, non-negative
   * @param predictions {@code [S]} predicted classes, non-negative
   * @return the result
   */
  public static ClassificationResult classification(int[] labels, int[] predictions) {
    int max = 0;
    for (int v : labels) {
      max = Math.max(max, v);
    }
    for (int v : predictions) {
      max = Math.max(max, v);
    }
    return classification(labels, predictions, max + 1, null, ZeroDivision.ZERO);
  }

  /**
   * Scores a classification with named classes.
   *
   * @param labels {@code [S]} ground-truth classes in {@code [0, names.size())}
   * @param predictions {@code [S]} predicted classes in {@code [0, names.size())}
   * @param classNames the class names, e.g. the lines of {@code shape_names.txt}
   * @return the result
   */
  public static ClassificationResult classification(
      int[] labels, int[] predictions, List<String> classNames) {
    return classification(
        labels, predictions, classNames.size(), classNames, ZeroDivision.ZERO);
  }

  /**
   * Scores a classification.
   *
   * @param labels {@code [S]} ground-truth classes in {@code [0, numClasses)}
   * @param predictions {@code [S]} predicted classes in {@code [0, numClasses)}
   * @param numClasses number of classes
   * @param classNames names of the classes, or null
   * @param zeroDivision policy for undefined precision, recall and F1
   * @return the result
   */
  public static ClassificationResult classification(
      int[] labels,
      int[] predictions,
      int numClasses,
      List<String> classNames,
      ZeroDivision zeroDivision) {
    Objects.requireNonNull(zeroDivision, "zeroDivision");
    return ConfusionMatrix.of(labels, predictions, numClasses).result(classNames, zeroDivision);
  }

  /**
   * Scores ShapeNet-part predictions that are already part ids (a prediction outside the shape's
   * category counts as wrong).
   *
   * @param labels {@code [S, N]} ground-truth global part ids, flattened row-major
   * @param predictions {@code [S, N]} predicted global part ids, flattened
   * @param categories {@code [S]} category ids in {@code [0, 16)}
   * @return the result
   */
  public static PartSegmentationResult partSegmentation(
      int[] labels, int[] predictions, int[] categories) {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    eval.addShapes(categories, labels, predictions);
    return eval.result();
  }

  /**
   * Scores ShapeNet-part network scores with the restricted argmax over each shape's parts.
   *
   * @param labels {@code [S, N]} ground-truth global part ids, flattened
   * @param logits {@code [S, N, 50]} scores, flattened
   * @param categories {@code [S]} category ids in {@code [0, 16)}
   * @return the result
   */
  public static PartSegmentationResult partSegmentationFromLogits(
      int[] labels, float[] logits, int[] categories) {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    eval.addShapesLogits(categories, labels, logits);
    return eval.result();
  }

  /**
   * Scores a semantic segmentation over all its points.
   *
   * @param labels ground-truth labels in {@code [0, classNames.size())}; negative labels are not
   *     scored
   * @param predictions predicted labels, as many as labels
   * @param classNames the class names, or null
   * @param numClasses the number of classes (used when {@code classNames} is null)
   * @return the result
   */
  public static SemanticSegmentationResult semanticSegmentation(
      int[] labels, int[] predictions, List<String> classNames, int numClasses) {
    SemanticSegmentationEvaluator eval = classNames != null
        ? new SemanticSegmentationEvaluator(classNames)
        : new SemanticSegmentationEvaluator(numClasses);
    eval.add(labels, predictions);
    return eval.result();
  }
}

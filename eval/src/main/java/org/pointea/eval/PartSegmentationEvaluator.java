package org.pointea.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pointea.pointcloud.PartTable;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * An accumulator of ShapeNet-part segmentation scores with the PointNet++ conventions: per-shape
 * IoU over the parts of the shape's category, instance mIoU, class mIoU, the per-category table and
 * point accuracy.
 *
 * <p>For a shape of category c with ground-truth parts {@code g} and predicted parts {@code p},
 * each part l of c scores {@code |g==l AND p==l| / |g==l OR p==l|}, or <b>1 when l is absent from
 * both</b>; the shape's IoU is the mean over c's parts. Instance mIoU is the mean over all shapes,
 * class mIoU the mean over categories of each category's mean shape IoU, taken over the categories
 * that have at least one shape (the reference code returns NaN when one has none).
 *
 * <p>Two ways in:
 *
 * <ul>
 *   <li>{@link #addShapeLogits} takes the network's scores per point (one per part id: 50 for
 *       ShapeNet) and predicts with the <em>restricted argmax</em> over the category's parts, as PointNet++ / yanx27 (and the
 *       category is the ground truth one, as theirs);
 *   <li>{@link #addShape} takes predictions that are already part ids (e.g. from a file). A
 *       prediction that is not a part of the shape's category simply counts as wrong (it adds to
 *       the union of the true part), as antao97's DGCNN evaluation does; how many there were is
 *       reported as {@link #outsideCategory()}.
 * </ul>
 *
 * <p>The categories and their parts come from a {@link PartTable}: ShapeNet-part's by default, or
 * the table of a team's own part-labelled folders ({@link #PartSegmentationEvaluator(PartTable)}).
 * With ShapeNet's table a ground-truth part outside the shape's category is an error, as the
 * reference code assumes clean labels; with another table it is a point of a part the category did
 * not show in training: it counts as wrong (it adds to the union of the predicted part) and to
 * {@link #outsideCategory()}, as a prediction outside the category does.
 *
 * <p>Not thread-safe; use one per thread and {@link #merge}. Scoring allocates nothing per shape
 * apart from amortised growth of the per-shape IoU list.
 *
 * <pre>{@code
 * PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
 * for (Batch b : test) {                        // logits [B, N, 50], labels [B, N], category [B]
 *   for (int s = 0; s < b.size(); s++) {
 *     eval.addShapeLogits(b.category(s), b.labels(), s * n, b.logits(), s * n * 50, n);
 *   }
 * }
 * PartSegmentationResult r = eval.result();     // r.instanceMiou(), r.classMiou(), r.perCategory()
 * }</pre>
 *
 * @see <a href="https://arxiv.org/abs/1706.02413">PointNet++, Qi et al. 2017</a>
 */
public final class PartSegmentationEvaluator {
  /** Scores per point that {@link #addShapeLogits} expects: one per global part id. */
  public static final int LOGITS_WIDTH = ShapeNetPart.PARTS;

  private final PartTable table;
  private final boolean strict;
  private final int[][] columns;
  private final long[] inter;
  private final long[] truth;
  private final long[] predicted;
  private final double[] categorySum;
  private final int[] categoryShapes;
  private final long[] partSeen;
  private final long[] partCorrect;
  private double[] shapeIous = new double[64];
  private int[] shapeCategories = new int[64];
  private int shapes;
  private long points;
  private long correctPoints;
  private long outsideCategory;
  private int[] scratch = new int[0];

  /** Creates an empty evaluator with ShapeNet-part's table. */
  public PartSegmentationEvaluator() {
    this(PartTable.SHAPENET);
  }

  /**
   * Creates an empty evaluator for a dataset's own part table.
   *
   * @param table the categories and the part ids each uses
   */
  public PartSegmentationEvaluator(PartTable table) {
    this.table = Objects.requireNonNull(table, "table");
    this.strict = table.isShapeNet();
    int widest = 0;
    columns = new int[table.categories()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = table.partIds(c);
      widest = Math.max(widest, columns[c].length);
    }
    inter = new long[widest];
    truth = new long[widest];
    predicted = new long[widest];
    categorySum = new double[table.categories()];
    categoryShapes = new int[table.categories()];
    partSeen = new long[table.parts()];
    partCorrect = new long[table.parts()];
  }

  /** Returns the part table the shapes are scored with. */
  public PartTable table() {
    return table;
  }

  /**
   * Returns the category of a shape by the reference rule: the category owning the ground-truth
   * part of its first point.
   *
   * @param labels ground-truth global part ids
   * @param offset index of the shape's first point
   * @return the category in {@code [0, 16)}
   */
  public static int categoryOf(int[] labels, int offset) {
    int part = labels[Objects.checkIndex(offset, labels.length)];
    if (part < 0 || part >= ShapeNetPart.PARTS) {
      throw new IllegalArgumentException("part id " + part + " is outside [0, 50)");
    }
    return ShapeNetPart.categoryOfPart(part);
  }

  /**
   * Scores one shape whose predictions are already part ids.
   *
   * @param category the shape's category in {@code [0, 16)}
   * @param labels ground-truth global part ids, each a part of {@code category}
   * @param predictions predicted global part ids in {@code [0, table.parts())}, as many as labels
   * @return the shape's IoU
   */
  public double addShape(int category, int[] labels, int[] predictions) {
    int n = ConfusionMatrix.checkSameLength(labels.length, predictions.length);
    return addShape(category, labels, 0, predictions, 0, n);
  }

  /**
   * Scores one shape whose predictions are already part ids, read from larger arrays.
   *
   * @param category the shape's category in {@code [0, 16)}
   * @param labels ground-truth global part ids, each a part of {@code category}
   * @param labelsOffset index of the shape's first label
   * @param predictions predicted global part ids in {@code [0, table.parts())}
   * @param predictionsOffset index of the shape's first prediction
   * @param n number of points, at least 1
   * @return the shape's IoU
   */
  public double addShape(
      int category,
      int[] labels,
      int labelsOffset,
      int[] predictions,
      int predictionsOffset,
      int n) {
    checkShape(category, n);
    Objects.checkFromIndexSize(labelsOffset, n, labels.length);
    Objects.checkFromIndexSize(predictionsOffset, n, predictions.length);
    int first = table.firstPart(category);
    int count = table.partCount(category);
    boolean contiguous = table.isContiguous(category);
    for (int i = 0; i < n; i++) {
      int g = labels[labelsOffset + i];
      if (strict && (g < first || g >= first + count)) {
        throw new IllegalArgumentException(
            String.format(
                "shape %d point %d: ground-truth part %d is not a part of %s (%d..%d)",
                shapes, i, g, table.categoryName(category), first, first + count - 1));
      }
      int p = predictions[predictionsOffset + i];
      if (p < 0 || p >= table.parts()) {
        throw new IllegalArgumentException(
            String.format("shape %d point %d: predicted part %d is outside [0, %d)", shapes, i, p,
                table.parts()));
      }
    }
    Arrays.fill(inter, 0);
    Arrays.fill(truth, 0);
    Arrays.fill(predicted, 0);
    long correct = 0;
    long outside = 0;
    for (int i = 0; i < n; i++) {
      int g = local(category, first, count, contiguous, labels[labelsOffset + i]);
      int p = local(category, first, count, contiguous, predictions[predictionsOffset + i]);
      if (g >= 0) {
        truth[g]++;
      } else {
        outside++; // a ground-truth part the category does not use (own tables only)
      }
      if (p >= 0) {
        predicted[p]++;
        if (p == g) {
          inter[g]++;
          correct++;
        }
      } else {
        outside++;
      }
    }
    int[] ids = columns[category];
    double sum = 0;
    for (int l = 0; l < count; l++) {
      long union = truth[l] + predicted[l] - inter[l];
      sum += union == 0 ? 1.0 : (double) inter[l] / union;
      partSeen[ids[l]] += truth[l];
      partCorrect[ids[l]] += inter[l];
    }
    double iou = sum / count;
    record(category, iou);
    points += n;
    correctPoints += correct;
    outsideCategory += outside;
    return iou;
  }

  /** The position of a part id among the category's parts, or -1. */
  private int local(int category, int first, int count, boolean contiguous, int part) {
    if (contiguous) {
      int l = part - first;
      return l >= 0 && l < count ? l : -1;
    }
    return table.indexOf(category, part);
  }

  /**
   * Scores one shape from its network scores with the restricted argmax over its category's parts.
   *
   * @param category the shape's (ground-truth) category in {@code [0, 16)}
   * @param labels ground-truth global part ids, each a part of {@code category}
   * @param labelsOffset index of the shape's first label
   * @param logits packed scores {@code [n, table.parts()]} (logits, log-probabilities or probabilities)
   * @param logitsOffset index of the shape's first score
   * @param n number of points, at least 1
   * @return the shape's IoU
   */
  public double addShapeLogits(
      int category, int[] labels, int labelsOffset, float[] logits, int logitsOffset, int n) {
    checkShape(category, n);
    if (scratch.length < n) {
      scratch = new int[n];
    }
    if (table.isContiguous(category)) {
      ArgMax.restricted(
          logits,
          logitsOffset,
          n,
          table.parts(),
          table.firstPart(category),
          table.partCount(category),
          scratch,
          0);
    } else {
      ArgMax.restricted(logits, logitsOffset, n, table.parts(), columns[category], scratch, 0);
    }
    return addShape(category, labels, labelsOffset, scratch, 0, n);
  }

  /**
   * Scores S shapes of N points each whose predictions are already part ids.
   *
   * @param categories {@code [S]} category ids
   * @param labels {@code [S, N]} ground-truth part ids, flattened
   * @param predictions {@code [S, N]} predicted part ids, flattened
   */
  public void addShapes(int[] categories, int[] labels, int[] predictions) {
    ConfusionMatrix.checkSameLength(labels.length, predictions.length);
    int n = pointsPerShape(categories.length, labels.length);
    for (int s = 0; s < categories.length; s++) {
      addShape(categories[s], labels, s * n, predictions, s * n, n);
    }
  }

  /**
   * Scores S shapes of N points each from their network scores (restricted argmax).
   *
   * @param categories {@code [S]} category ids
   * @param labels {@code [S, N]} ground-truth part ids, flattened
   * @param logits {@code [S, N, table.parts()]} scores, flattened
   */
  public void addShapesLogits(int[] categories, int[] labels, float[] logits) {
    int n = pointsPerShape(categories.length, labels.length);
    int width = table.parts();
    if ((long) labels.length * width != logits.length) {
      throw new IllegalArgumentException(
          logits.length + " scores for " + labels.length + " points; expected " + width
              + " per point");
    }
    for (int s = 0; s < categories.length; s++) {
      addShapeLogits(categories[s], labels, s * n, logits, s * n * width, n);
    }
  }

  /**
   * Adds another evaluator's shapes after this one's.
   *
   * @param other the evaluator to add
   */
  public void merge(PartSegmentationEvaluator other) {
    if (!other.table.equals(table)) {
      throw new IllegalArgumentException("cannot merge scores of another part table: " + other.table);
    }
    int count = other.shapes; // fixed first: merging an evaluator into itself doubles it
    for (int s = 0; s < count; s++) {
      record(other.shapeCategories[s], other.shapeIous[s]);
    }
    for (int p = 0; p < partSeen.length; p++) {
      partSeen[p] += other.partSeen[p];
      partCorrect[p] += other.partCorrect[p];
    }
    points += other.points;
    correctPoints += other.correctPoints;
    outsideCategory += other.outsideCategory;
  }

  /** Forgets every shape. */
  public void reset() {
    Arrays.fill(categorySum, 0);
    Arrays.fill(categoryShapes, 0);
    Arrays.fill(partSeen, 0);
    Arrays.fill(partCorrect, 0);
    shapes = 0;
    points = 0;
    correctPoints = 0;
    outsideCategory = 0;
  }

  /** Returns the number of shapes scored. */
  public int shapes() {
    return shapes;
  }

  /** Returns the number of points scored. */
  public long points() {
    return points;
  }

  /** Returns how many predictions were parts of another category than their shape's. */
  public long outsideCategory() {
    return outsideCategory;
  }

  /** Returns the IoU of every shape, in the order they were added. */
  public double[] shapeIous() {
    return Arrays.copyOf(shapeIous, shapes);
  }

  /** Returns the category of every shape, in the order they were added. */
  public int[] shapeCategories() {
    return Arrays.copyOf(shapeCategories, shapes);
  }

  /** Returns the mean shape IoU over all shapes (instance mIoU); NaN when there are none. */
  public double instanceMiou() {
    if (shapes == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int s = 0; s < shapes; s++) {
      sum += shapeIous[s];
    }
    return sum / shapes;
  }

  /**
   * Returns the mean shape IoU of one category.
   *
   * @param category category index
   * @return the mean, or NaN when the category has no shape
   */
  public double categoryMiou(int category) {
    int n = categoryShapes[Objects.checkIndex(category, categoryShapes.length)];
    return n == 0 ? Double.NaN : categorySum[category] / n;
  }

  /**
   * Returns the number of shapes of one category.
   *
   * @param category category index
   * @return the count
   */
  public int categoryShapes(int category) {
    return categoryShapes[Objects.checkIndex(category, categoryShapes.length)];
  }

  /**
   * Returns the mean over categories with at least one shape of their mean shape IoU (class
   * mIoU); NaN when there are no shapes.
   */
  public double classMiou() {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < categoryShapes.length; c++) {
      if (categoryShapes[c] > 0) {
        sum += categoryMiou(c);
        present++;
      }
    }
    return present == 0 ? Double.NaN : sum / present;
  }

  /** Returns correct points / all points; NaN when there are none. */
  public double pointAccuracy() {
    return points == 0 ? Double.NaN : (double) correctPoints / points;
  }

  /**
   * Returns the mean over parts present in the ground truth of their point recall (PointNet++'s
   * {@code class_avg_accuracy}, taken over present parts only); NaN when there are no points.
   */
  public double partAverageAccuracy() {
    double sum = 0;
    int present = 0;
    for (int p = 0; p < partSeen.length; p++) {
      if (partSeen[p] > 0) {
        sum += (double) partCorrect[p] / partSeen[p];
        present++;
      }
    }
    return present == 0 ? Double.NaN : sum / present;
  }

  /** Returns the JSON-ready result with the per-category table. */
  public PartSegmentationResult result() {
    List<CategoryResult> perCategory = new ArrayList<>(table.categories());
    for (int c = 0; c < table.categories(); c++) {
      perCategory.add(
          new CategoryResult(c, table.categoryName(c), categoryShapes[c], categoryMiou(c)));
    }
    return new PartSegmentationResult(
        shapes,
        points,
        instanceMiou(),
        classMiou(),
        pointAccuracy(),
        partAverageAccuracy(),
        outsideCategory,
        perCategory);
  }

  private void record(int category, double iou) {
    if (shapes == shapeIous.length) {
      int capacity = Math.max(64, shapes + (shapes >> 1));
      shapeIous = Arrays.copyOf(shapeIous, capacity);
      shapeCategories = Arrays.copyOf(shapeCategories, capacity);
    }
    shapeIous[shapes] = iou;
    shapeCategories[shapes] = category;
    shapes++;
    categorySum[category] += iou;
    categoryShapes[category]++;
  }

  private void checkShape(int category, int n) {
    if (category < 0 || category >= table.categories()) {
      throw new IllegalArgumentException(
          "shape " + shapes + ": category " + category + " is outside [0, " + table.categories()
              + ")");
    }
    if (n < 1) {
      throw new IllegalArgumentException("shape " + shapes + " has no points");
    }
  }

  static int pointsPerShape(int shapes, int labels) {
    if (shapes == 0) {
      if (labels != 0) {
        throw new IllegalArgumentException(labels + " part labels but no shapes");
      }
      return 0;
    }
    if (labels % shapes != 0 || labels == 0) {
      throw new IllegalArgumentException(
          labels + " part labels are not " + shapes + " shapes of an equal number of points");
    }
    return labels / shapes;
  }

  @Override
  public String toString() {
    return "PartSegmentationEvaluator(" + shapes + " shapes, " + points + " points)";
  }
}

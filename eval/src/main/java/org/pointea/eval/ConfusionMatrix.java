package org.pointea.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A confusion-matrix accumulator for single-label classification, from which every
 * classification score is derived: overall accuracy, mean class accuracy (balanced accuracy),
 * per-class accuracy, precision, recall and F1.
 *
 * <p>Rows are ground-truth classes and columns predicted classes, as scikit-learn's
 * {@code confusion_matrix}. Feed it batch by batch with {@link #add(int[], int[])} during
 * evaluation, or merge the matrices of several workers with {@link #merge(ConfusionMatrix)}.
 *
 * <p>Conventions (see {@code docs/evaluation.md}):
 *
 * <ul>
 *   <li>{@linkplain #overallAccuracy() OA} = correct / all samples (NaN when empty), equal to
 *       {@code sklearn.metrics.accuracy_score};
 *   <li>{@linkplain #meanClassAccuracy() mAcc} = the mean of the per-class accuracies of the
 *       classes present in the ground truth, equal to {@code balanced_accuracy_score}: a class never
 *       seen is left out, not counted as 0 or 1;
 *   <li>{@linkplain #classAccuracy(int) class accuracy} = recall of that class; NaN when the class
 *       is never seen;
 *   <li>precision, recall and F1 follow scikit-learn's {@code precision_recall_fscore_support},
 *       with the {@link ZeroDivision} policy for undefined ratios and {@link Average} for averages.
 * </ul>
 *
 * <p>Not thread-safe; use one matrix per thread and merge.
 *
 * <pre>{@code
 * ConfusionMatrix cm = new ConfusionMatrix(40);
 * for (Batch b : test) cm.add(b.labels(), predictor.predict(b));
 * System.out.printf("OA %.4f  mAcc %.4f%n", cm.overallAccuracy(), cm.meanClassAccuracy());
 * ClassificationResult result = cm.result(shapeNames);   // JSON-ready
 * }</pre>
 */
public final class ConfusionMatrix {
  private final int numClasses;
  private final long[] counts;

  /**
   * Creates an empty matrix.
   *
   * @param numClasses number of classes K, at least 1; labels and predictions are in {@code [0, K)}
   */
  public ConfusionMatrix(int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
    }
    if ((long) numClasses * numClasses > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many classes: " + numClasses);
    }
    this.numClasses = numClasses;
    this.counts = new long[numClasses * numClasses];
  }

  /**
   * Returns the matrix of a whole set of labels and predictions.
   *
   * @param labels ground-truth classes
   * @param predictions predicted classes, as many as labels
   * @param numClasses number of classes
   * @return the filled matrix
   */
  public static ConfusionMatrix of(int[] labels, int[] predictions, int numClasses) {
    ConfusionMatrix cm = new ConfusionMatrix(numClasses);
    cm.add(labels, predictions);
    return cm;
  }

  /**
   * Counts one sample.
   *
   * @param label ground-truth class in {@code [0, K)}
   * @param prediction predicted class in {@code [0, K)}
   */
  public void add(int label, int prediction) {
    checkClass("label", label, -1);
    checkClass("prediction", prediction, -1);
    counts[label * numClasses + prediction]++;
  }

  /**
   * Counts a batch of samples.
   *
   * @param labels ground-truth classes
   * @param predictions predicted classes, as many as labels
   */
  public void add(int[] labels, int[] predictions) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(predictions, "predictions");
    add(labels, 0, predictions, 0, checkSameLength(labels.length, predictions.length));
  }

  /**
   * Counts {@code n} samples from two arrays, without allocating.
   *
   * @param labels ground-truth classes
   * @param labelsOffset index of the first label
   * @param predictions predicted classes
   * @param predictionsOffset index of the first prediction
   * @param n number of samples
   */
  public void add(int[] labels, int labelsOffset, int[] predictions, int predictionsOffset, int n) {
    Objects.checkFromIndexSize(labelsOffset, n, labels.length);
    Objects.checkFromIndexSize(predictionsOffset, n, predictions.length);
    // validate first so that a bad batch leaves the matrix unchanged
    for (int i = 0; i < n; i++) {
      checkClass("label", labels[labelsOffset + i], i);
      checkClass("prediction", predictions[predictionsOffset + i], i);
    }
    for (int i = 0; i < n; i++) {
      counts[labels[labelsOffset + i] * numClasses + predictions[predictionsOffset + i]]++;
    }
  }

  /**
   * Adds another matrix's counts to this one.
   *
   * @param other a matrix with the same number of classes
   */
  public void merge(ConfusionMatrix other) {
    if (other.numClasses != numClasses) {
      throw new IllegalArgumentException(
          "cannot merge a " + other.numClasses + "-class matrix into a " + numClasses + "-class one");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  /** Sets every count back to zero. */
  public void reset() {
    java.util.Arrays.fill(counts, 0);
  }

  /** Returns the number of classes K. */
  public int numClasses() {
    return numClasses;
  }

  /**
   * Returns how many samples of a class were predicted as another.
   *
   * @param label ground-truth class (row)
   * @param prediction predicted class (column)
   * @return the count
   */
  public long count(int label, int prediction) {
    return counts[Objects.checkIndex(label, numClasses) * numClasses
        + Objects.checkIndex(prediction, numClasses)];
  }

  /** Returns a copy of the counts as {@code [K][K]}, rows = ground truth, columns = prediction. */
  public long[][] toArray() {
    long[][] out = new long[numClasses][];
    for (int t = 0; t < numClasses; t++) {
      out[t] = java.util.Arrays.copyOfRange(counts, t * numClasses, (t + 1) * numClasses);
    }
    return out;
  }

  /** Returns the number of samples counted. */
  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /** Returns the number of correctly classified samples (the trace). */
  public long correct() {
    long sum = 0;
    for (int c = 0; c < numClasses; c++) {
      sum += counts[c * numClasses + c];
    }
    return sum;
  }

  /**
   * Returns the support of a class: how many samples have it as ground truth (row sum).
   *
   * @param c class index
   * @return the support
   */
  public long support(int c) {
    Objects.checkIndex(c, numClasses);
    long sum = 0;
    for (int p = 0; p < numClasses; p++) {
      sum += counts[c * numClasses + p];
    }
    return sum;
  }

  /**
   * Returns how many samples were predicted as a class (column sum).
   *
   * @param c class index
   * @return the count
   */
  public long predicted(int c) {
    Objects.checkIndex(c, numClasses);
    long sum = 0;
    for (int t = 0; t < numClasses; t++) {
      sum += counts[t * numClasses + c];
    }
    return sum;
  }

  /**
   * Returns the true positives of a class (the diagonal entry).
   *
   * @param c class index
   * @return the count
   */
  public long truePositives(int c) {
    return counts[Objects.checkIndex(c, numClasses) * (numClasses + 1)];
  }

  /** Returns correct / total, or NaN when nothing was counted. */
  public double overallAccuracy() {
    long total = total();
    return total == 0 ? Double.NaN : (double) correct() / total;
  }

  /**
   * Returns the accuracy (recall) of one class: correct / support.
   *
   * @param c class index
   * @return the accuracy, or NaN when the class was never seen
   */
  public double classAccuracy(int c) {
    long support = support(c);
    return support == 0 ? Double.NaN : (double) truePositives(c) / support;
  }

  /** Returns the accuracy of every class ({@code double[K]}, NaN for classes never seen). */
  public double[] classAccuracies() {
    double[] out = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      out[c] = classAccuracy(c);
    }
    return out;
  }

  /**
   * Returns the mean class accuracy (balanced accuracy): the mean of {@link #classAccuracy(int)}
   * over the classes seen at least once; NaN when nothing was counted.
   */
  public double meanClassAccuracy() {
    double sum = 0;
    int seen = 0;
    for (int c = 0; c < numClasses; c++) {
      if (support(c) > 0) {
        sum += classAccuracy(c);
        seen++;
      }
    }
    return seen == 0 ? Double.NaN : sum / seen;
  }

  /**
   * Returns the intersection over union (Jaccard index) of a class, {@code tp / (tp + fp + fn)}:
   * the points both labelled and predicted as the class over the points labelled or predicted as
   * it, as scikit-learn's {@code jaccard_score} per class.
   *
   * @param c class index
   * @return the IoU, or NaN when the class is neither seen nor predicted
   */
  public double iou(int c) {
    long tp = truePositives(c);
    long union = support(c) + predicted(c) - tp;
    return union == 0 ? Double.NaN : (double) tp / union;
  }

  /** Returns the IoU of every class ({@code double[K]}, NaN for classes neither seen nor predicted). */
  public double[] ious() {
    double[] out = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      out[c] = iou(c);
    }
    return out;
  }

  /**
   * Returns the mean IoU over the {@linkplain #isActive(int) active} classes (seen or predicted at
   * least once), as scikit-learn's {@code jaccard_score(average="macro")} with its default labels:
   * a class absent from both the ground truth and the predictions is left out, a class predicted
   * but never seen counts with IoU 0. NaN when nothing was counted.
   */
  public double meanIoU() {
    double sum = 0;
    int active = 0;
    for (int c = 0; c < numClasses; c++) {
      if (isActive(c)) {
        sum += iou(c);
        active++;
      }
    }
    return active == 0 ? Double.NaN : sum / active;
  }

  /**
   * Returns the precision of a class, {@code tp / (tp + fp)}.
   *
   * @param c class index
   * @param zeroDivision the value when the class is never predicted
   * @return the precision
   */
  public double precision(int c, ZeroDivision zeroDivision) {
    return zeroDivision.divide(truePositives(c), predicted(c));
  }

  /**
   * Returns the recall of a class, {@code tp / (tp + fn)}.
   *
   * @param c class index
   * @param zeroDivision the value when the class is never seen
   * @return the recall
   */
  public double recall(int c, ZeroDivision zeroDivision) {
    return zeroDivision.divide(truePositives(c), support(c));
  }

  /**
   * Returns the F1 score of a class, {@code 2 tp / (2 tp + fp + fn)} (the harmonic mean of
   * precision and recall).
   *
   * @param c class index
   * @param zeroDivision the value when the class is neither seen nor predicted
   * @return the F1 score
   */
  public double f1(int c, ZeroDivision zeroDivision) {
    long tp = truePositives(c);
    return zeroDivision.divide(2.0 * tp, support(c) + predicted(c));
  }

  /**
   * Returns an averaged precision.
   *
   * @param average how to average
   * @param zeroDivision the value of an undefined ratio
   * @return the average; NaN when no class is active (macro)
   */
  public double precision(Average average, ZeroDivision zeroDivision) {
    return average(average, zeroDivision, 0);
  }

  /**
   * Returns an averaged recall.
   *
   * @param average how to average
   * @param zeroDivision the value of an undefined ratio
   * @return the average; NaN when no class is active (macro)
   */
  public double recall(Average average, ZeroDivision zeroDivision) {
    return average(average, zeroDivision, 1);
  }

  /**
   * Returns an averaged F1 score.
   *
   * @param average how to average
   * @param zeroDivision the value of an undefined ratio
   * @return the average; NaN when no class is active (macro)
   */
  public double f1(Average average, ZeroDivision zeroDivision) {
    return average(average, zeroDivision, 2);
  }

  /**
   * Returns true when a class occurs in the ground truth or in the predictions; only active classes
   * take part in averages, as scikit-learn's {@code labels=None}.
   *
   * @param c class index
   * @return whether the class is active
   */
  public boolean isActive(int c) {
    return support(c) > 0 || predicted(c) > 0;
  }

  private double score(int c, ZeroDivision zd, int which) {
    return switch (which) {
      case 0 -> precision(c, zd);
      case 1 -> recall(c, zd);
      default -> f1(c, zd);
    };
  }

  private double average(Average average, ZeroDivision zd, int which) {
    Objects.requireNonNull(average, "average");
    Objects.requireNonNull(zd, "zeroDivision");
    if (average == Average.MICRO) {
      // pooled over the active classes: tp = correct, tp + fp = tp + fn = total
      long total = total();
      return zd.divide(correct(), total);
    }
    double sum = 0;
    double weights = 0;
    for (int c = 0; c < numClasses; c++) {
      if (!isActive(c)) {
        continue;
      }
      double w = average == Average.WEIGHTED ? support(c) : 1.0;
      double s = score(c, zd, which);
      if (Double.isNaN(s)) {
        continue;
      }
      sum += w * s;
      weights += w;
    }
    if (weights == 0) {
      // macro with no active class is undefined; weighted with zero total support follows
      // scikit-learn: the zero_division value
      return average == Average.MACRO ? Double.NaN : zd.value();
    }
    return sum / weights;
  }

  /**
   * Returns the JSON-ready result with class indices as names and {@link ZeroDivision#ZERO}.
   *
   * @return the result
   */
  public ClassificationResult result() {
    return result(null, ZeroDivision.ZERO);
  }

  /**
   * Returns the JSON-ready result with {@link ZeroDivision#ZERO}.
   *
   * @param classNames names of the K classes, or null
   * @return the result
   */
  public ClassificationResult result(List<String> classNames) {
    return result(classNames, ZeroDivision.ZERO);
  }

  /**
   * Returns the JSON-ready result: OA, mAcc, macro precision / recall / F1, one row per class and
   * the matrix.
   *
   * @param classNames names of the K classes, or null
   * @param zeroDivision policy for undefined precision, recall and F1
   * @return the result
   */
  public ClassificationResult result(List<String> classNames, ZeroDivision zeroDivision) {
    if (classNames != null && classNames.size() != numClasses) {
      throw new IllegalArgumentException(
          classNames.size() + " class names given for " + numClasses + " classes");
    }
    List<ClassResult> perClass = new ArrayList<>(numClasses);
    for (int c = 0; c < numClasses; c++) {
      perClass.add(
          new ClassResult(
              c,
              classNames == null ? null : classNames.get(c),
              support(c),
              predicted(c),
              classAccuracy(c),
              precision(c, zeroDivision),
              recall(c, zeroDivision),
              f1(c, zeroDivision)));
    }
    return new ClassificationResult(
        total(),
        overallAccuracy(),
        meanClassAccuracy(),
        precision(Average.MACRO, zeroDivision),
        recall(Average.MACRO, zeroDivision),
        f1(Average.MACRO, zeroDivision),
        zeroDivision.toString(),
        perClass,
        toArray());
  }

  private void checkClass(String what, int value, int index) {
    if (value < 0 || value >= numClasses) {
      throw new IllegalArgumentException(
          what
              + (index >= 0 ? " at index " + index : "")
              + " is "
              + value
              + ", outside [0, "
              + numClasses
              + ")");
    }
  }

  static int checkSameLength(int labels, int predictions) {
    if (labels != predictions) {
      throw new IllegalArgumentException(
          labels + " labels but " + predictions + " predictions");
    }
    return labels;
  }

  @Override
  public String toString() {
    return "ConfusionMatrix(" + numClasses + " classes, " + total() + " samples)";
  }
}

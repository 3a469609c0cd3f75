package org.pointea.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores semantic segmentation over every point of a set of scenes: overall accuracy, mean class
 * accuracy, per-class IoU, mean IoU and the confusion matrix, accumulated scene by scene (or tile
 * by tile) into one {@link ConfusionMatrix}.
 *
 * <p>Scores are taken over all points of all scenes together, as the S3DIS benchmark reports
 * them (PointNet's {@code eval_iou_accuracy.py}, Point Transformer, Pointcept): a class's IoU is
 * its true positives over the points labelled or predicted as it in the whole test set, not a mean
 * of per-scene IoUs. Points whose ground-truth label is negative (unlabelled, the {@code ignore}
 * label of a labelled-scan dataset) are not scored and are counted apart.
 *
 * <pre>{@code
 * SemanticSegmentationEvaluator eval = new SemanticSegmentationEvaluator(classNames);
 * for (Scene s : testScenes) {
 *     eval.add(s.labels(), predictor.segmentScan(s.cloud()).labels());
 * }
 * SemanticSegmentationResult r = eval.result();   // r.miou(), r.oa(), r.perClass()...
 * }</pre>
 *
 * <p>Not thread-safe; use one evaluator per thread and {@link #merge} them.
 */
public final class SemanticSegmentationEvaluator {
    private final List<String> classNames;
    private final ConfusionMatrix matrix;
    private long ignored;
    private int scenes;

    /**
     * Creates an evaluator for named classes.
     *
     * @param classNames the class names; label {@code i} is {@code classNames.get(i)}
     */
    public SemanticSegmentationEvaluator(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        this.matrix = new ConfusionMatrix(this.classNames.size());
    }

    /**
     * Creates an evaluator for unnamed classes.
     *
     * @param numClasses the number of classes
     */
    public SemanticSegmentationEvaluator(int numClasses) {
        this.classNames = null;
        this.matrix = new ConfusionMatrix(numClasses);
    }

    /**
     * Scores one scene (or any set of points).
     *
     * @param labels ground-truth labels in {@code [0, K)}, or negative for unscored points
     * @param predictions predicted labels in {@code [0, K)}, as many as labels
     */
    public void add(int[] labels, int[] predictions) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predictions, "predictions");
        add(labels, predictions, 0, ConfusionMatrix.checkSameLength(labels.length, predictions.length));
    }

    /**
     * Scores {@code n} points starting at {@code offset} of both arrays, without allocating.
     *
     * @param labels ground-truth labels, negative for unscored points
     * @param predictions predicted labels
     * @param offset the first point
     * @param n the number of points
     */
    public void add(int[] labels, int[] predictions, int offset, int n) {
        Objects.checkFromIndexSize(offset, n, labels.length);
        Objects.checkFromIndexSize(offset, n, predictions.length);
        int k = matrix.numClasses();
        // validate first so that a bad scene leaves the evaluator unchanged
        for (int i = offset; i < offset + n; i++) {
            if (labels[i] >= k) {
                throw new IllegalArgumentException("label at index " + i + " is " + labels[i]
                        + ", outside [0, " + k + ") (negative labels are not scored)");
            }
            if (labels[i] >= 0 && (predictions[i] < 0 || predictions[i] >= k)) {
                throw new IllegalArgumentException("prediction at index " + i + " is " + predictions[i]
                        + ", outside [0, " + k + ")");
            }
        }
        for (int i = offset; i < offset + n; i++) {
            if (labels[i] < 0) {
                ignored++;
            } else {
                matrix.add(labels[i], predictions[i]);
            }
        }
        scenes++;
    }

    /**
     * Adds another evaluator's counts to this one.
     *
     * @param other an evaluator with the same number of classes
     */
    public void merge(SemanticSegmentationEvaluator other) {
        matrix.merge(other.matrix);
        ignored += other.ignored;
        scenes += other.scenes;
    }

    /** Returns the confusion matrix (live: later {@code add} calls change it). */
    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }

    /** Returns the number of unscored points (negative ground-truth label) seen so far. */
    public long ignored() {
        return ignored;
    }

    /** Returns the scores of everything added so far. */
    public SemanticSegmentationResult result() {
        int k = matrix.numClasses();
        List<SemanticSegmentationResult.ClassScore> perClass = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            perClass.add(new SemanticSegmentationResult.ClassScore(c,
                    classNames == null ? null : classNames.get(c), matrix.support(c), matrix.predicted(c),
                    matrix.classAccuracy(c), matrix.iou(c)));
        }
        return new SemanticSegmentationResult(scenes, matrix.total(), ignored, matrix.overallAccuracy(),
                matrix.meanClassAccuracy(), matrix.meanIoU(), perClass, matrix.toArray());
    }

    @Override
    public String toString() {
        return "SemanticSegmentationEvaluator(" + matrix.numClasses() + " classes, " + matrix.total()
                + " points, " + ignored + " ignored)";
    }
}

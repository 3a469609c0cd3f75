/**
 * Metrics: a {@link org.pointea.eval.ConfusionMatrix} for classification (OA, mean class accuracy,
 * precision / recall / F1 with scikit-learn's conventions), a
 * {@link org.pointea.eval.PartSegmentationEvaluator} for ShapeNet-part (shape IoU, instance and
 * class mIoU with PointNet++'s conventions), {@link org.pointea.eval.LogitVotes} for test-time
 * voting, and JSON-ready result records. No ND4J: the inputs are plain arrays.
 *
 * <p>Conventions and parity evidence: {@code docs/evaluation.md}.
 */
package org.pointea.eval;

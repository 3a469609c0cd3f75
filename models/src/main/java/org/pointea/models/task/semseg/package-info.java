/**
 * Semantic segmentation of scenes in one place: {@link org.pointea.models.task.semseg.SemanticSegmentationTask}
 * (blocks of scenes, recipe defaults with a column crop first in the augmentation, OA / mAcc / mIoU),
 * {@link org.pointea.models.task.semseg.SemanticSegmentationHead} (per-point logits, no category),
 * {@link org.pointea.models.task.semseg.SemanticEvaluation} and the
 * {@link org.pointea.models.task.semseg.SceneSegmentation} prediction. The network is
 * {@code pct.PctSemSegConfig} ({@code pct_semseg}); whole scans are labelled by
 * {@code inference.Predictor#segmentScene} and scored by {@code inference.SceneEvaluator}.
 */
package org.pointea.models.task.semseg;

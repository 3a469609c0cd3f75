/**
 * Training and evaluation of the PCT networks: {@link org.pointea.models.trainer.Trainer} (SGD or
 * Adam(W) with cosine annealing, label smoothing, augmentation, background batch loading,
 * validation every epoch, crash-safe checkpoints and bit-exact resume),
 * {@link org.pointea.models.trainer.Evaluator} (OA / mAcc, ShapeNet-part mIoU, voting) and
 * {@link org.pointea.models.trainer.RunReports}.
 */
package org.pointea.models.trainer;

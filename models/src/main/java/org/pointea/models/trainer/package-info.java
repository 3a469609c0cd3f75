/**
 * Training and evaluation for any {@link org.pointea.models.task.ModelTask} and any
 * {@link org.pointea.models.network.NetworkConfig}: {@link org.pointea.models.trainer.Trainer}
 * (SGD or Adam(W) with cosine annealing, label smoothing, augmentation, background batch loading,
 * validation every epoch, crash-safe checkpoints and bit-exact resume), one optimisation step as a
 * reusable unit ({@link org.pointea.models.trainer.TrainStep}, with the
 * {@link org.pointea.models.trainer.GradientHook} seam for gradient averaging across workers), the
 * resumable state ({@link org.pointea.models.trainer.TrainerState}),
 * {@link org.pointea.models.trainer.Evaluator} (the task's scorer, with voting) and
 * {@link org.pointea.models.trainer.RunReports}.
 */
package org.pointea.models.trainer;

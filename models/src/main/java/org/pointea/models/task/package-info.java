/**
 * What a learning task is ({@link org.pointea.models.task.ModelTask}): its batches and targets,
 * recipe defaults, scoring ({@link org.pointea.models.task.Scorer},
 * {@link org.pointea.models.task.Evaluation}) and predictions
 * ({@link org.pointea.models.task.Prediction}); the tasks on the class path
 * ({@link org.pointea.models.task.ModelTasks}). The trainer, evaluator, model directory and
 * predictor work through it and know no particular task.
 */
package org.pointea.models.task;

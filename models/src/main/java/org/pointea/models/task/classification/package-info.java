/**
 * Shape classification in one place: {@link org.pointea.models.task.classification.ClassificationTask}
 * (batches, recipe defaults, scoring), {@link org.pointea.models.task.classification.ClassificationHead},
 * {@link org.pointea.models.task.classification.ClassificationEvaluation} and the
 * {@link org.pointea.models.task.classification.Classification} prediction.
 */
package org.pointea.models.task.classification;

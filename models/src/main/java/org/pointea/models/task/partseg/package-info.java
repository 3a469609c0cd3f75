/**
 * Part segmentation in one place: {@link org.pointea.models.task.partseg.PartSegmentationTask}
 * (batches with an object category per cloud, recipe defaults, instance / class mIoU),
 * {@link org.pointea.models.task.partseg.PartSegmentationHead},
 * {@link org.pointea.models.task.partseg.SegmentationEvaluation} and the
 * {@link org.pointea.models.task.partseg.PartSegmentation} prediction.
 */
package org.pointea.models.task.partseg;

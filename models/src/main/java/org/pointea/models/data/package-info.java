/**
 * Turning point clouds into network inputs: ordered background batch loading with reproducible
 * per-sample randomness, augmentation specs ({@link org.pointea.models.data.Augmentations}, the
 * pointcloud transforms' text grammar), the preprocessing a model directory records and a predictor
 * repeats ({@link org.pointea.models.data.Preprocessing}), and the per-sample augmenter a task's
 * batches use ({@link org.pointea.models.data.SampleAugmenter}).
 */
package org.pointea.models.data;

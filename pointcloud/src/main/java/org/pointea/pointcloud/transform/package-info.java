/**
 * Point-cloud transforms and augmentations, one small class each ({@link
 * org.pointea.pointcloud.transform.PointTransform}), composable with {@link
 * org.pointea.pointcloud.transform.Compose}: normalisation ({@code NormalizeToUnitSphere},
 * {@code Center}), PCT/PointNet augmentations ({@code RandomScale}, {@code RandomTranslate},
 * {@code Jitter}, {@code RandomRotate}, {@code RandomRotateSO3}, {@code RandomDropout},
 * {@code Shuffle}) and {@code FixedPoints}. All randomness comes from the generator passed to
 * {@code apply}; every channel moves with its point.
 */
package org.pointea.pointcloud.transform;

package org.pointea.models.task;

import org.pointea.pointcloud.PointCloud;

/**
 * One cloud as a predictor fed it to the network: the cloud as given, the indices of the points
 * the network saw (the model's number of points, after dropping non-finite points and sampling)
 * and their positions as given (before normalisation).
 *
 * @param cloud     the input cloud
 * @param sampled   indices into {@code cloud} of the network's points
 * @param positions their positions, packed, not normalised
 */
public record CloudInput(PointCloud cloud, int[] sampled, float[] positions) {
}

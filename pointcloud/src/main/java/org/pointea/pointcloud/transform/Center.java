package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;

/**
 * Translates the cloud so that the mean of its finite points is at the origin (PyG's
 * {@code Center}). Non-finite points stay non-finite; an empty cloud is returned as is.
 */
public record Center() implements PointTransform {

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    if (cloud.isEmpty()) {
      return cloud;
    }
    float[] xyz = cloud.positions();
    double[] mean = Geometry.finiteMean(xyz, cloud.size());
    Geometry.translate(xyz, -mean[0], -mean[1], -mean[2]);
    return cloud.withPositions(xyz);
  }

  @Override
  public String toString() {
    return "Center()";
  }
}

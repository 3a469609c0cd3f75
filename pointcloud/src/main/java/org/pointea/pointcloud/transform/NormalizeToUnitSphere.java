package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;

/**
 * Centres the cloud on the mean of its finite points and scales it so that the farthest finite
 * point is at distance 1 (PointNet's and PCT's {@code pc_normalize}). Normals are unchanged (a
 * uniform scale does not turn them). A cloud whose points all coincide is only centred; an empty
 * cloud is returned as is.
 */
public record NormalizeToUnitSphere() implements PointTransform {

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    if (cloud.isEmpty()) {
      return cloud;
    }
    float[] xyz = cloud.positions();
    int n = cloud.size();
    double[] mean = Geometry.finiteMean(xyz, n);
    double max = 0;
    for (int i = 0; i < n; i++) {
      double dx = xyz[3 * i] - mean[0], dy = xyz[3 * i + 1] - mean[1], dz = xyz[3 * i + 2] - mean[2];
      double r = dx * dx + dy * dy + dz * dz;
      if (r > max && Double.isFinite(r)) {
        max = r;
      }
    }
    double scale = max > 0 ? 1 / Math.sqrt(max) : 1;
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < 3; a++) {
        xyz[3 * i + a] = (float) ((xyz[3 * i + a] - mean[a]) * scale);
      }
    }
    return cloud.withPositions(xyz);
  }

  @Override
  public String toString() {
    return "NormalizeToUnitSphere()";
  }
}

package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.joml.Matrix3f;
import org.joml.Quaternionf;
import org.pointea.pointcloud.PointCloud;

/**
 * Rotates the cloud about the origin by a rotation drawn uniformly from SO(3): a uniform random
 * unit quaternion by Shoemake's method ("Uniform random rotations", Graphics Gems III, 1992),
 * turned into a matrix with JOML. Normals rotate with the positions.
 */
public record RandomRotateSO3() implements PointTransform {

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    return Geometry.rotate(cloud, RandomRotate.rowMajor(sample(rng)));
  }

  /**
   * Returns a uniformly random rotation matrix.
   *
   * @param rng generator
   * @return the rotation
   */
  public static Matrix3f sample(UniformRandomProvider rng) {
    double u1 = rng.nextDouble(), u2 = rng.nextDouble(), u3 = rng.nextDouble();
    double a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
    Quaternionf q =
        new Quaternionf(
            (float) (a * Math.sin(2 * Math.PI * u2)),
            (float) (a * Math.cos(2 * Math.PI * u2)),
            (float) (b * Math.sin(2 * Math.PI * u3)),
            (float) (b * Math.cos(2 * Math.PI * u3)));
    return q.normalize().get(new Matrix3f());
  }

  @Override
  public String toString() {
    return "RandomRotateSO3()";
  }
}

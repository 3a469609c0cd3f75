package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.joml.Matrix3f;
import org.joml.Vector3f;
import org.pointea.pointcloud.PointCloud;

/**
 * Rotates the cloud about a fixed axis through the origin by an angle drawn from
 * U(-degrees, degrees) (PyG's {@code RandomRotate}); {@code degrees = 180} gives a uniform
 * rotation about the axis, as PointNet's {@code rotate_point_cloud} about the up axis. Normals
 * rotate with the positions. See {@link RandomRotateSO3} for rotations uniform over all of SO(3).
 *
 * @param degrees largest angle magnitude in degrees, in [0, 180]
 * @param axisX axis x component
 * @param axisY axis y component
 * @param axisZ axis z component
 */
public record RandomRotate(float degrees, float axisX, float axisY, float axisZ)
    implements PointTransform {

  /** Validates the angle and normalises the axis. */
  public RandomRotate {
    if (!(degrees >= 0 && degrees <= 180)) {
      throw new IllegalArgumentException("degrees must be in [0, 180], got " + degrees);
    }
    float len = (float) Math.sqrt(axisX * axisX + axisY * axisY + axisZ * axisZ);
    if (!(len > 0) || Float.isInfinite(len)) {
      throw new IllegalArgumentException("axis must be a finite non-zero vector");
    }
    axisX /= len;
    axisY /= len;
    axisZ /= len;
  }

  /**
   * Returns a rotation about a coordinate axis.
   *
   * @param degrees largest angle magnitude in degrees
   * @param axis 0 for x, 1 for y, 2 for z
   * @return the transform
   */
  public static RandomRotate about(float degrees, int axis) {
    return switch (axis) {
      case 0 -> new RandomRotate(degrees, 1, 0, 0);
      case 1 -> new RandomRotate(degrees, 0, 1, 0);
      case 2 -> new RandomRotate(degrees, 0, 0, 1);
      default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
    };
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    double angle = Math.toRadians(degrees) * (2 * rng.nextDouble() - 1);
    Matrix3f m = new Matrix3f().rotation((float) angle, new Vector3f(axisX, axisY, axisZ));
    return Geometry.rotate(cloud, rowMajor(m));
  }

  /** Returns a JOML (column-major) matrix as a row-major array. */
  static float[] rowMajor(Matrix3f m) {
    return new float[] {m.m00, m.m10, m.m20, m.m01, m.m11, m.m21, m.m02, m.m12, m.m22};
  }

  @Override
  public String toString() {
    return "RandomRotate(" + degrees + ", axis=(" + axisX + ", " + axisY + ", " + axisZ + "))";
  }
}

package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;

/**
 * Shifts the whole cloud by an offset drawn per axis from U(-max, max) (the second half of PCT's
 * {@code translate_pointcloud}, with {@code max = 0.2}). Normals are unchanged.
 *
 * @param max largest shift per axis, {@code >= 0}
 */
public record RandomTranslate(float max) implements PointTransform {

  /** Validates the range. */
  public RandomTranslate {
    if (!(max >= 0) || Float.isInfinite(max)) {
      throw new IllegalArgumentException("max must be finite and >= 0, got " + max);
    }
  }

  /** Returns PCT's range U(-0.2, 0.2). */
  public static RandomTranslate pct() {
    return new RandomTranslate(0.2f);
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    double dx = (2 * rng.nextDouble() - 1) * max;
    double dy = (2 * rng.nextDouble() - 1) * max;
    double dz = (2 * rng.nextDouble() - 1) * max;
    float[] xyz = cloud.positions();
    Geometry.translate(xyz, dx, dy, dz);
    return cloud.withPositions(xyz);
  }

  @Override
  public String toString() {
    return "RandomTranslate(" + max + ")";
  }
}

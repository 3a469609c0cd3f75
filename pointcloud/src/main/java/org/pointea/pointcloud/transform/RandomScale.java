package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * Scales each axis by its own factor drawn from U(min, max) (anisotropic scaling, the first half
 * of PCT's {@code translate_pointcloud}; PCT uses U(2/3, 3/2)). Normals are transformed by the
 * inverse scale and re-normalised, so they stay perpendicular to the scaled surface.
 *
 * @param min smallest factor, {@code > 0}
 * @param max largest factor, {@code >= min}
 */
public record RandomScale(float min, float max) implements PointTransform {

  /** Validates the range. */
  public RandomScale {
    if (!(min > 0) || !(max >= min) || Float.isInfinite(max)) {
      throw new IllegalArgumentException("need 0 < min <= max < Inf, got [" + min + ", " + max + "]");
    }
  }

  /** Returns PCT's range U(2/3, 3/2). */
  public static RandomScale pct() {
    return new RandomScale(2f / 3f, 3f / 2f);
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    float[] s = new float[3];
    for (int a = 0; a < 3; a++) {
      s[a] = (float) (min + (max - min) * rng.nextDouble());
    }
    float[] xyz = cloud.positions();
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] *= s[i % 3];
    }
    PointCloud out = cloud.withPositions(xyz);
    if (cloud.hasNormals()) {
      float[] n = cloud.normals();
      for (int i = 0; i < n.length; i += 3) {
        double x = n[i] / s[0], y = n[i + 1] / s[1], z = n[i + 2] / s[2];
        double len = Math.sqrt(x * x + y * y + z * z);
        double k = len > 0 ? 1 / len : 0;
        n[i] = (float) (x * k);
        n[i + 1] = (float) (y * k);
        n[i + 2] = (float) (z * k);
      }
      out = out.withChannel(new FloatChannel(Channel.NORMALS, 3, n));
    }
    return out;
  }

  @Override
  public String toString() {
    return "RandomScale(" + min + ", " + max + ")";
  }
}

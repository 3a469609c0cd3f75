package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.pointea.pointcloud.PointCloud;

/**
 * Adds independent Gaussian noise {@code clip(sigma * N(0, 1), -clip, clip)} to every coordinate
 * (PointNet's {@code jitter_point_cloud}, defaults {@code sigma = 0.01}, {@code clip = 0.05}).
 * Normals are unchanged.
 *
 * @param sigma standard deviation, {@code >= 0}
 * @param clip bound on each offset's magnitude, {@code >= 0}
 */
public record Jitter(float sigma, float clip) implements PointTransform {

  /** Validates the parameters. */
  public Jitter {
    if (!(sigma >= 0) || !(clip >= 0) || Float.isInfinite(sigma) || Float.isInfinite(clip)) {
      throw new IllegalArgumentException("sigma and clip must be finite and >= 0");
    }
  }

  /** Returns PointNet's defaults, sigma 0.01 and clip 0.05. */
  public static Jitter pointNet() {
    return new Jitter(0.01f, 0.05f);
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    float[] xyz = cloud.positions();
    for (int i = 0; i < xyz.length; i++) {
      double e = sigma * gauss.sample();
      xyz[i] = (float) (xyz[i] + Math.max(-clip, Math.min(clip, e)));
    }
    return cloud.withPositions(xyz);
  }

  @Override
  public String toString() {
    return "Jitter(sigma=" + sigma + ", clip=" + clip + ")";
  }
}

package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.sampling.RandomSampler;

/**
 * Samples exactly {@code count} points at random (PyG's {@code FixedPoints}): without replacement
 * when the cloud has enough points, otherwise every point as often as possible plus a random
 * remainder ({@link RandomSampler#fixedSize}); with {@code replace}, independent draws. An empty
 * cloud cannot be sampled ({@link IllegalArgumentException} when {@code count > 0}).
 *
 * @param count number of output points, {@code >= 0}
 * @param replace whether to draw with replacement
 */
public record FixedPoints(int count, boolean replace) implements PointTransform {

  /** Validates the count. */
  public FixedPoints {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    int[] idx =
        replace
            ? RandomSampler.withReplacement(cloud.size(), count, rng)
            : RandomSampler.fixedSize(cloud.size(), count, rng);
    return cloud.select(idx);
  }

  @Override
  public String toString() {
    return "FixedPoints(" + count + ", replace=" + replace + ")";
  }
}

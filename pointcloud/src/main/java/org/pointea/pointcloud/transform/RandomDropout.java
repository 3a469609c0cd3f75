package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;

/**
 * Random point dropout with PCT's (and PointNet++'s) {@code random_point_dropout} semantics: draw
 * a ratio {@code r ~ U(0, maxRatio)}, then replace each point with probability {@code r} (the
 * test is {@code u <= r} for {@code u ~ U(0, 1)}) by a copy of point 0, every channel included, so
 * the cloud keeps its size. Unlike the reference, which overwrites its input array in place, the
 * input cloud is never modified.
 *
 * @param maxRatio largest dropout ratio, in [0, 1) (PCT: 0.875)
 */
public record RandomDropout(double maxRatio) implements PointTransform {

  /** Validates the ratio. */
  public RandomDropout {
    if (!(maxRatio >= 0 && maxRatio < 1)) {
      throw new IllegalArgumentException("maxRatio must be in [0, 1), got " + maxRatio);
    }
  }

  /** Returns PCT's setting, {@code maxRatio = 0.875}. */
  public static RandomDropout pct() {
    return new RandomDropout(0.875);
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    int n = cloud.size();
    double ratio = rng.nextDouble() * maxRatio;
    int[] idx = new int[n];
    boolean dropped = false;
    for (int i = 0; i < n; i++) {
      if (rng.nextDouble() <= ratio) {
        idx[i] = 0;
        dropped = true;
      } else {
        idx[i] = i;
      }
    }
    return dropped ? cloud.select(idx) : cloud;
  }

  @Override
  public String toString() {
    return "RandomDropout(" + maxRatio + ")";
  }
}

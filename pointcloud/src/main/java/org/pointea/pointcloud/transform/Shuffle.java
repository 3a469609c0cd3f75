package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.sampling.RandomSampler;

/** Permutes the point order uniformly at random, every channel with its point. */
public record Shuffle() implements PointTransform {

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    return cloud.select(RandomSampler.permutation(cloud.size(), rng));
  }

  @Override
  public String toString() {
    return "Shuffle()";
  }
}

package org.pointea.pointcloud.transform;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;

/**
 * A transform of a point cloud, typically a data augmentation: one small class each, composable
 * with {@link Compose} or {@link #andThen}, printable with its parameters (PyG's
 * {@code BaseTransform}).
 *
 * <p>Contract: a transform never modifies its input (clouds are immutable); it moves every channel
 * with its point (normals rotate with the positions, dropped points take all their channels), and
 * all its randomness comes from the given generator, so the same generator state gives the same
 * output. A data loader can derive one generator per (seed, epoch, sample) with {@link
 * RandomStreams#of(long, long...)} and resume a run reproducibly.
 *
 * <pre>{@code
 * PointTransform train = Compose.of(new RandomDropout(0.875), RandomScale.pct(),
 *     RandomTranslate.pct(), new Shuffle());
 * PointCloud augmented = train.apply(cloud, RandomStreams.of(seed, epoch, index));
 * }</pre>
 */
public interface PointTransform {

  /**
   * Returns the transformed cloud.
   *
   * @param cloud the input, left unchanged
   * @param rng source of all randomness (deterministic transforms ignore it)
   * @return the output
   */
  PointCloud apply(PointCloud cloud, UniformRandomProvider rng);

  /**
   * Returns the transformed cloud, seeding a fresh generator.
   *
   * @param cloud the input
   * @param seed the seed
   * @return the output
   */
  default PointCloud apply(PointCloud cloud, long seed) {
    return apply(cloud, RandomStreams.of(seed));
  }

  /**
   * Returns this transform followed by {@code next}.
   *
   * @param next the transform applied second
   * @return the composition
   */
  default PointTransform andThen(PointTransform next) {
    return Compose.of(this, next);
  }
}

package org.pointea.pointcloud.transform;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.sampling.FarthestPointSampler;
import org.pointea.pointcloud.sampling.RandomSampler;

/**
 * Reduces (or repeats) a cloud to exactly {@code count} points: the one definition of "sampling to
 * N points" that a dataset cache applies before training and a predictor applies before
 * inference, so both feed the network the same way. A model records it (printed, e.g. {@code
 * Subsample(1024, fps)}) with its weights.
 *
 * <p>With fewer points than {@code count}, {@link Method#FIRST} and {@link Method#FPS} repeat their
 * sequence from its start ({@code out[i] = out[i % n]}), {@link Method#RANDOM} uses every point as
 * often as possible plus a random remainder, and {@link Method#RANDOM_WITH_REPLACEMENT} draws
 * independently anyway. An empty cloud cannot be sampled.
 *
 * @param count  number of output points, at least 1
 * @param method how the points are chosen
 */
public record Subsample(int count, Method method) implements PointTransform {

  /** How the points are chosen. */
  public enum Method {
    /** The first {@code count} points (PointNet++'s and the HDF5 loaders' {@code data[:, :N]}). */
    FIRST,
    /** Farthest-point sampling from point 0 ({@link FarthestPointSampler}). */
    FPS,
    /** {@code count} distinct points drawn uniformly (PyG's {@code FixedPoints}). */
    RANDOM,
    /** {@code count} independent uniform draws (PointNet++'s ShapeNet-part loader). */
    RANDOM_WITH_REPLACEMENT;

    /** The lower-case name of the printed form. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates. */
  public Subsample {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    Objects.requireNonNull(method, "method");
  }

  /**
   * Returns the indices of the chosen points.
   *
   * @param xyz packed positions (read only for {@link Method#FPS})
   * @param n number of points, at least 1
   * @param count number of indices
   * @param method how
   * @param rng randomness of the random methods
   * @return {@code count} indices into the cloud
   */
  public static int[] indices(float[] xyz, int n, int count, Method method, UniformRandomProvider rng) {
    if (n < 1) {
      throw new IllegalArgumentException("cannot sample " + count + " points from an empty cloud");
    }
    return switch (method) {
      case FIRST -> {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
          idx[i] = i % n;
        }
        yield idx;
      }
      case FPS -> FarthestPointSampler.sample(xyz, n, count);
      case RANDOM -> RandomSampler.fixedSize(n, count, rng);
      case RANDOM_WITH_REPLACEMENT -> RandomSampler.withReplacement(n, count, rng);
    };
  }

  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    return cloud.select(indices(cloud.positions(), cloud.size(), count, method, rng));
  }

  @Override
  public String toString() {
    return "Subsample(" + count + ", " + method.id() + ")";
  }
}

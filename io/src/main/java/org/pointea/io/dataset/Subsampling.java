package org.pointea.io.dataset;

import org.pointea.pointcloud.transform.Subsample;

/**
 * How a shape's stored points are reduced to the requested number: the methods of the {@link
 * Subsample} transform, which applies them (one definition for the dataset cache and for
 * inference).
 *
 * <p>When a shape has fewer points than requested, {@link #FIRST} and {@link #FPS} repeat their
 * sequence from its start ({@code out[i] = out[i % n]}), {@link #RANDOM} uses every point as often
 * as possible plus a random remainder, and {@link #RANDOM_WITH_REPLACEMENT} draws independently
 * anyway.
 */
public enum Subsampling {
  /**
   * The first N points, as PointNet++'s {@code modelnet_dataset.py} and every PointNet HDF5 loader
   * ({@code data[:, :N]}) take them.
   */
  FIRST,
  /**
   * Farthest-point sampling from point 0 ({@link
   * org.pointea.pointcloud.sampling.FarthestPointSampler}), as yanx27's
   * {@code --use_uniform_sample}.
   */
  FPS,
  /** N distinct points drawn uniformly (PyG's {@code FixedPoints}), seeded per shape. */
  RANDOM,
  /**
   * N independent uniform draws, seeded per shape: yanx27's and PointNet++'s ShapeNet-part
   * {@code np.random.choice(n, N, replace=True)}.
   */
  RANDOM_WITH_REPLACEMENT;

  /** The same choice as the {@code pointcloud} module's {@link Subsample} transform applies it. */
  public Subsample.Method method() {
    return Subsample.Method.valueOf(name());
  }
}

package org.pointea.pointcloud.sampling;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.Points;

/**
 * Uniform random sampling of point indices, the equivalent of PyG's {@code FixedPoints} and
 * NumPy's {@code choice}. Every method takes the generator, so the same seed gives the same
 * indices (see {@link org.pointea.pointcloud.RandomStreams}).
 *
 * <p><b>Fewer points than requested</b>: {@link #withoutReplacement} returns all {@code n}
 * indices (shuffled), so its result may be shorter than {@code m}; {@link #fixedSize} always
 * returns {@code m} indices, using each point {@code floor(m/n)} or {@code ceil(m/n)} times;
 * {@link #withReplacement} always returns {@code m} independent draws.
 *
 * <pre>{@code
 * int[] idx = RandomSampler.fixedSize(cloud.size(), 1024, RandomStreams.of(7));
 * PointCloud sampled = cloud.select(idx);
 * }</pre>
 */
public final class RandomSampler {
  private RandomSampler() {}

  /**
   * Returns {@code min(n, m)} distinct indices from {@code [0, n)} in random order (partial
   * Fisher–Yates).
   *
   * @param n population size
   * @param m number requested
   * @param rng generator
   * @return distinct indices
   */
  public static int[] withoutReplacement(int n, int m, UniformRandomProvider rng) {
    Points.checkNonNegative(n, "n");
    Points.checkNonNegative(m, "m");
    int take = Math.min(n, m);
    int[] perm = identity(n);
    for (int i = 0; i < take; i++) {
      int j = i + rng.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return take == n ? perm : java.util.Arrays.copyOf(perm, take);
  }

  /**
   * Returns {@code m} indices drawn independently and uniformly from {@code [0, n)}.
   *
   * @param n population size, at least 1 when {@code m > 0}
   * @param m number of draws
   * @param rng generator
   * @return indices, possibly repeated
   */
  public static int[] withReplacement(int n, int m, UniformRandomProvider rng) {
    Points.checkNonNegative(n, "n");
    Points.checkNonNegative(m, "m");
    if (m > 0 && n == 0) {
      throw new IllegalArgumentException("cannot draw " + m + " points from an empty cloud");
    }
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      out[i] = rng.nextInt(n);
    }
    return out;
  }

  /**
   * Returns exactly {@code m} indices: distinct when {@code m <= n}; otherwise whole shuffled
   * copies of {@code [0, n)} followed by a distinct random part (PyG's
   * {@code FixedPoints(replace=False, allow_duplicates=True)}).
   *
   * @param n population size, at least 1 when {@code m > 0}
   * @param m number requested
   * @param rng generator
   * @return indices
   */
  public static int[] fixedSize(int n, int m, UniformRandomProvider rng) {
    Points.checkNonNegative(n, "n");
    Points.checkNonNegative(m, "m");
    if (m > 0 && n == 0) {
      throw new IllegalArgumentException("cannot draw " + m + " points from an empty cloud");
    }
    int[] out = new int[m];
    int filled = 0;
    while (filled < m) {
      int[] part = withoutReplacement(n, m - filled, rng);
      System.arraycopy(part, 0, out, filled, part.length);
      filled += part.length;
    }
    return out;
  }

  /**
   * Returns a uniformly random permutation of {@code [0, n)}.
   *
   * @param n size
   * @param rng generator
   * @return the permutation
   */
  public static int[] permutation(int n, UniformRandomProvider rng) {
    return withoutReplacement(n, n, rng);
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}

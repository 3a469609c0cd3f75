package org.pointea.pointcloud.neighbors;

import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;

/**
 * k-nearest-neighbour search with the semantics of PCT's {@code knn_point} (and DGCNN's
 * {@code knn}), the grouping step of point transformers.
 *
 * <ul>
 *   <li>A query that is one of the points is its own neighbour (distance 0): nothing is excluded.</li>
 *   <li>Results are sorted by squared distance, ties by the lower point index (PCT's
 *       {@code topk(sorted=False)} leaves the order unspecified; a fixed order makes runs
 *       reproducible).</li>
 *   <li><b>Fewer points than {@code k}</b>: the first {@code n} slots hold every point, nearest
 *       first, and the remaining slots repeat the nearest neighbour (index and distance), the
 *       padding rule of ball query, so a gather never sees an invalid index.</li>
 *   <li>Points and queries must be finite; a NaN or infinite coordinate is rejected with
 *       {@link IllegalArgumentException}. Use {@link KdTree} to search clouds that keep invalid
 *       points.</li>
 * </ul>
 * Small problems use {@link BruteForceSearch}, larger ones a {@link KdTree}; both give identical
 * results.
 *
 * <pre>{@code
 * int[] idx = new int[m * k];
 * float[] d2 = new float[m * k];
 * KnnSearch.knn(points, n, centres, m, k, idx, d2);
 * }</pre>
 */
public final class KnnSearch {
  /** Below this many distance evaluations ({@code n * m}) brute force is used. */
  static final long BRUTE_FORCE_LIMIT = 1L << 14;

  private KnnSearch() {}

  /**
   * Finds, for each of {@code m} packed queries, its {@code k} nearest among {@code n} packed
   * points, on the calling thread.
   *
   * @param points packed positions {@code [n, 3]}
   * @param n number of points, at least 1 when {@code m > 0}
   * @param queries packed queries {@code [m, 3]}
   * @param m number of queries
   * @param k neighbours per query, at least 1
   * @param outIdx destination {@code int[m * k]}: point indices, row-major {@code [m, k]}
   * @param outDist2 destination {@code float[m * k]}: squared distances
   */
  public static void knn(
      float[] points, int n, float[] queries, int m, int k, int[] outIdx, float[] outDist2) {
    knn(points, n, queries, m, k, outIdx, outDist2, 1);
  }

  /**
   * Like {@link #knn(float[], int, float[], int, int, int[], float[])} on {@code threads}
   * threads.
   *
   * @param points packed positions {@code [n, 3]}
   * @param n number of points
   * @param queries packed queries {@code [m, 3]}
   * @param m number of queries
   * @param k neighbours per query
   * @param outIdx destination {@code int[m * k]}
   * @param outDist2 destination {@code float[m * k]}
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   */
  public static void knn(
      float[] points, int n, float[] queries, int m, int k, int[] outIdx, float[] outDist2,
      int threads) {
    check(points, n, queries, m, k, outIdx, outDist2, 1);
    if (m == 0) {
      return;
    }
    if ((long) n * m <= BRUTE_FORCE_LIMIT) {
      for (int q = 0; q < m; q++) {
        BruteForceSearch.knnUnchecked(
            points, 0, n, queries[3 * q], queries[3 * q + 1], queries[3 * q + 2], k,
            Float.POSITIVE_INFINITY, outIdx, outDist2, q * k);
      }
    } else {
      KdTree.build(points, n).knn(queries, m, k, outIdx, outDist2, threads);
    }
    padAll(n, m, k, outIdx, outDist2, 0);
  }

  /**
   * Searches {@code batch} independent clouds in parallel: cloud {@code b} has points
   * {@code points[b, n, 3]} and queries {@code queries[b, m, 3]}; outputs are {@code [b, m, k]}
   * with indices local to each cloud.
   *
   * @param points packed {@code [batch, n, 3]}
   * @param n points per cloud
   * @param queries packed {@code [batch, m, 3]}
   * @param m queries per cloud
   * @param batch number of clouds
   * @param k neighbours per query
   * @param outIdx destination {@code int[batch * m * k]}
   * @param outDist2 destination {@code float[batch * m * k]}
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   */
  public static void knnBatch(
      float[] points, int n, float[] queries, int m, int batch, int k, int[] outIdx,
      float[] outDist2, int threads) {
    Points.checkNonNegative(batch, "batch");
    check(points, n, queries, m, k, outIdx, outDist2, batch);
    Parallel.forRange(
        batch,
        threads,
        1,
        (from, to) -> {
          for (int b = from; b < to; b++) {
            int qBase = 3 * b * m;
            int oBase = b * m * k;
            KdTree tree =
                (long) n * m <= BRUTE_FORCE_LIMIT
                    ? null
                    : new KdTree(points, b * n, n, KdTree.DEFAULT_LEAF_SIZE);
            for (int q = 0; q < m; q++) {
              int qo = qBase + 3 * q;
              float x = queries[qo], y = queries[qo + 1], z = queries[qo + 2];
              if (tree == null) {
                BruteForceSearch.knnUnchecked(points, b * n, n, x, y, z, k,
                    Float.POSITIVE_INFINITY, outIdx, outDist2, oBase + q * k);
              } else {
                tree.knnUnchecked(x, y, z, k, Float.POSITIVE_INFINITY, outIdx, outDist2,
                    oBase + q * k);
              }
            }
            padAll(n, m, k, outIdx, outDist2, oBase);
          }
        });
  }

  /** Fills slots {@code [n, k)} of every row with the row's nearest neighbour. */
  private static void padAll(int n, int m, int k, int[] idx, float[] dist, int base) {
    if (n >= k) {
      return;
    }
    for (int q = 0; q < m; q++) {
      int off = base + q * k;
      for (int j = n; j < k; j++) {
        idx[off + j] = idx[off];
        dist[off + j] = dist[off];
      }
    }
  }

  private static void check(
      float[] points, int n, float[] queries, int m, int k, int[] outIdx, float[] outDist2,
      int clouds) {
    Points.checkNonNegative(n, "n");
    Points.checkNonNegative(m, "m");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    long nTotal = (long) clouds * n;
    long mTotal = (long) clouds * m;
    if (nTotal > Integer.MAX_VALUE / 3 || mTotal * k > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("problem too large: " + clouds + " x " + n + " points");
    }
    Points.checkPacked(points, (int) nTotal, "points");
    Points.checkPacked(queries, (int) mTotal, "queries");
    Points.checkCapacity(outIdx.length, mTotal * k, "outIdx");
    Points.checkCapacity(outDist2.length, mTotal * k, "outDist2");
    if (m > 0 && n == 0) {
      throw new IllegalArgumentException("cannot search " + m + " queries among 0 points");
    }
    Points.requireFinite(points, (int) nTotal, "points");
    Points.requireFinite(queries, (int) mTotal, "queries");
  }
}

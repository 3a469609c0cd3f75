package org.pointea.pointcloud.neighbors;

import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;

/**
 * Ball query with the semantics of PointNet++'s {@code query_ball_point} kernel (Qi et al.,
 * <a href="https://arxiv.org/abs/1706.02413">arXiv:1706.02413</a>).
 *
 * <ul>
 *   <li>For each query, the points are scanned in index order and the first {@code nsample} with
 *       squared distance strictly below {@code radius * radius} are kept, in index order (not by
 *       distance).</li>
 *   <li><b>Padding</b>: when fewer than {@code nsample} are found, the remaining slots repeat the
 *       first one found.</li>
 *   <li>When none is found, every slot holds index 0, as the reference kernel leaves its
 *       zero-initialised output; the count output tells such rows apart (count 0). A query that is
 *       one of the points always finds at least itself when {@code radius > 0}.</li>
 *   <li>Points and queries must be finite ({@link IllegalArgumentException} otherwise).</li>
 * </ul>
 * Large clouds are searched through a {@link KdTree}; the result is identical to the scan.
 *
 * <pre>{@code
 * int[] idx = new int[m * 32];
 * int[] count = new int[m];
 * BallQuery.query(xyz, n, centres, m, 0.2f, 32, idx, count);
 * }</pre>
 */
public final class BallQuery {
  /** Above this many points a KD-tree replaces the linear scan. */
  static final int TREE_THRESHOLD = 4096;

  private BallQuery() {}

  /**
   * Runs the ball query for {@code m} packed queries on the calling thread.
   *
   * @param points packed positions {@code [n, 3]}
   * @param n number of points, at least 1 when {@code m > 0}
   * @param queries packed queries {@code [m, 3]}
   * @param m number of queries
   * @param radius ball radius, finite and {@code >= 0}
   * @param nsample slots per query, at least 1
   * @param outIdx destination {@code int[m * nsample]}, row-major {@code [m, nsample]}
   * @param outCount destination {@code int[m]}: points found per query, at most {@code nsample}
   *     (may be null)
   */
  public static void query(
      float[] points, int n, float[] queries, int m, float radius, int nsample, int[] outIdx,
      int[] outCount) {
    query(points, n, queries, m, radius, nsample, outIdx, outCount, 1);
  }

  /**
   * Like {@link #query(float[], int, float[], int, float, int, int[], int[])} on {@code threads}
   * threads ({@link Parallel}: 0 = all processors).
   *
   * @param points packed positions {@code [n, 3]}
   * @param n number of points
   * @param queries packed queries {@code [m, 3]}
   * @param m number of queries
   * @param radius ball radius
   * @param nsample slots per query
   * @param outIdx destination {@code int[m * nsample]}
   * @param outCount destination {@code int[m]} (may be null)
   * @param threads thread count
   */
  public static void query(
      float[] points, int n, float[] queries, int m, float radius, int nsample, int[] outIdx,
      int[] outCount, int threads) {
    check(points, n, queries, m, radius, nsample, outIdx, outCount, 1);
    KdTree tree = n > TREE_THRESHOLD ? KdTree.build(points, n) : null;
    float r2 = radius * radius;
    Parallel.forRange(
        m,
        threads,
        64,
        (from, to) -> {
          Neighbors scratch = tree == null ? null : new Neighbors();
          for (int q = from; q < to; q++) {
            int c = one(points, 0, n, tree, queries, 3 * q, radius, r2, nsample, outIdx,
                q * nsample, scratch);
            if (outCount != null) {
              outCount[q] = c;
            }
          }
        });
  }

  /**
   * Runs the ball query on {@code batch} independent clouds in parallel: points
   * {@code [batch, n, 3]}, queries {@code [batch, m, 3]}, indices {@code [batch, m, nsample]}
   * local to each cloud.
   *
   * @param points packed {@code [batch, n, 3]}
   * @param n points per cloud
   * @param queries packed {@code [batch, m, 3]}
   * @param m queries per cloud
   * @param batch number of clouds
   * @param radius ball radius
   * @param nsample slots per query
   * @param outIdx destination {@code int[batch * m * nsample]}
   * @param outCount destination {@code int[batch * m]} (may be null)
   * @param threads thread count ({@link Parallel})
   */
  public static void queryBatch(
      float[] points, int n, float[] queries, int m, int batch, float radius, int nsample,
      int[] outIdx, int[] outCount, int threads) {
    Points.checkNonNegative(batch, "batch");
    check(points, n, queries, m, radius, nsample, outIdx, outCount, batch);
    float r2 = radius * radius;
    Parallel.forRange(
        batch,
        threads,
        1,
        (from, to) -> {
          Neighbors scratch = new Neighbors();
          for (int b = from; b < to; b++) {
            KdTree tree = n > TREE_THRESHOLD ? new KdTree(points, b * n, n, KdTree.DEFAULT_LEAF_SIZE) : null;
            for (int q = 0; q < m; q++) {
              int row = b * m + q;
              int c = one(points, b * n, n, tree, queries, 3 * row, radius, r2, nsample, outIdx,
                  row * nsample, scratch);
              if (outCount != null) {
                outCount[row] = c;
              }
            }
          }
        });
  }

  private static int one(
      float[] pts, int first, int n, KdTree tree, float[] queries, int qo, float radius, float r2,
      int nsample, int[] out, int off, Neighbors scratch) {
    float x = queries[qo], y = queries[qo + 1], z = queries[qo + 2];
    int cnt = 0;
    if (tree == null) {
      for (int i = 0; i < n && cnt < nsample; i++) {
        int o = 3 * (first + i);
        float dx = pts[o] - x;
        float dy = pts[o + 1] - y;
        float dz = pts[o + 2] - z;
        if (dx * dx + dy * dy + dz * dz < r2) {
          out[off + cnt++] = i;
        }
      }
    } else {
      tree.radiusUnsorted(x, y, z, radius, scratch);
      scratch.sortByIndex();
      for (int j = 0; j < scratch.size() && cnt < nsample; j++) {
        if (scratch.distance2(j) < r2) { // the tree's radius is inclusive; the kernel's is not
          out[off + cnt++] = scratch.index(j);
        }
      }
    }
    int pad = cnt == 0 ? 0 : out[off];
    for (int j = cnt; j < nsample; j++) {
      out[off + j] = pad;
    }
    return cnt;
  }

  private static void check(
      float[] points, int n, float[] queries, int m, float radius, int nsample, int[] outIdx,
      int[] outCount, int clouds) {
    Points.checkNonNegative(n, "n");
    Points.checkNonNegative(m, "m");
    if (nsample < 1) {
      throw new IllegalArgumentException("nsample must be >= 1, got " + nsample);
    }
    if (!(radius >= 0) || Float.isInfinite(radius)) {
      throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
    }
    long nTotal = (long) clouds * n;
    long mTotal = (long) clouds * m;
    if (nTotal > Integer.MAX_VALUE / 3 || mTotal * nsample > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("problem too large: " + clouds + " x " + n + " points");
    }
    Points.checkPacked(points, (int) nTotal, "points");
    Points.checkPacked(queries, (int) mTotal, "queries");
    Points.checkCapacity(outIdx.length, mTotal * nsample, "outIdx");
    if (outCount != null) {
      Points.checkCapacity(outCount.length, mTotal, "outCount");
    }
    if (m > 0 && n == 0) {
      throw new IllegalArgumentException("cannot query " + m + " balls among 0 points");
    }
    Points.requireFinite(points, (int) nTotal, "points");
    Points.requireFinite(queries, (int) mTotal, "queries");
  }
}

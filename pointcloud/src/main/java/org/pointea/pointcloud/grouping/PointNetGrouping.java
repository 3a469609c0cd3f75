package org.pointea.pointcloud.grouping;

import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.BallQuery;
import org.pointea.pointcloud.sampling.FarthestPointSampler;

/**
 * PointNet++'s {@code sample_and_group(npoint, radius, nsample, xyz, points)} (Qi et al.,
 * <a href="https://arxiv.org/abs/1706.02413">arXiv:1706.02413</a>): farthest-point sampling picks
 * {@code m} centres from index 0, a {@link BallQuery} gathers up to {@code k} points within
 * {@code radius} of each (first found in index order, padded with the first), and each neighbour
 * gets its position relative to the centre, followed by its own features when given.
 *
 * <p>Output layout {@code [M, k, C]} with {@code C = 3 + D} ({@code 3} without features): element
 * {@code out[(i * k + j) * C + c]} is {@code xyz(nb) - xyz(centre)} for {@code c < 3} and feature
 * {@code c - 3} of the neighbour otherwise. {@link #groupAll} is the
 * {@code sample_and_group_all} variant: a single group of every point around the origin.
 *
 * <pre>{@code
 * Grouped g = PointNetGrouping.sampleAndGroup(xyz, normals, n, 3, 512, 0.2f, 32); // [512, 32, 6]
 * }</pre>
 */
public final class PointNetGrouping {
  private PointNetGrouping() {}

  /**
   * Samples and groups one cloud.
   *
   * @param xyz packed positions {@code [n, 3]}, finite
   * @param features packed features {@code [n, d]}, or null for coordinates only
   * @param n number of points
   * @param d feature channels (ignored when {@code features} is null)
   * @param m number of centres
   * @param radius ball radius
   * @param k points per ball
   * @return the grouping, {@code channels = 3 + d} (3 without features)
   */
  public static Grouped sampleAndGroup(
      float[] xyz, float[] features, int n, int d, int m, float radius, int k) {
    int dd = features == null ? 0 : d;
    Points.checkNonNegative(m, "m");
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int c = 3 + dd;
    int[] centerIdx = new int[m];
    float[] centers = new float[3 * m];
    int[] groupIdx = new int[Math.multiplyExact(m, k)];
    float[] out = new float[Math.multiplyExact(Math.multiplyExact(m, k), c)];
    sampleAndGroup(xyz, features, n, dd, m, radius, k, centerIdx, centers, groupIdx, null, out);
    return new Grouped(m, k, c, centerIdx, centers, groupIdx, out);
  }

  /**
   * Samples and groups one cloud into caller-owned buffers.
   *
   * @param xyz packed positions {@code [n, 3]}, finite
   * @param features packed features {@code [n, d]}, or null
   * @param n number of points
   * @param d feature channels (0 when {@code features} is null)
   * @param m number of centres
   * @param radius ball radius
   * @param k points per ball
   * @param outCenterIdx destination {@code int[m]}
   * @param outCenters destination {@code float[m * 3]}
   * @param outGroupIdx destination {@code int[m * k]}
   * @param outCount destination {@code int[m]}: points found within the radius (may be null)
   * @param outFeatures destination {@code float[m * k * (3 + d)]}
   */
  public static void sampleAndGroup(
      float[] xyz, float[] features, int n, int d, int m, float radius, int k, int[] outCenterIdx,
      float[] outCenters, int[] outGroupIdx, int[] outCount, float[] outFeatures) {
    Points.checkPacked(xyz, n, "xyz");
    int dd = features == null ? 0 : d;
    if (features != null) {
      PctGrouping.checkFeatures(features, n, dd);
    }
    Points.checkCapacity(outCenterIdx.length, m, "outCenterIdx");
    Points.checkCapacity(outCenters.length, 3L * m, "outCenters");
    Points.checkCapacity(outFeatures.length, (long) m * k * (3 + dd), "outFeatures");
    FarthestPointSampler.sample(xyz, n, m, 0, outCenterIdx, new float[n]);
    for (int i = 0; i < m; i++) {
      System.arraycopy(xyz, 3 * outCenterIdx[i], outCenters, 3 * i, 3);
    }
    BallQuery.query(xyz, n, outCenters, m, radius, k, outGroupIdx, outCount);
    write(xyz, features, 0, dd, m, k, outCenters, 0, outGroupIdx, 0, outFeatures, 0);
  }

  /**
   * Samples and groups {@code batch} clouds of {@code n} points in parallel.
   *
   * @param xyz packed {@code [batch, n, 3]}
   * @param features packed {@code [batch, n, d]}, or null
   * @param batch number of clouds
   * @param n points per cloud
   * @param d feature channels (0 when {@code features} is null)
   * @param m centres per cloud
   * @param radius ball radius
   * @param k points per ball
   * @param outCenters destination {@code float[batch * m * 3]}
   * @param outFeatures destination {@code float[batch * m * k * (3 + d)]}: {@code [B, M, k, C]}
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   */
  public static void sampleAndGroupBatch(
      float[] xyz, float[] features, int batch, int n, int d, int m, float radius, int k,
      float[] outCenters, float[] outFeatures, int threads) {
    Points.checkNonNegative(batch, "batch");
    Points.checkNonNegative(n, "n");
    Points.checkNonNegative(m, "m");
    int dd = features == null ? 0 : d;
    Points.checkPacked(xyz, Math.multiplyExact(batch, n), "xyz");
    if (features != null) {
      PctGrouping.checkFeatures(features, Math.multiplyExact(batch, n), dd);
    }
    long rows = (long) batch * m * k;
    if (rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("output too large: " + rows + " rows");
    }
    Points.checkCapacity(outCenters.length, 3L * batch * m, "outCenters");
    Points.checkCapacity(outFeatures.length, rows * (3 + dd), "outFeatures");
    int[] centerIdx = new int[batch * m];
    FarthestPointSampler.sampleBatch(xyz, batch, n, m, centerIdx, threads);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < m; i++) {
        System.arraycopy(xyz, 3 * (b * n + centerIdx[b * m + i]), outCenters, 3 * (b * m + i), 3);
      }
    }
    int[] groupIdx = new int[(int) rows];
    BallQuery.queryBatch(xyz, n, outCenters, m, batch, radius, k, groupIdx, null, threads);
    Parallel.forRange(
        batch,
        threads,
        1,
        (from, to) -> {
          for (int b = from; b < to; b++) {
            write(xyz, features, b * n, dd, m, k, outCenters, b * m, groupIdx, b * m * k,
                outFeatures, b * m * k * (3 + dd));
          }
        });
  }

  /**
   * PointNet++'s {@code sample_and_group_all}: one group of all {@code n} points around the
   * origin, features {@code [xyz, f]}, layout {@code [1, n, 3 + d]}.
   *
   * @param xyz packed positions {@code [n, 3]}
   * @param features packed features {@code [n, d]}, or null
   * @param n number of points
   * @param d feature channels (0 when {@code features} is null)
   * @return the grouping: one centre at the origin (centre index -1)
   */
  public static Grouped groupAll(float[] xyz, float[] features, int n, int d) {
    Points.checkPacked(xyz, n, "xyz");
    int dd = features == null ? 0 : d;
    if (features != null) {
      PctGrouping.checkFeatures(features, n, dd);
    }
    int c = 3 + dd;
    float[] out = new float[Math.multiplyExact(n, c)];
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
      System.arraycopy(xyz, 3 * i, out, i * c, 3);
      if (dd > 0) {
        System.arraycopy(features, i * dd, out, i * c + 3, dd);
      }
    }
    return new Grouped(1, n, c, new int[] {-1}, new float[3], all, out);
  }

  private static void write(
      float[] xyz, float[] f, int first, int d, int m, int k, float[] centers, int cOff,
      int[] groupIdx, int gOff, float[] out, int oOff) {
    int w = 3 + d;
    for (int i = 0; i < m; i++) {
      int c = 3 * (cOff + i);
      float cx = centers[c], cy = centers[c + 1], cz = centers[c + 2];
      for (int j = 0; j < k; j++) {
        int p = first + groupIdx[gOff + i * k + j];
        int o = oOff + (i * k + j) * w;
        out[o] = xyz[3 * p] - cx;
        out[o + 1] = xyz[3 * p + 1] - cy;
        out[o + 2] = xyz[3 * p + 2] - cz;
        if (d > 0) {
          System.arraycopy(f, p * d, out, o + 3, d);
        }
      }
    }
  }
}

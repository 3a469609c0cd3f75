package org.pointea.pointcloud.grouping;

import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.KnnSearch;
import org.pointea.pointcloud.sampling.FarthestPointSampler;

/**
 * PCT's {@code sample_and_group(npoint, nsample, xyz, points)} (Guo et al., "PCT: Point cloud
 * transformer", <a href="https://arxiv.org/abs/2012.09688">arXiv:2012.09688</a>): farthest-point
 * sampling picks {@code m} centres from index 0, {@link KnnSearch} gathers each centre's {@code k}
 * nearest points (the centre included), and each neighbour gets the feature
 * {@code [f(neighbour) - f(centre), f(centre)]}, {@code 2D} channels for {@code D}-channel input
 * features.
 *
 * <p>Output layout {@code [M, k, 2D]}: element {@code out[(i * k + j) * 2D + c]} is, for
 * {@code c < D}, channel {@code c} of neighbour {@code j} of centre {@code i} minus the same
 * channel of the centre, and for {@code c >= D} channel {@code c - D} of the centre. Neighbours
 * are ordered nearest first (ties by index). When {@code features} is null the positions serve as
 * features ({@code D = 3}). As in the reference, coordinates are not concatenated.
 *
 * <pre>{@code
 * Grouped g = PctGrouping.sampleAndGroup(xyz, feats, 1024, 64, 512, 32); // [512, 32, 128]
 * }</pre>
 */
public final class PctGrouping {
  private PctGrouping() {}

  /**
   * Samples and groups one cloud.
   *
   * @param xyz packed positions {@code [n, 3]}, finite
   * @param features packed features {@code [n, d]}, or null to use the positions
   * @param n number of points
   * @param d feature channels (ignored, taken as 3, when {@code features} is null)
   * @param m number of centres (FPS; see {@link FarthestPointSampler} when {@code m > n})
   * @param k neighbours per centre (see {@link KnnSearch} for {@code k > n})
   * @return the grouping, {@code channels = 2d}
   */
  public static Grouped sampleAndGroup(
      float[] xyz, float[] features, int n, int d, int m, int k) {
    int dd = features == null ? 3 : d;
    Points.checkNonNegative(m, "m");
    checkK(k);
    int[] centerIdx = new int[m];
    float[] centers = new float[3 * m];
    int[] groupIdx = new int[Math.multiplyExact(m, k)];
    float[] out = new float[Math.multiplyExact(Math.multiplyExact(m, k), 2 * dd)];
    sampleAndGroup(xyz, features, n, dd, m, k, centerIdx, centers, groupIdx, out);
    return new Grouped(m, k, 2 * dd, centerIdx, centers, groupIdx, out);
  }

  /**
   * Samples and groups one cloud into caller-owned buffers.
   *
   * @param xyz packed positions {@code [n, 3]}, finite
   * @param features packed features {@code [n, d]}, or null to use the positions ({@code d = 3})
   * @param n number of points
   * @param d feature channels
   * @param m number of centres
   * @param k neighbours per centre
   * @param outCenterIdx destination {@code int[m]}
   * @param outCenters destination {@code float[m * 3]}
   * @param outGroupIdx destination {@code int[m * k]}
   * @param outFeatures destination {@code float[m * k * 2d]}
   */
  public static void sampleAndGroup(
      float[] xyz, float[] features, int n, int d, int m, int k, int[] outCenterIdx,
      float[] outCenters, int[] outGroupIdx, float[] outFeatures) {
    Points.checkPacked(xyz, n, "xyz");
    float[] f = features == null ? xyz : features;
    int dd = features == null ? 3 : d;
    checkFeatures(f, n, dd);
    checkK(k);
    Points.checkCapacity(outCenterIdx.length, m, "outCenterIdx");
    Points.checkCapacity(outCenters.length, 3L * m, "outCenters");
    Points.checkCapacity(outGroupIdx.length, (long) m * k, "outGroupIdx");
    Points.checkCapacity(outFeatures.length, (long) m * k * 2 * dd, "outFeatures");
    FarthestPointSampler.sample(xyz, n, m, 0, outCenterIdx, new float[n]);
    for (int i = 0; i < m; i++) {
      System.arraycopy(xyz, 3 * outCenterIdx[i], outCenters, 3 * i, 3);
    }
    KnnSearch.knn(xyz, n, outCenters, m, k, outGroupIdx, new float[m * k]);
    write(f, 0, dd, m, k, outCenterIdx, 0, outGroupIdx, 0, outFeatures, 0);
  }

  /**
   * Samples and groups {@code batch} clouds of {@code n} points in parallel, into flat batched
   * buffers; indices are local to each cloud.
   *
   * @param xyz packed {@code [batch, n, 3]}
   * @param features packed {@code [batch, n, d]}, or null to use the positions
   * @param batch number of clouds
   * @param n points per cloud
   * @param d feature channels
   * @param m centres per cloud
   * @param k neighbours per centre
   * @param outCenters destination {@code float[batch * m * 3]}
   * @param outFeatures destination {@code float[batch * m * k * 2d]}: {@code [B, M, k, 2D]}
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   */
  public static void sampleAndGroupBatch(
      float[] xyz, float[] features, int batch, int n, int d, int m, int k, float[] outCenters,
      float[] outFeatures, int threads) {
    Points.checkNonNegative(batch, "batch");
    Points.checkNonNegative(n, "n");
    Points.checkNonNegative(m, "m");
    checkK(k);
    int dd = features == null ? 3 : d;
    float[] f = features == null ? xyz : features;
    Points.checkPacked(xyz, Math.multiplyExact(batch, n), "xyz");
    checkFeatures(f, Math.multiplyExact(batch, n), dd);
    long rows = (long) batch * m * k;
    Points.checkCapacity(outCenters.length, 3L * batch * m, "outCenters");
    Points.checkCapacity(outFeatures.length, rows * 2 * dd, "outFeatures");
    if (rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("output too large: " + rows + " rows");
    }
    int[] centerIdx = new int[batch * m];
    FarthestPointSampler.sampleBatch(xyz, batch, n, m, centerIdx, threads);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < m; i++) {
        System.arraycopy(xyz, 3 * (b * n + centerIdx[b * m + i]), outCenters, 3 * (b * m + i), 3);
      }
    }
    int[] groupIdx = new int[(int) rows];
    KnnSearch.knnBatch(xyz, n, outCenters, m, batch, k, groupIdx, new float[(int) rows], threads);
    Parallel.forRange(
        batch,
        threads,
        1,
        (from, to) -> {
          for (int b = from; b < to; b++) {
            write(f, b * n, dd, m, k, centerIdx, b * m, groupIdx, b * m * k, outFeatures,
                b * m * k * 2 * dd);
          }
        });
  }

  /** Writes {@code [f(nb) - f(c), f(c)]} rows; point indices are relative to {@code first}. */
  private static void write(
      float[] f, int first, int d, int m, int k, int[] centerIdx, int cOff, int[] groupIdx,
      int gOff, float[] out, int oOff) {
    int w = 2 * d;
    for (int i = 0; i < m; i++) {
      int c = (first + centerIdx[cOff + i]) * d;
      for (int j = 0; j < k; j++) {
        int nb = (first + groupIdx[gOff + i * k + j]) * d;
        int o = oOff + (i * k + j) * w;
        for (int ch = 0; ch < d; ch++) {
          out[o + ch] = f[nb + ch] - f[c + ch];
          out[o + d + ch] = f[c + ch];
        }
      }
    }
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  static void checkFeatures(float[] f, int n, int d) {
    if (d < 1) {
      throw new IllegalArgumentException("feature channels must be >= 1, got " + d);
    }
    if (f == null || (long) n * d > f.length) {
      throw new IllegalArgumentException(
          "features: " + n + " points x " + d + " channels do not fit in "
              + (f == null ? "null" : f.length + " floats"));
    }
  }
}

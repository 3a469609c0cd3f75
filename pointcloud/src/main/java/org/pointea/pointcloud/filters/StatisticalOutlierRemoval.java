package org.pointea.pointcloud.filters;

import java.util.Objects;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.KdTree;

/**
 * Statistical outlier removal (Rusu et al., "Towards 3D point cloud based object maps for
 * household environments", RAS 2008): a point is an outlier when the mean distance to its nearest
 * neighbours exceeds the cloud-wide mean of those distances by more than {@code stdRatio}
 * standard deviations. Returns the indices of the inliers, ascending.
 *
 * <p>Open3D's {@code remove_statistical_outlier(nb_neighbors, std_ratio)} and PCL's {@code
 * StatisticalOutlierRemoval} ({@code setMeanK}, {@code setStddevMulThresh}) differ, and this
 * class reproduces either one's index set exactly ({@link Convention}):
 * <table>
 *   <caption>Open3D 0.16 and PCL 1.13 side by side</caption>
 *   <tr><th></th><th>{@link #open3d(int, double) OPEN3D}</th><th>{@link #pcl(int, double) PCL}</th></tr>
 *   <tr><td>neighbours averaged</td><td>the {@code k} nearest <em>including the point itself</em>
 *       (its zero distance counts)</td><td>the {@code k} nearest other points</td></tr>
 *   <tr><td>arithmetic</td><td>double throughout</td><td>float squared distances, float mean
 *       distances, a one-pass variance</td></tr>
 *   <tr><td>standard deviation</td><td colspan="2">sample (Bessel's correction)</td></tr>
 *   <tr><td>kept when</td><td>{@code 0 < mean < threshold}: a point whose neighbours all
 *       coincide with it is removed</td><td>{@code mean <= threshold}</td></tr>
 * </table>
 * So {@code open3d(k + 1, r)} and {@code pcl(k, r)} average the same neighbours but divide by
 * {@code k + 1} and {@code k}: the index sets differ slightly. Points with a NaN or infinite
 * coordinate are removed and take no part in the statistics, in both conventions (PCL's tool
 * removes them before filtering; Open3D's k-d tree gives them no meaningful neighbours).
 *
 * <pre>{@code
 * int[] kept = StatisticalOutlierRemoval.open3d(20, 2.0).filter(xyz, n, 0);
 * PointCloud clean = StatisticalOutlierRemoval.pcl(50, 1.0).apply(cloud);
 * }</pre>
 *
 * @param neighbors {@code nb_neighbors} (Open3D, the point included) or {@code mean_k} (PCL), at
 *     least 1
 * @param stdRatio {@code std_ratio} / {@code stddev_mul}: Open3D requires it positive, PCL
 *     accepts any finite value
 * @param convention whose semantics
 */
public record StatisticalOutlierRemoval(int neighbors, double stdRatio, Convention convention) {

  /** Validates the parameters. */
  public StatisticalOutlierRemoval {
    Objects.requireNonNull(convention, "convention");
    if (neighbors < 1) {
      throw new IllegalArgumentException("neighbors must be >= 1, got " + neighbors);
    }
    if (!Double.isFinite(stdRatio) || (convention == Convention.OPEN3D && stdRatio <= 0)) {
      throw new IllegalArgumentException("stdRatio must be "
          + (convention == Convention.OPEN3D ? "positive" : "finite") + ", got " + stdRatio);
    }
  }

  /**
   * Returns Open3D's {@code remove_statistical_outlier(nb_neighbors, std_ratio)}.
   *
   * @param nbNeighbors neighbours averaged, the point itself included
   * @param stdRatio standard deviations above the mean that are still inliers, positive
   * @return the filter
   */
  public static StatisticalOutlierRemoval open3d(int nbNeighbors, double stdRatio) {
    return new StatisticalOutlierRemoval(nbNeighbors, stdRatio, Convention.OPEN3D);
  }

  /**
   * Returns PCL's {@code StatisticalOutlierRemoval} with {@code setMeanK(meanK)} and {@code
   * setStddevMulThresh(stddevMul)}.
   *
   * @param meanK neighbours averaged, the point itself excluded
   * @param stddevMul standard deviations above the mean that are still inliers
   * @return the filter
   */
  public static StatisticalOutlierRemoval pcl(int meanK, double stddevMul) {
    return new StatisticalOutlierRemoval(meanK, stddevMul, Convention.PCL);
  }

  /**
   * Returns the cloud's inliers, every channel carried along.
   *
   * @param cloud the cloud
   * @return the inliers
   */
  public PointCloud apply(PointCloud cloud) {
    return cloud.select(filter(cloud.positions(), cloud.size(), 0));
  }

  /**
   * Returns the indices of the inliers among {@code n} packed points, ascending.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   * @return inlier indices
   */
  public int[] filter(float[] xyz, int n, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    double[] mean = new double[n];
    meanDistances(xyz, n, KdTree.build(xyz, n, KdTree.DEFAULT_LEAF_SIZE, threads), mean, threads);
    return inliers(mean, n);
  }

  /**
   * Computes each point's mean neighbour distance as the convention does (Open3D: double,
   * including the point's own zero distance; PCL: rounded to float, excluding it). A point with
   * a non-finite coordinate, or without any neighbour (a cloud of one point under PCL), gets -1.
   * Allocates only per-thread scratch.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param tree a tree over the same {@code n} points
   * @param outMean destination {@code double[n]}
   * @param threads thread count ({@link Parallel})
   */
  public void meanDistances(float[] xyz, int n, KdTree tree, double[] outMean, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    if (tree.size() != n) {
      throw new IllegalArgumentException("tree covers " + tree.size() + " points, not " + n);
    }
    Points.checkCapacity(outMean.length, n, "outMean");
    boolean pcl = convention == Convention.PCL;
    int k = pcl ? neighbors + 1 : neighbors;
    for (int i = 0; i < n; i++) {
      if (!Points.isFinite(xyz, i)) {
        outMean[i] = -1;
      }
    }
    // queries in tree order share nodes and points in cache; neighbours come unsorted (only
    // their sum is needed; the order changes the last bits of a double sum at most)
    int[] order = tree.treeOrder();
    Parallel.forRange(order.length, threads, 512, (from, to) -> {
      int[] idx = new int[k];
      float[] d2 = new float[k];
      for (int j = from; j < to; j++) {
        int i = order[j];
        int o = 3 * i;
        float x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
        int found = tree.knnUnsorted(x, y, z, Float.POSITIVE_INFINITY, k, idx, d2, 0);
        if (pcl) {
          // FLANN's float squared distances; the point itself (distance 0) is among them
          double sum = 0;
          for (int q = 0; q < found; q++) {
            sum += Math.sqrt(d2[q]);
          }
          outMean[i] = found < 2 ? -1 : (float) (sum / (found - 1));
        } else {
          // nanoflann's double squared distances, the point itself included
          double sum = 0;
          for (int q = 0; q < found; q++) {
            int p = 3 * idx[q];
            double dx = (double) x - xyz[p];
            double dy = (double) y - xyz[p + 1];
            double dz = (double) z - xyz[p + 2];
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
          }
          outMean[i] = found == 0 ? -1 : sum / found;
        }
      }
    });
  }

  /**
   * Returns the distance above which a mean neighbour distance makes an outlier, from the means
   * of {@link #meanDistances}: the mean plus {@code stdRatio} sample standard deviations,
   * computed as the convention does. NaN when fewer than two points have a mean: then Open3D
   * keeps no point and PCL every point, and so does {@link #inliers}.
   *
   * @param mean the means ({@code -1} for points without one)
   * @param n number of points
   * @return the threshold
   */
  public double threshold(double[] mean, int n) {
    int valid = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (mean[i] >= 0) {
        valid++;
        sum += convention == Convention.PCL ? (double) (float) mean[i] : (mean[i] > 0 ? mean[i] : 0);
      }
    }
    if (valid == 0) {
      return Double.NaN;
    }
    if (convention == Convention.PCL) {
      // PCL: sq_sum += distance * distance in float, variance = (sq_sum - sum^2 / n) / (n - 1)
      double sq = 0;
      for (int i = 0; i < n; i++) {
        if (mean[i] >= 0) {
          float d = (float) mean[i];
          sq += d * d;
        }
      }
      double variance = (sq - sum * sum / valid) / (valid - 1.0);
      return sum / valid + stdRatio * Math.sqrt(variance);
    }
    // Open3D: zero means count in n but add nothing to the sums
    double cloudMean = sum / valid;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      if (mean[i] > 0) {
        sq += (mean[i] - cloudMean) * (mean[i] - cloudMean);
      }
    }
    return cloudMean + stdRatio * Math.sqrt(sq / (valid - 1));
  }

  /**
   * Returns the inlier indices, ascending, from the means of {@link #meanDistances}.
   *
   * @param mean the means
   * @param n number of points
   * @return inlier indices
   */
  public int[] inliers(double[] mean, int n) {
    double t = threshold(mean, n);
    int[] keep = new int[n];
    int count = 0;
    boolean pcl = convention == Convention.PCL;
    for (int i = 0; i < n; i++) {
      double m = mean[i];
      // PCL removes when mean > threshold, Open3D keeps when 0 < mean < threshold (NaN: see above)
      boolean inlier = pcl ? m >= 0 && !(m > t) : m > 0 && m < t;
      if (inlier) {
        keep[count++] = i;
      }
    }
    return java.util.Arrays.copyOf(keep, count);
  }

  @Override
  public String toString() {
    return convention == Convention.PCL
        ? "StatisticalOutlierRemoval(pcl, mean_k=" + neighbors + ", stddev_mul=" + stdRatio + ")"
        : "StatisticalOutlierRemoval(open3d, nb_neighbors=" + neighbors + ", std_ratio="
            + stdRatio + ")";
  }
}

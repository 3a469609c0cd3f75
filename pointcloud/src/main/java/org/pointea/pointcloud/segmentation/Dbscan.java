package org.pointea.pointcloud.segmentation;

import java.util.Arrays;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.neighbors.RadiusRule;
import org.pointea.pointcloud.neighbors.RadiusSearch;

/**
 * DBSCAN density clustering (Ester et al., "A density-based algorithm for discovering clusters in
 * large spatial databases with noise", KDD 1996) with Open3D 0.16's {@code cluster_dbscan(eps,
 * min_points)} semantics, label for label:
 * <ul>
 *   <li>a point's neighbours are the points strictly within {@code eps}, itself included, in
 *       double arithmetic ({@link RadiusRule#OPEN3D}); it is a core point when it has at least
 *       {@code minPoints} of them;</li>
 *   <li>points are visited in index order; the first unlabelled core point starts cluster 0, the
 *       next one cluster 1, and so on; each cluster takes every point density-reachable from its
 *       seed that no earlier cluster took, so a border point reachable from two clusters belongs
 *       to the one with the lower label;</li>
 *   <li>points in no cluster are {@link Clustering#NOISE} (-1), as are points with a NaN or
 *       infinite coordinate.</li>
 * </ul>
 * Neighbour lists are precomputed in parallel (memory: one int per neighbour pair, as Open3D);
 * the expansion is sequential. The result does not depend on the thread count.
 *
 * <pre>{@code
 * Clustering c = new Dbscan(0.02, 10).cluster(xyz, n, 0);  // pcd.cluster_dbscan(0.02, 10)
 * }</pre>
 *
 * @param eps neighbourhood radius, positive and finite
 * @param minPoints neighbours (the point included) that make a core point, at least 0
 */
public record Dbscan(double eps, int minPoints) {

  /** Validates the parameters. */
  public Dbscan {
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be positive and finite, got " + eps);
    }
    if (minPoints < 0) {
      throw new IllegalArgumentException("minPoints must be >= 0, got " + minPoints);
    }
  }

  /**
   * Clusters a cloud's points.
   *
   * @param cloud the cloud
   * @return one label per point
   */
  public Clustering cluster(PointCloud cloud) {
    return cluster(cloud.positions(), cloud.size(), 0);
  }

  /**
   * Clusters {@code n} packed points.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param threads thread count for the neighbour search ({@link Parallel}: 0 = all processors)
   * @return one label per point
   */
  public Clustering cluster(float[] xyz, int n, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    return cluster(xyz, n, KdTree.build(xyz, n, KdTree.DEFAULT_LEAF_SIZE, threads), threads);
  }

  /**
   * Clusters {@code n} packed points with a prebuilt tree.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param tree a tree over the same points
   * @param threads thread count for the neighbour search
   * @return one label per point
   */
  public Clustering cluster(float[] xyz, int n, KdTree tree, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    if (tree.size() != n) {
      throw new IllegalArgumentException("tree covers " + tree.size() + " points, not " + n);
    }
    RadiusGraph g = RadiusGraph.build(xyz, n, new RadiusSearch(tree, xyz, RadiusRule.OPEN3D, eps),
        threads);
    int[] labels = new int[n];
    Arrays.fill(labels, UNVISITED);
    int[] queue = new int[Math.max(1, n)];
    int cluster = 0;
    for (int seed = 0; seed < n; seed++) {
      if (labels[seed] != UNVISITED) {
        continue;
      }
      if (g.degree(seed) == 0 || g.degree(seed) < minPoints) {
        labels[seed] = Clustering.NOISE;
        continue;
      }
      labels[seed] = cluster;
      int head = 0;
      int tail = 0;
      queue[tail++] = seed;
      while (head < tail) {
        int p = queue[head++];
        int[] row = g.block(p);
        for (int e = g.offset(p), end = e + g.degree(p); e < end; e++) {
          int q = row[e];
          int l = labels[q];
          if (l == Clustering.NOISE) {
            labels[q] = cluster; // a border point first seen as noise
          } else if (l == UNVISITED) {
            labels[q] = cluster;
            if (g.degree(q) >= minPoints) {
              queue[tail++] = q; // a core point: expand it
            }
          }
        }
      }
      cluster++;
    }
    return new Clustering(labels, cluster);
  }

  private static final int UNVISITED = -2;

  @Override
  public String toString() {
    return "Dbscan(eps=" + eps + ", min_points=" + minPoints + ")";
  }
}

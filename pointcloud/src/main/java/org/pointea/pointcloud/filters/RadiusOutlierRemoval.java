package org.pointea.pointcloud.filters;

import java.util.Arrays;
import java.util.Objects;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.neighbors.Neighbors;
import org.pointea.pointcloud.neighbors.RadiusRule;
import org.pointea.pointcloud.neighbors.RadiusSearch;

/**
 * Radius outlier removal: a point is an inlier when more than {@code minNeighbors} points lie
 * within {@code radius} of it, itself included — that is, when it has at least {@code
 * minNeighbors} other points within the radius. Returns the indices of the inliers, ascending.
 *
 * <p>Open3D's {@code remove_radius_outlier(nb_points, radius)} and PCL's {@code
 * RadiusOutlierRemoval} ({@code setMinNeighborsInRadius}, {@code setRadiusSearch}) count the same
 * way ({@code nb_points} and {@code min_pts} mean the same number) and differ only at the
 * boundary ({@link RadiusRule}): Open3D counts points strictly inside the radius in double
 * arithmetic ({@link RadiusRule#OPEN3D}); PCL, on the dense clouds its tool filters, checks
 * whether the {@code min_pts}-th nearest other point is at most the radius away, in float ({@link
 * RadiusRule#PCL_KNN}). On clouds lying on a grid the difference is visible. Points with a NaN or
 * infinite coordinate are removed and are nobody's neighbour.
 *
 * <pre>{@code
 * int[] kept = RadiusOutlierRemoval.open3d(16, 0.05).filter(xyz, n, 0);
 * }</pre>
 *
 * @param minNeighbors {@code nb_points} / {@code min_pts}: other points needed within the radius,
 *     at least 0 (Open3D requires at least 1)
 * @param radius the radius, positive and finite
 * @param convention whose boundary rule
 */
public record RadiusOutlierRemoval(int minNeighbors, double radius, Convention convention) {

  /** Validates the parameters. */
  public RadiusOutlierRemoval {
    Objects.requireNonNull(convention, "convention");
    if (minNeighbors < (convention == Convention.OPEN3D ? 1 : 0)) {
      throw new IllegalArgumentException("minNeighbors must be >= "
          + (convention == Convention.OPEN3D ? 1 : 0) + ", got " + minNeighbors);
    }
    if (!(radius > 0) || Double.isInfinite(radius)) {
      throw new IllegalArgumentException("radius must be positive and finite, got " + radius);
    }
  }

  /**
   * Returns Open3D's {@code remove_radius_outlier(nb_points, radius)}.
   *
   * @param nbPoints other points needed strictly within the radius, at least 1
   * @param radius the radius
   * @return the filter
   */
  public static RadiusOutlierRemoval open3d(int nbPoints, double radius) {
    return new RadiusOutlierRemoval(nbPoints, radius, Convention.OPEN3D);
  }

  /**
   * Returns PCL's {@code RadiusOutlierRemoval} with {@code setMinNeighborsInRadius(minPts)} and
   * {@code setRadiusSearch(radius)}.
   *
   * @param minPts other points needed within the radius (inclusive)
   * @param radius the radius
   * @return the filter
   */
  public static RadiusOutlierRemoval pcl(int minPts, double radius) {
    return new RadiusOutlierRemoval(minPts, radius, Convention.PCL);
  }

  /** Returns the boundary rule of the convention. */
  public RadiusRule rule() {
    return convention == Convention.OPEN3D ? RadiusRule.OPEN3D : RadiusRule.PCL_KNN;
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
    boolean[] inlier = new boolean[n];
    classify(xyz, n, KdTree.build(xyz, n, KdTree.DEFAULT_LEAF_SIZE, threads), inlier, threads);
    int[] keep = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (inlier[i]) {
        keep[count++] = i;
      }
    }
    return Arrays.copyOf(keep, count);
  }

  /**
   * Marks each point inlier or outlier. The search for a point stops as soon as it has found
   * enough neighbours, so a large radius costs little. Allocates only per-thread scratch.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param tree a tree over the same {@code n} points
   * @param outInlier destination {@code boolean[n]}
   * @param threads thread count ({@link Parallel})
   */
  public void classify(float[] xyz, int n, KdTree tree, boolean[] outInlier, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    if (tree.size() != n) {
      throw new IllegalArgumentException("tree covers " + tree.size() + " points, not " + n);
    }
    Points.checkCapacity(outInlier.length, n, "outInlier");
    RadiusSearch search = new RadiusSearch(tree, xyz, rule(), radius);
    int needed = minNeighbors + 1; // the point itself counts
    java.util.Arrays.fill(outInlier, 0, n, false); // points not in the tree are not finite
    int[] order = tree.treeOrder(); // queries in tree order share nodes and points in cache
    Parallel.forRange(order.length, threads, 512, (from, to) -> {
      int[] idx = new int[needed];
      float[] d2 = new float[needed];
      Neighbors fallback = new Neighbors();
      for (int j = from; j < to; j++) {
        int i = order[j];
        int o = 3 * i;
        outInlier[i] =
            search.count(xyz[o], xyz[o + 1], xyz[o + 2], needed, idx, d2, fallback) >= needed;
      }
    });
  }

  @Override
  public String toString() {
    return convention == Convention.PCL
        ? "RadiusOutlierRemoval(pcl, min_pts=" + minNeighbors + ", radius=" + radius + ")"
        : "RadiusOutlierRemoval(open3d, nb_points=" + minNeighbors + ", radius=" + radius + ")";
  }
}

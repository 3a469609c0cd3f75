package org.pointea.pointcloud.segmentation;

import java.util.Arrays;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.neighbors.RadiusRule;
import org.pointea.pointcloud.neighbors.RadiusSearch;

/**
 * Euclidean cluster extraction with PCL 1.13's {@code EuclideanClusterExtraction} semantics: the
 * clusters are the connected components of the graph joining points closer than {@code
 * tolerance} (PCL's FLANN radius search: float squared distances, strictly below the float square
 * of the float tolerance, {@link RadiusRule#PCL_RADIUS}); components with fewer than {@code
 * minSize} or more than {@code maxSize} points are dropped whole (not split), their points
 * labelled {@link Clustering#NOISE}.
 *
 * <p>Labels follow PCL's output order, largest cluster first (label 0); clusters of equal size,
 * which PCL leaves in unspecified order, are ordered by their lowest point index. Points with a
 * NaN or infinite coordinate are in no cluster. Same clusters as DBSCAN with {@code minPoints}
 * 1 but for the boundary rule and the size limits.
 *
 * <pre>{@code
 * Clustering objects = new EuclideanClusterExtraction(0.02, 100, 25000).cluster(xyz, n, 0);
 * }</pre>
 *
 * @param tolerance {@code setClusterTolerance}: the distance that joins two points, positive
 * @param minSize {@code setMinClusterSize}, at least 1
 * @param maxSize {@code setMaxClusterSize}, at least {@code minSize}
 */
public record EuclideanClusterExtraction(double tolerance, int minSize, int maxSize) {

  /** Validates the parameters. */
  public EuclideanClusterExtraction {
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
    }
    if (minSize < 1 || maxSize < minSize) {
      throw new IllegalArgumentException("cluster sizes must satisfy 1 <= min <= max, got min "
          + minSize + ", max " + maxSize);
    }
  }

  /**
   * Returns PCL's defaults for a tolerance: clusters of any size.
   *
   * @param tolerance the joining distance
   * @return the extraction
   */
  public static EuclideanClusterExtraction of(double tolerance) {
    return new EuclideanClusterExtraction(tolerance, 1, Integer.MAX_VALUE);
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
   * @return one label per point, largest cluster first
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
   * @return one label per point, largest cluster first
   */
  public Clustering cluster(float[] xyz, int n, KdTree tree, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    if (tree.size() != n) {
      throw new IllegalArgumentException("tree covers " + tree.size() + " points, not " + n);
    }
    // PCL passes the tolerance on as a float
    double radius = (float) tolerance;
    RadiusGraph g = RadiusGraph.build(xyz, n,
        new RadiusSearch(tree, xyz, RadiusRule.PCL_RADIUS, radius), threads);
    int[] component = new int[n];
    Arrays.fill(component, -1);
    int[] queue = new int[Math.max(1, n)];
    int[] componentSize = new int[Math.max(1, n)];
    int components = 0;
    for (int seed = 0; seed < n; seed++) {
      if (component[seed] >= 0 || g.degree(seed) == 0) {
        continue; // done, or not finite
      }
      int head = 0;
      int tail = 0;
      queue[tail++] = seed;
      component[seed] = components;
      while (head < tail) {
        int p = queue[head++];
        int[] row = g.block(p);
        for (int e = g.offset(p), end = e + g.degree(p); e < end; e++) {
          int q = row[e];
          if (component[q] < 0) {
            component[q] = components;
            queue[tail++] = q;
          }
        }
      }
      componentSize[components++] = tail;
    }
    // keep the components within the limits, largest first, ties by first point (seed order)
    long[] order = new long[components];
    int kept = 0;
    for (int c = 0; c < components; c++) {
      int s = componentSize[c];
      if (s >= minSize && s <= maxSize) {
        order[kept++] = ((long) (Integer.MAX_VALUE - s) << 32) | c;
      }
    }
    Arrays.sort(order, 0, kept);
    int[] labelOf = new int[Math.max(1, components)];
    Arrays.fill(labelOf, Clustering.NOISE);
    for (int r = 0; r < kept; r++) {
      labelOf[(int) order[r]] = r;
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = component[i] < 0 ? Clustering.NOISE : labelOf[component[i]];
    }
    return new Clustering(labels, kept);
  }

  @Override
  public String toString() {
    return "EuclideanClusterExtraction(tolerance=" + tolerance + ", min=" + minSize + ", max="
        + maxSize + ")";
  }
}

package org.pointea.pointcloud.neighbors;

import java.util.Objects;
import org.pointea.pointcloud.Points;

/**
 * Radius queries over a {@link KdTree} that follow a {@link RadiusRule} exactly: the tree finds
 * the candidates within a slightly larger radius (float arithmetic, inclusive), then each
 * candidate is tested with the rule's own arithmetic and boundary. The result is the set Open3D
 * or PCL would find, points at exactly the radius included or not as that library does.
 *
 * <p>A search is immutable and safe to use from many threads; the methods write into
 * caller-owned buffers and allocate nothing once those have grown.
 *
 * <pre>{@code
 * RadiusSearch within = new RadiusSearch(KdTree.build(xyz, n), xyz, RadiusRule.OPEN3D, 0.05);
 * Neighbors found = new Neighbors();
 * within.neighbors(x, y, z, found);   // what Open3D's search_radius_vector_3d returns, unordered
 * }</pre>
 */
public final class RadiusSearch {
  /** Relative widening of the candidate radius; far above float rounding of a squared distance. */
  private static final double WIDEN = 1e-5;

  private final KdTree tree;
  private final float[] xyz;
  private final RadiusRule rule;
  private final double radius;

  /**
   * Binds a tree, the points it was built over, a rule and a radius.
   *
   * @param tree a tree over the points
   * @param xyz the packed points the tree was built over (indices are shared)
   * @param rule how the radius applies
   * @param radius the radius, finite and {@code >= 0}
   */
  public RadiusSearch(KdTree tree, float[] xyz, RadiusRule rule, double radius) {
    this.tree = Objects.requireNonNull(tree, "tree");
    Points.checkPacked(xyz, tree.size(), "xyz");
    this.xyz = xyz;
    this.rule = Objects.requireNonNull(rule, "rule");
    if (!(radius >= 0) || Double.isInfinite(radius)) {
      throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
    }
    this.radius = radius;
  }

  /** Returns the tree searched. */
  public KdTree tree() {
    return tree;
  }

  /** Returns the rule applied. */
  public RadiusRule rule() {
    return rule;
  }

  /** Returns the radius. */
  public double radius() {
    return radius;
  }

  /**
   * Finds every point inside the radius of a query, in unspecified order, into {@code out}
   * (cleared first; distances are the tree's float squared distances).
   *
   * @param qx query x
   * @param qy query y
   * @param qz query z
   * @param out destination
   * @return the number found
   */
  public int neighbors(double qx, double qy, double qz, Neighbors out) {
    tree.radiusUnsorted((float) qx, (float) qy, (float) qz, candidateRadius(qx, qy, qz), out);
    out.retain(j -> rule.accepts(xyz, j, qx, qy, qz, radius));
    return out.size();
  }

  /**
   * Counts the points inside the radius of a query, stopping at {@code limit}: the result is
   * {@code min(limit, count)}.
   *
   * @param qx query x
   * @param qy query y
   * @param qz query z
   * @param limit the most worth counting, at least 1
   * @param idx scratch of at least {@code limit} ints
   * @param d2 scratch of at least {@code limit} floats
   * @param fallback scratch list for the rare query where the bounded search cannot decide
   * @return the count, at most {@code limit}
   */
  public int count(
      double qx, double qy, double qz, int limit, int[] idx, float[] d2, Neighbors fallback) {
    float qxf = (float) qx;
    float qyf = (float) qy;
    float qzf = (float) qz;
    int found = tree.knnUnsorted(qxf, qyf, qzf, candidateRadius(qx, qy, qz), limit, idx, d2, 0);
    int inside = 0;
    for (int i = 0; i < found; i++) {
      if (rule.accepts(xyz, idx[i], qx, qy, qz, radius)) {
        inside++;
      }
    }
    if (found < limit || inside == limit) {
      return inside;
    }
    // the bounded search was full but some candidates lie just outside: more may be inside
    return Math.min(limit, neighbors(qx, qy, qz, fallback));
  }

  /**
   * Finds the nearest point inside the radius of a query, as Open3D's hybrid search with one
   * neighbour does.
   *
   * @param qx query x
   * @param qy query y
   * @param qz query z
   * @param idx scratch of at least 1 int
   * @param d2 scratch of at least 1 float
   * @return the point's index, or -1 when none is inside
   */
  public int nearest(double qx, double qy, double qz, int[] idx, float[] d2) {
    int found = tree.knnUnsorted(
        (float) qx, (float) qy, (float) qz, candidateRadius(qx, qy, qz), 1, idx, d2, 0);
    if (found == 1 && rule.accepts(xyz, idx[0], qx, qy, qz, radius)) {
      return idx[0];
    }
    return -1;
  }

  /**
   * Finds the nearest point inside the radius of each of {@code m} packed double queries (Open3D's
   * hybrid search with one neighbour, for every point of a cloud), in parallel and in spatial
   * order. {@code idx} carries hints in and answers out: on entry, a previous answer per query
   * (or -1) bounds that query's search, which makes the repeated searches of ICP cheap; the
   * answers do not depend on the hints. Allocates only the visiting order.
   *
   * @param queries packed query positions, in double
   * @param m number of queries
   * @param scratchQueries scratch of at least {@code 3m} floats
   * @param idx {@code int[m]}: hints (point indices or -1) in, answers (-1: none inside) out
   * @param threads thread count ({@link org.pointea.pointcloud.Parallel})
   */
  public void nearest(double[] queries, int m, float[] scratchQueries, int[] idx, int threads) {
    Points.checkCapacity(queries.length, 3L * m, "queries");
    Points.checkCapacity(scratchQueries.length, 3L * m, "scratchQueries");
    Points.checkCapacity(idx.length, m, "idx");
    double scale = 0;
    for (int i = 0; i < 3 * m; i++) {
      double q = queries[i];
      scratchQueries[i] = (float) q;
      if (Math.abs(q) > scale) {
        scale = Math.abs(q); // NaN leaves it
      }
    }
    float r = candidateRadius(scale, 0, 0);
    float r2 = r * r;
    int[] order = tree.queryOrder(scratchQueries, m);
    org.pointea.pointcloud.Parallel.forRange(m, threads, 1024, (from, to) -> {
      for (int k = from; k < to; k++) {
        int i = order[k];
        int j = tree.nearest(scratchQueries[3 * i], scratchQueries[3 * i + 1],
            scratchQueries[3 * i + 2], r2, idx[i]);
        idx[i] = j >= 0 && rule.accepts(xyz, j, queries[3 * i], queries[3 * i + 1],
            queries[3 * i + 2], radius) ? j : -1;
      }
    });
  }

  /**
   * Returns the float radius of the candidate search: wide enough that every point inside under
   * the rule is within it in float arithmetic, including the rounding of a double query to float.
   */
  private float candidateRadius(double qx, double qy, double qz) {
    double scale = Math.max(Math.abs(qx), Math.max(Math.abs(qy), Math.abs(qz)));
    double slack = 4 * Math.ulp((float) Math.min(scale, Float.MAX_VALUE));
    float r = (float) (radius * (1 + WIDEN) + slack);
    return Float.isFinite(r) ? Math.nextUp(r) : Float.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "RadiusSearch[" + rule + ", radius " + radius + "]";
  }
}

package org.pointea.pointcloud.normals;

/**
 * Which neighbours define a point's local surface: its {@code k} nearest points, or its at most
 * {@code maxNeighbors} nearest within {@code radius} (Open3D's {@code KDTreeSearchParamKNN} and
 * {@code KDTreeSearchParamHybrid}). The point itself is always part of its neighbourhood.
 *
 * @param k neighbours for kNN, or the maximum count for hybrid; at least 3
 * @param radius search radius for hybrid; {@code +Inf} for kNN
 */
public record Neighborhood(int k, float radius) {

  /** Validates the parameters. */
  public Neighborhood {
    if (k < 3) {
      throw new IllegalArgumentException("a plane needs at least 3 neighbours, got k = " + k);
    }
    if (!(radius > 0)) {
      throw new IllegalArgumentException("radius must be > 0, got " + radius);
    }
  }

  /**
   * Returns the {@code k}-nearest neighbourhood.
   *
   * @param k neighbours, at least 3
   * @return the neighbourhood
   */
  public static Neighborhood knn(int k) {
    return new Neighborhood(k, Float.POSITIVE_INFINITY);
  }

  /**
   * Returns the hybrid neighbourhood: the at most {@code maxNeighbors} nearest within
   * {@code radius}.
   *
   * @param radius search radius, finite and {@code > 0}
   * @param maxNeighbors maximum count, at least 3
   * @return the neighbourhood
   */
  public static Neighborhood hybrid(float radius, int maxNeighbors) {
    if (Float.isInfinite(radius)) {
      throw new IllegalArgumentException("hybrid radius must be finite");
    }
    return new Neighborhood(maxNeighbors, radius);
  }

  /** Returns true for a radius-bounded (hybrid) neighbourhood. */
  public boolean isHybrid() {
    return !Float.isInfinite(radius);
  }

  @Override
  public String toString() {
    return isHybrid() ? "Hybrid(radius=" + radius + ", max=" + k + ")" : "Knn(k=" + k + ")";
  }
}

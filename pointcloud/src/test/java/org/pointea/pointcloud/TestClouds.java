package org.pointea.pointcloud;

import java.util.SplittableRandom;

/** Generators of packed test clouds shared by the property tests. */
public final class TestClouds {
  private TestClouds() {}

  /**
   * Returns {@code n} packed points. With {@code grid > 0} every coordinate is a multiple of
   * {@code 1/grid} in [0, 1], so duplicate points and equal distances (ties) are frequent; with
   * {@code grid == 0} coordinates are uniform floats in [-1, 1).
   *
   * @param seed random seed
   * @param n number of points
   * @param grid lattice resolution, or 0
   * @return packed positions
   */
  public static float[] random(long seed, int n, int grid) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = grid > 0 ? r.nextInt(grid + 1) / (float) grid : (float) (r.nextDouble() * 2 - 1);
    }
    return xyz;
  }

  /**
   * Returns {@code m} packed queries: about half copied from the points (so a query may coincide
   * with a point), the rest drawn like the points.
   *
   * @param seed random seed
   * @param points packed points
   * @param n number of points
   * @param m number of queries
   * @param grid lattice resolution, or 0
   * @return packed queries
   */
  public static float[] queries(long seed, float[] points, int n, int m, int grid) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    float[] fresh = random(seed + 1, m, grid);
    float[] q = new float[3 * m];
    for (int i = 0; i < m; i++) {
      if (n > 0 && r.nextBoolean()) {
        System.arraycopy(points, 3 * r.nextInt(n), q, 3 * i, 3);
      } else {
        System.arraycopy(fresh, 3 * i, q, 3 * i, 3);
      }
    }
    return q;
  }
}

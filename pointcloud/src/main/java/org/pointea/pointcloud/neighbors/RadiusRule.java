package org.pointea.pointcloud.neighbors;

/**
 * How a radius bound is applied: the arithmetic of the squared distance and whether a point at
 * exactly the radius is inside. Open3D and PCL differ here, and on clouds that lie on a grid
 * (organized depth images, quantized scans) points at exactly the radius are common, so
 * reproducing either library's index sets needs its rule.
 *
 * <table>
 *   <caption>The rules</caption>
 *   <tr><th>rule</th><th>squared distance</th><th>inside when</th><th>used by</th></tr>
 *   <tr><td>{@link #OPEN3D}</td><td>double, from the float coordinates</td>
 *       <td>{@code d² < r²}</td><td>Open3D's {@code KDTreeFlann} (nanoflann over doubles): radius
 *       and hybrid search, so every Open3D algorithm that takes a radius</td></tr>
 *   <tr><td>{@link #PCL_RADIUS}</td><td>float</td><td>{@code d² < (float) r²}</td>
 *       <td>PCL's {@code KdTreeFLANN::radiusSearch} (FLANN), e.g. {@code
 *       EuclideanClusterExtraction}</td></tr>
 *   <tr><td>{@link #PCL_KNN}</td><td>float</td><td>{@code d² <= r²} (compared in double)</td>
 *       <td>PCL's {@code RadiusOutlierRemoval} on dense clouds, which checks the distance of the
 *       k-th nearest neighbour instead of searching the radius</td></tr>
 *   <tr><td>{@link #INCLUSIVE}</td><td>float</td><td>{@code d² <= (float) r * r}</td>
 *       <td>this module's {@link KdTree} radius search, and SciPy's {@code query_ball_point}</td></tr>
 * </table>
 * Float squared distances are computed as {@code dx*dx + dy*dy + dz*dz} in float, as FLANN and
 * {@link KdTree} do; double ones the same way in double, as nanoflann does.
 */
public enum RadiusRule {
  /** Open3D: squared distance in double, strictly inside. */
  OPEN3D,
  /** PCL's FLANN radius search: squared distance in float, strictly below the float r². */
  PCL_RADIUS,
  /** PCL's k-NN radius check: squared distance in float, at most r² (in double). */
  PCL_KNN,
  /** This module's {@link KdTree}: squared distance in float, at most the float r². */
  INCLUSIVE;

  /**
   * Returns true when point {@code j} of {@code xyz} is within {@code radius} of the query under
   * this rule.
   *
   * @param xyz packed positions
   * @param j point index
   * @param qx query x (the float coordinate, widened, for the float rules)
   * @param qy query y
   * @param qz query z
   * @param radius the radius
   * @return whether the point is inside
   */
  public boolean accepts(float[] xyz, int j, double qx, double qy, double qz, double radius) {
    int o = 3 * j;
    if (this == OPEN3D) {
      double dx = qx - xyz[o];
      double dy = qy - xyz[o + 1];
      double dz = qz - xyz[o + 2];
      return dx * dx + dy * dy + dz * dz < radius * radius;
    }
    float dx = xyz[o] - (float) qx;
    float dy = xyz[o + 1] - (float) qy;
    float dz = xyz[o + 2] - (float) qz;
    float d2 = dx * dx + dy * dy + dz * dz;
    return switch (this) {
      case PCL_RADIUS -> d2 < (float) (radius * radius);
      case PCL_KNN -> d2 <= radius * radius;
      default -> d2 <= (float) radius * (float) radius;
    };
  }
}

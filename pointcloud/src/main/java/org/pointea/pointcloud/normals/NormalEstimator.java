package org.pointea.pointcloud.normals;

import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.Viewpoint;
import org.pointea.pointcloud.neighbors.KdTree;

/**
 * Surface normals by principal component analysis of each point's neighbourhood (Hoppe et al.,
 * "Surface reconstruction from unorganized points", SIGGRAPH 1992): the normal is the eigenvector
 * of the neighbourhood's covariance with the smallest eigenvalue, as PCL's
 * {@code NormalEstimation} and Open3D's {@code estimate_normals} compute it. The surface
 * variation {@code λ0 / (λ0 + λ1 + λ2)} (PCL's "curvature") is available too.
 *
 * <p>Semantics:
 * <ul>
 *   <li>Covariances are accumulated in double and decomposed by an exact symmetric 3x3 solver.</li>
 *   <li><b>Orientation</b>: with a viewpoint, each normal is flipped to face it
 *       ({@code dot(viewpoint - p, n) >= 0}, PCL's {@code flipNormalTowardsViewpoint}); without
 *       one, the sign is canonical — the first non-zero component is positive — so results are
 *       deterministic but not consistently oriented.</li>
 *   <li>A point with fewer than 3 neighbours (hybrid radius too small) or a non-finite position
 *       gets a NaN normal and NaN curvature. A degenerate neighbourhood (all points identical or on
 *       a line) gets a deterministic unit normal perpendicular to what spread there is.</li>
 * </ul>
 *
 * <pre>{@code
 * float[] normals = NormalEstimator.estimate(xyz, n, Neighborhood.knn(30), null, 0);
 * PointCloud withNormals = NormalEstimator.estimate(cloud, Neighborhood.hybrid(0.05f, 30));
 * }</pre>
 */
public final class NormalEstimator {
  private NormalEstimator() {}

  /**
   * Returns the cloud with a normals channel estimated from its positions, oriented toward the
   * cloud's {@link PointCloud#viewpoint() viewpoint} origin (the coordinate origin when none was
   * set), on all processors.
   *
   * @param cloud the cloud
   * @param neighborhood the neighbourhood
   * @return the cloud with normals (replacing any it had)
   */
  public static PointCloud estimate(PointCloud cloud, Neighborhood neighborhood) {
    Viewpoint vp = cloud.viewpoint();
    float[] toward = {(float) vp.tx(), (float) vp.ty(), (float) vp.tz()};
    float[] normals = estimate(cloud.positions(), cloud.size(), neighborhood, toward, 0);
    return cloud.toBuilder().normals(normals).build();
  }

  /**
   * Estimates the normal of each of {@code n} packed points.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param neighborhood the neighbourhood
   * @param viewpoint {@code {x, y, z}} to orient toward, or null for canonical signs
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   * @return packed normals {@code float[3n]}
   */
  public static float[] estimate(
      float[] xyz, int n, Neighborhood neighborhood, float[] viewpoint, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    float[] normals = new float[3 * n];
    estimate(xyz, n, KdTree.build(xyz, n), neighborhood, viewpoint, normals, null, threads);
    return normals;
  }

  /**
   * Estimates normals (and optionally curvature) into caller-owned buffers using a prebuilt tree.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param tree a tree over the same {@code n} points
   * @param neighborhood the neighbourhood
   * @param viewpoint {@code {x, y, z}} to orient toward, or null for canonical signs
   * @param outNormals destination {@code float[3n]}
   * @param outCurvature destination {@code float[n]} of surface variation, or null
   * @param threads thread count ({@link Parallel})
   */
  public static void estimate(
      float[] xyz, int n, KdTree tree, Neighborhood neighborhood, float[] viewpoint,
      float[] outNormals, float[] outCurvature, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    if (tree.size() != n) {
      throw new IllegalArgumentException("tree covers " + tree.size() + " points, not " + n);
    }
    Points.checkCapacity(outNormals.length, 3L * n, "outNormals");
    if (outCurvature != null) {
      Points.checkCapacity(outCurvature.length, n, "outCurvature");
    }
    if (viewpoint != null && viewpoint.length != 3) {
      throw new IllegalArgumentException("viewpoint must be {x, y, z}");
    }
    int k = neighborhood.k();
    float radius = neighborhood.radius();
    // points with no finite position are not in the tree: they get NaN
    for (int i = 0; i < n; i++) {
      if (!Points.isFinite(xyz, i)) {
        set(outNormals, outCurvature, i, Float.NaN, Float.NaN, Float.NaN, Float.NaN);
      }
    }
    // visit the points in tree order: consecutive queries then share nodes and points in cache
    int[] order = tree.treeOrder();
    Parallel.forRange(
        order.length,
        threads,
        256,
        (from, to) -> {
          int[] idx = new int[k];
          float[] d2 = new float[k];
          double[] a = new double[9];
          double[] w = new double[3];
          double[] v = new double[9];
          for (int j = from; j < to; j++) {
            int i = order[j];
            float x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
            int found = tree.knnUnsorted(x, y, z, radius, k, idx, d2, 0);
            if (found < 3) {
              set(outNormals, outCurvature, i, Float.NaN, Float.NaN, Float.NaN, Float.NaN);
              continue;
            }
            covariance(xyz, idx, found, a);
            SymmetricEigen3.decompose(a, w, v);
            double nx = v[0], ny = v[3], nz = v[6];
            boolean flip;
            if (viewpoint != null) {
              flip = (viewpoint[0] - x) * nx + (viewpoint[1] - y) * ny + (viewpoint[2] - z) * nz < 0;
            } else {
              flip = nx < 0 || (nx == 0 && (ny < 0 || (ny == 0 && nz < 0)));
            }
            double sign = flip ? -1 : 1;
            double sum = w[0] + w[1] + w[2];
            float curvature = sum > 0 ? (float) (Math.max(0, w[0]) / sum) : 0f;
            set(outNormals, outCurvature, i, (float) (sign * nx), (float) (sign * ny),
                (float) (sign * nz), curvature);
          }
        });
  }

  /**
   * Flips each normal to face a viewpoint ({@code dot(viewpoint - p, n) >= 0}); NaN normals are
   * left alone.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param normals packed normals, modified in place
   * @param vx viewpoint x
   * @param vy viewpoint y
   * @param vz viewpoint z
   */
  public static void orientTowards(
      float[] xyz, int n, float[] normals, float vx, float vy, float vz) {
    Points.checkPacked(xyz, n, "xyz");
    Points.checkPacked(normals, n, "normals");
    for (int i = 0; i < n; i++) {
      int o = 3 * i;
      float dot =
          (vx - xyz[o]) * normals[o] + (vy - xyz[o + 1]) * normals[o + 1] + (vz - xyz[o + 2]) * normals[o + 2];
      if (dot < 0) {
        normals[o] = -normals[o];
        normals[o + 1] = -normals[o + 1];
        normals[o + 2] = -normals[o + 2];
      }
    }
  }

  private static void covariance(float[] xyz, int[] idx, int count, double[] a) {
    double mx = 0, my = 0, mz = 0;
    for (int j = 0; j < count; j++) {
      int p = 3 * idx[j];
      mx += xyz[p];
      my += xyz[p + 1];
      mz += xyz[p + 2];
    }
    mx /= count;
    my /= count;
    mz /= count;
    double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
    for (int j = 0; j < count; j++) {
      int p = 3 * idx[j];
      double dx = xyz[p] - mx, dy = xyz[p + 1] - my, dz = xyz[p + 2] - mz;
      xx += dx * dx;
      xy += dx * dy;
      xz += dx * dz;
      yy += dy * dy;
      yz += dy * dz;
      zz += dz * dz;
    }
    a[0] = xx / count;
    a[1] = xy / count;
    a[2] = xz / count;
    a[3] = a[1];
    a[4] = yy / count;
    a[5] = yz / count;
    a[6] = a[2];
    a[7] = a[5];
    a[8] = zz / count;
  }

  private static void set(float[] normals, float[] curvature, int i, float x, float y, float z, float c) {
    normals[3 * i] = x;
    normals[3 * i + 1] = y;
    normals[3 * i + 2] = z;
    if (curvature != null) {
      curvature[i] = c;
    }
  }
}

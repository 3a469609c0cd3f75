package org.pointea.pointcloud.sampling;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Uniform sampling of a triangle mesh's surface: each sample picks a triangle with probability
 * proportional to its area, then a uniform point inside it (Osada et al., "Shape distributions",
 * 2002, eq. 1), as Open3D's {@code sample_points_uniformly} and PCL's {@code mesh_sampling}.
 *
 * <p>Normals, when asked for, are the barycentric interpolation of the vertex normals (normalised)
 * when the mesh has them, and the triangle's own unit normal (right-hand rule on its corner order)
 * otherwise. Zero-area triangles are never sampled. A mesh with no positive area (no triangles, or
 * all degenerate) cannot be sampled and is rejected with {@link IllegalArgumentException}, as is a
 * mesh with a NaN or infinite vertex used by a triangle.
 *
 * <pre>{@code
 * PointCloud surface = MeshSampler.sample(mesh, 10_000, true, RandomStreams.of(1));
 * }</pre>
 */
public final class MeshSampler {
  private MeshSampler() {}

  /**
   * Samples {@code m} points on the surface.
   *
   * @param mesh the mesh
   * @param m number of points
   * @param withNormals whether to add a normals channel
   * @param rng generator
   * @return the sampled cloud
   */
  public static PointCloud sample(
      TriangleMesh mesh, int m, boolean withNormals, UniformRandomProvider rng) {
    Points.checkNonNegative(m, "m");
    float[] xyz = new float[Math.multiplyExact(3, m)];
    float[] normals = withNormals ? new float[3 * m] : null;
    sample(mesh, m, rng, xyz, normals, null);
    PointCloud.Builder b = PointCloud.builder(xyz);
    if (normals != null) {
      b.normals(normals);
    }
    return b.build();
  }

  /**
   * Samples {@code m} points into caller-owned buffers.
   *
   * @param mesh the mesh
   * @param m number of points
   * @param rng generator
   * @param outXyz destination {@code float[3m]}
   * @param outNormals destination {@code float[3m]}, or null
   * @param outTriangle destination {@code int[m]}: the triangle each sample lies on, or null
   */
  public static void sample(
      TriangleMesh mesh, int m, UniformRandomProvider rng, float[] outXyz, float[] outNormals,
      int[] outTriangle) {
    Points.checkNonNegative(m, "m");
    Points.checkCapacity(outXyz.length, 3L * m, "outXyz");
    if (outNormals != null) {
      Points.checkCapacity(outNormals.length, 3L * m, "outNormals");
    }
    if (outTriangle != null) {
      Points.checkCapacity(outTriangle.length, m, "outTriangle");
    }
    if (m == 0) {
      return;
    }
    float[] v = mesh.vertices();
    int[] t = mesh.triangles();
    float[] vn = mesh.hasVertexNormals() ? mesh.vertexNormals() : null;
    int f = t.length / 3;
    double[] cumulative = new double[f];
    double total = 0;
    for (int i = 0; i < f; i++) {
      double area = area(v, t[3 * i], t[3 * i + 1], t[3 * i + 2]);
      if (!Double.isFinite(area)) {
        throw new IllegalArgumentException("triangle " + i + " has a non-finite vertex");
      }
      total += area;
      cumulative[i] = total;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException(
          "cannot sample a mesh without surface area (" + f + " triangles, total area " + total + ")");
    }
    int lastPositive = f - 1;
    while (lastPositive > 0 && cumulative[lastPositive - 1] == total) {
      lastPositive--;
    }
    for (int s = 0; s < m; s++) {
      double u = rng.nextDouble() * total;
      int tri = firstAbove(cumulative, u, lastPositive);
      double r1 = Math.sqrt(rng.nextDouble());
      double r2 = rng.nextDouble();
      double a = 1 - r1, b = r1 * (1 - r2), c = r1 * r2;
      int ia = 3 * t[3 * tri], ib = 3 * t[3 * tri + 1], ic = 3 * t[3 * tri + 2];
      for (int k = 0; k < 3; k++) {
        outXyz[3 * s + k] = (float) (a * v[ia + k] + b * v[ib + k] + c * v[ic + k]);
      }
      if (outNormals != null) {
        double nx, ny, nz;
        if (vn != null) {
          nx = a * vn[ia] + b * vn[ib] + c * vn[ic];
          ny = a * vn[ia + 1] + b * vn[ib + 1] + c * vn[ic + 1];
          nz = a * vn[ia + 2] + b * vn[ib + 2] + c * vn[ic + 2];
        } else {
          double ux = v[ib] - v[ia], uy = v[ib + 1] - v[ia + 1], uz = v[ib + 2] - v[ia + 2];
          double wx = v[ic] - v[ia], wy = v[ic + 1] - v[ia + 1], wz = v[ic + 2] - v[ia + 2];
          nx = uy * wz - uz * wy;
          ny = uz * wx - ux * wz;
          nz = ux * wy - uy * wx;
        }
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double scale = len > 0 ? 1 / len : 0;
        outNormals[3 * s] = (float) (nx * scale);
        outNormals[3 * s + 1] = (float) (ny * scale);
        outNormals[3 * s + 2] = (float) (nz * scale);
      }
      if (outTriangle != null) {
        outTriangle[s] = tri;
      }
    }
  }

  /**
   * Returns the first triangle whose cumulative area exceeds {@code u} (it has positive area);
   * {@code lastPositive} when rounding put {@code u} at the total.
   */
  private static int firstAbove(double[] cumulative, double u, int lastPositive) {
    int lo = 0;
    int hi = cumulative.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo < cumulative.length ? lo : lastPositive;
  }

  /** Returns the area of triangle (a, b, c), vertex indices into packed {@code v}. */
  static double area(float[] v, int a, int b, int c) {
    double ux = v[3 * b] - v[3 * a], uy = v[3 * b + 1] - v[3 * a + 1], uz = v[3 * b + 2] - v[3 * a + 2];
    double wx = v[3 * c] - v[3 * a], wy = v[3 * c + 1] - v[3 * a + 1], wz = v[3 * c + 2] - v[3 * a + 2];
    double cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
    return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
  }
}

package org.pointea.io.dataset.synthetic;

import org.pointea.pointcloud.TriangleMesh;

/** Mesh checks for the generator tests. */
final class Meshes {
  private Meshes() {}

  /**
   * Returns the signed volume of a mesh moved by {@code (dx, dy, dz)} (divergence theorem). For a
   * closed, consistently oriented mesh it does not depend on the shift, and it is positive when
   * the triangles face outward.
   */
  static double signedVolume(TriangleMesh m, double dx, double dy, double dz) {
    float[] v = m.vertices();
    int[] t = m.triangles();
    double sum = 0;
    for (int i = 0; i < t.length; i += 3) {
      int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
      double ax = v[a] + dx, ay = v[a + 1] + dy, az = v[a + 2] + dz;
      double bx = v[b] + dx, by = v[b + 1] + dy, bz = v[b + 2] + dz;
      double cx = v[c] + dx, cy = v[c + 1] + dy, cz = v[c + 2] + dz;
      sum += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    }
    return sum / 6;
  }
}

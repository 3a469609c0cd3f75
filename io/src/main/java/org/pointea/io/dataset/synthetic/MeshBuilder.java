package org.pointea.io.dataset.synthetic;

import java.util.Arrays;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Accumulates a triangle mesh from primitive pieces (boxes, frusta, disks, spherical bands,
 * tori), each built in local coordinates with outward-facing triangles (right-hand rule), then
 * placed by {@link #transform}. A rotation with a positive scale keeps the orientation, so the
 * face normals a surface sampler derives stay outward.
 *
 * <p>Not thread-safe; one builder per shape.
 */
final class MeshBuilder {
  private float[] v = new float[3 * 256];
  private int[] t = new int[3 * 512];
  private int nv;
  private int nt;

  /** Returns the number of vertices so far. */
  int vertexCount() {
    return nv;
  }

  /** Returns the number of triangles so far. */
  int triangleCount() {
    return nt;
  }

  int vertex(double x, double y, double z) {
    if (3 * nv + 3 > v.length) {
      v = Arrays.copyOf(v, v.length * 2);
    }
    v[3 * nv] = (float) x;
    v[3 * nv + 1] = (float) y;
    v[3 * nv + 2] = (float) z;
    return nv++;
  }

  void triangle(int a, int b, int c) {
    if (3 * nt + 3 > t.length) {
      t = Arrays.copyOf(t, t.length * 2);
    }
    t[3 * nt] = a;
    t[3 * nt + 1] = b;
    t[3 * nt + 2] = c;
    nt++;
  }

  void quad(int a, int b, int c, int d) {
    triangle(a, b, c);
    triangle(a, c, d);
  }

  /** Gives the outward direction at a point of a piece. */
  @FunctionalInterface
  interface Outward {
    /** Writes the outward direction at {@code (x, y, z)} into {@code out}. */
    void at(double x, double y, double z, double[] out);
  }

  /**
   * Flips every triangle from {@code fromTriangle} on whose normal points against
   * {@code outward} at its centroid (degenerate triangles are left alone).
   */
  void orient(int fromTriangle, Outward outward) {
    double[] d = new double[3];
    for (int i = fromTriangle; i < nt; i++) {
      int a = 3 * t[3 * i];
      int b = 3 * t[3 * i + 1];
      int c = 3 * t[3 * i + 2];
      double ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
      double wx = v[c] - v[a], wy = v[c + 1] - v[a + 1], wz = v[c + 2] - v[a + 2];
      double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
      outward.at((v[a] + v[b] + v[c]) / 3, (v[a + 1] + v[b + 1] + v[c + 1]) / 3,
          (v[a + 2] + v[b + 2] + v[c + 2]) / 3, d);
      if (nx * d[0] + ny * d[1] + nz * d[2] < 0) {
        int tmp = t[3 * i + 1];
        t[3 * i + 1] = t[3 * i + 2];
        t[3 * i + 2] = tmp;
      }
    }
  }

  /**
   * Moves the vertices from {@code fromVertex} on: {@code p' = R * (s .* p) + offset}.
   *
   * @param fromVertex first vertex moved
   * @param scale per-axis scale (all positive)
   * @param rotation row-major 3x3 rotation
   * @param offset translation
   */
  void transform(int fromVertex, double[] scale, double[] rotation, double[] offset) {
    for (int i = fromVertex; i < nv; i++) {
      double x = v[3 * i] * scale[0], y = v[3 * i + 1] * scale[1], z = v[3 * i + 2] * scale[2];
      v[3 * i] = (float) (rotation[0] * x + rotation[1] * y + rotation[2] * z + offset[0]);
      v[3 * i + 1] = (float) (rotation[3] * x + rotation[4] * y + rotation[5] * z + offset[1]);
      v[3 * i + 2] = (float) (rotation[6] * x + rotation[7] * y + rotation[8] * z + offset[2]);
    }
  }

  /** Translates the vertices from {@code fromVertex} on. */
  void translate(int fromVertex, double x, double y, double z) {
    transform(fromVertex, ONE, IDENTITY, new double[] {x, y, z});
  }

  static final double[] ONE = {1, 1, 1};
  static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  /**
   * Returns the rotation by {@code angle} radians about a unit axis (Rodrigues), row-major.
   */
  static double[] rotation(double ax, double ay, double az, double angle) {
    double c = Math.cos(angle), s = Math.sin(angle), k = 1 - c;
    return new double[] {
      c + ax * ax * k, ax * ay * k - az * s, ax * az * k + ay * s,
      ay * ax * k + az * s, c + ay * ay * k, ay * az * k - ax * s,
      az * ax * k - ay * s, az * ay * k + ax * s, c + az * az * k
    };
  }

  /** Returns {@code a * b} for row-major 3x3 matrices. */
  static double[] multiply(double[] a, double[] b) {
    double[] m = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        m[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
      }
    }
    return m;
  }

  // ---------------------------------------------------------------- pieces (local coordinates)

  /**
   * Adds an axis-aligned box; faces whose bit is set in {@code skip} are left out (bits 0..5:
   * -x, +x, -y, +y, -z, +z), for boxes glued to others.
   */
  void box(double x0, double y0, double z0, double x1, double y1, double z1, int skip) {
    int t0 = nt;
    int base = nv;
    for (int i = 0; i < 8; i++) {
      vertex((i & 1) == 0 ? x0 : x1, (i & 2) == 0 ? y0 : y1, (i & 4) == 0 ? z0 : z1);
    }
    int[][] faces = {
      {0, 2, 6, 4}, {1, 5, 7, 3}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 6, 7, 5}
    };
    for (int f = 0; f < 6; f++) {
      if ((skip & (1 << f)) == 0) {
        quad(base + faces[f][0], base + faces[f][1], base + faces[f][2], base + faces[f][3]);
      }
    }
    double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, cz = (z0 + z1) / 2;
    orient(t0, (x, y, z, o) -> {
      o[0] = x - cx;
      o[1] = y - cy;
      o[2] = z - cz;
    });
  }

  /**
   * Adds the side of a frustum about the y axis: radius {@code r0} at {@code y0}, {@code r1} at
   * {@code y1} (0 for a cone's apex), facing away from the axis or towards it.
   */
  void frustum(double r0, double y0, double r1, double y1, int segments, boolean outward) {
    int t0 = nt;
    int base = nv;
    for (int i = 0; i <= segments; i++) {
      double a = 2 * Math.PI * i / segments;
      vertex(r0 * Math.cos(a), y0, r0 * Math.sin(a));
      vertex(r1 * Math.cos(a), y1, r1 * Math.sin(a));
    }
    for (int i = 0; i < segments; i++) {
      int a = base + 2 * i;
      if (r1 == 0) {
        triangle(a, a + 1, a + 2);
      } else if (r0 == 0) {
        triangle(a + 1, a + 3, a);
      } else {
        quad(a, a + 1, a + 3, a + 2);
      }
    }
    double sign = outward ? 1 : -1;
    double slope = (r0 - r1) / (y1 - y0);
    orient(t0, (x, y, z, o) -> {
      double r = Math.hypot(x, z);
      o[0] = sign * x / Math.max(r, 1e-12);
      o[1] = sign * slope;
      o[2] = sign * z / Math.max(r, 1e-12);
    });
  }

  /** Adds a disk of radius {@code r} in the plane {@code y}, facing +y or -y. */
  void disk(double y, double r, int segments, boolean up) {
    annulus(y, 0, r, segments, up);
  }

  /** Adds a ring between radii {@code r0 < r1} in the plane {@code y}, facing +y or -y. */
  void annulus(double y, double r0, double r1, int segments, boolean up) {
    int t0 = nt;
    int base = nv;
    for (int i = 0; i <= segments; i++) {
      double a = 2 * Math.PI * i / segments;
      vertex(r0 * Math.cos(a), y, r0 * Math.sin(a));
      vertex(r1 * Math.cos(a), y, r1 * Math.sin(a));
    }
    for (int i = 0; i < segments; i++) {
      int a = base + 2 * i;
      if (r0 == 0) {
        triangle(a, a + 1, a + 3);
      } else {
        quad(a, a + 1, a + 3, a + 2);
      }
    }
    double s = up ? 1 : -1;
    orient(t0, (x, yy, z, o) -> {
      o[0] = 0;
      o[1] = s;
      o[2] = 0;
    });
  }

  /**
   * Adds a band of the unit sphere about the y axis between polar angles {@code v0 < v1}
   * (0 = north pole +y, pi = south pole), facing outward.
   */
  void sphereBand(double v0, double v1, int nu, int nvSteps) {
    int t0 = nt;
    int base = nv;
    for (int j = 0; j <= nvSteps; j++) {
      double pv = v0 + (v1 - v0) * j / nvSteps;
      double sy = Math.cos(pv), sr = Math.sin(pv);
      for (int i = 0; i <= nu; i++) {
        double a = 2 * Math.PI * i / nu;
        vertex(sr * Math.cos(a), sy, sr * Math.sin(a));
      }
    }
    int row = nu + 1;
    for (int j = 0; j < nvSteps; j++) {
      for (int i = 0; i < nu; i++) {
        int a = base + j * row + i;
        int b = a + row;
        if (j == 0 && v0 == 0) {
          triangle(a, b, b + 1);
        } else if (j == nvSteps - 1 && v1 >= Math.PI) {
          triangle(a, b, a + 1);
        } else {
          quad(a, b, b + 1, a + 1);
        }
      }
    }
    orient(t0, (x, y, z, o) -> {
      o[0] = x;
      o[1] = y;
      o[2] = z;
    });
  }

  /**
   * Adds (part of) a torus about the y axis: centre-line radius {@code major}, tube radius
   * {@code minor}, centre-line angles from {@code a0} to {@code a1}; open ends are left open.
   */
  void torus(double major, double minor, double a0, double a1, int nu, int nvSteps) {
    int t0 = nt;
    int base = nv;
    for (int i = 0; i <= nu; i++) {
      double a = a0 + (a1 - a0) * i / nu;
      double ca = Math.cos(a), sa = Math.sin(a);
      for (int j = 0; j <= nvSteps; j++) {
        double b = 2 * Math.PI * j / nvSteps;
        double r = major + minor * Math.cos(b);
        vertex(r * ca, minor * Math.sin(b), r * sa);
      }
    }
    int row = nvSteps + 1;
    for (int i = 0; i < nu; i++) {
      for (int j = 0; j < nvSteps; j++) {
        int a = base + i * row + j;
        quad(a, a + row, a + row + 1, a + 1);
      }
    }
    orient(t0, (x, y, z, o) -> {
      double r = Math.hypot(x, z);
      double k = major / Math.max(r, 1e-12);
      o[0] = x - x * k;
      o[1] = y;
      o[2] = z - z * k;
    });
  }

  /** Returns the mesh built so far (copies the arrays). */
  TriangleMesh build() {
    return new TriangleMesh(Arrays.copyOf(v, 3 * nv), Arrays.copyOf(t, 3 * nt));
  }
}

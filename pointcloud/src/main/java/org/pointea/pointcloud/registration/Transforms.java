package org.pointea.pointcloud.registration;

import java.util.Arrays;
import java.util.Locale;
import org.pointea.pointcloud.Points;

/**
 * Rigid transformations as 4x4 homogeneous matrices in row-major {@code double[16]} (the layout
 * of Open3D's {@code numpy} 4x4 arrays and of PCL's {@code Eigen::Matrix4f} printed row by row):
 * {@code p' = R p + t} with {@code R = m[0..2, 0..2]} and {@code t = m[0..2, 3]}.
 *
 * <pre>{@code
 * double[] t = Transforms.fromEulerXyz(0.1, 0, 0.2, 0.5, 0, 0);  // Open3D's Rz * Ry * Rx, then t
 * float[] moved = Transforms.apply(t, xyz, n);
 * }</pre>
 */
public final class Transforms {
  private Transforms() {}

  /** Returns the identity. */
  public static double[] identity() {
    double[] m = new double[16];
    m[0] = m[5] = m[10] = m[15] = 1;
    return m;
  }

  /**
   * Returns {@code a * b} (apply {@code b}, then {@code a}).
   *
   * @param a left matrix
   * @param b right matrix
   * @return the product
   */
  public static double[] multiply(double[] a, double[] b) {
    check(a);
    check(b);
    double[] c = new double[16];
    for (int r = 0; r < 4; r++) {
      for (int col = 0; col < 4; col++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[4 * r + k] * b[4 * k + col];
        }
        c[4 * r + col] = s;
      }
    }
    return c;
  }

  /**
   * Returns the inverse of a rigid transformation ({@code R^T, -R^T t}).
   *
   * @param m a rigid transformation
   * @return its inverse
   */
  public static double[] inverseRigid(double[] m) {
    check(m);
    double[] inv = identity();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        inv[4 * r + c] = m[4 * c + r];
      }
    }
    for (int r = 0; r < 3; r++) {
      inv[4 * r + 3] = -(inv[4 * r] * m[3] + inv[4 * r + 1] * m[7] + inv[4 * r + 2] * m[11]);
    }
    return inv;
  }

  /**
   * Returns the transformation of Open3D's {@code TransformVector6dToMatrix4d}: rotation {@code
   * Rz(gamma) * Ry(beta) * Rx(alpha)}, then translation.
   *
   * @param alpha rotation about x, radians
   * @param beta rotation about y, radians
   * @param gamma rotation about z, radians
   * @param tx translation x
   * @param ty translation y
   * @param tz translation z
   * @return the matrix
   */
  public static double[] fromEulerXyz(double alpha, double beta, double gamma, double tx,
      double ty, double tz) {
    double ca = Math.cos(alpha), sa = Math.sin(alpha);
    double cb = Math.cos(beta), sb = Math.sin(beta);
    double cg = Math.cos(gamma), sg = Math.sin(gamma);
    return new double[] {
      cg * cb, cg * sb * sa - sg * ca, cg * sb * ca + sg * sa, tx,
      sg * cb, sg * sb * sa + cg * ca, sg * sb * ca - cg * sa, ty,
      -sb, cb * sa, cb * ca, tz,
      0, 0, 0, 1
    };
  }

  /**
   * Returns the transformation rotating by {@code angle} about a unit axis, then translating.
   *
   * @param axisX axis x
   * @param axisY axis y
   * @param axisZ axis z
   * @param angle radians
   * @param tx translation x
   * @param ty translation y
   * @param tz translation z
   * @return the matrix
   */
  public static double[] fromAxisAngle(double axisX, double axisY, double axisZ, double angle,
      double tx, double ty, double tz) {
    double len = Math.sqrt(axisX * axisX + axisY * axisY + axisZ * axisZ);
    if (!(len > 0)) {
      throw new IllegalArgumentException("axis must be non-zero");
    }
    double x = axisX / len, y = axisY / len, z = axisZ / len;
    double c = Math.cos(angle), s = Math.sin(angle), k = 1 - c;
    return new double[] {
      c + x * x * k, x * y * k - z * s, x * z * k + y * s, tx,
      y * x * k + z * s, c + y * y * k, y * z * k - x * s, ty,
      z * x * k - y * s, z * y * k + x * s, c + z * z * k, tz,
      0, 0, 0, 1
    };
  }

  /**
   * Returns {@code n} packed points transformed, computed in double and rounded to float.
   *
   * @param m the transformation
   * @param xyz packed positions
   * @param n number of points
   * @return new packed positions
   */
  public static float[] apply(double[] m, float[] xyz, int n) {
    float[] out = new float[3 * n];
    apply(m, xyz, n, out);
    return out;
  }

  /**
   * Transforms {@code n} packed points into a caller-owned buffer (may be {@code xyz} itself).
   *
   * @param m the transformation
   * @param xyz packed positions
   * @param n number of points
   * @param out destination of {@code 3n} floats
   */
  public static void apply(double[] m, float[] xyz, int n, float[] out) {
    check(m);
    Points.checkPacked(xyz, n, "xyz");
    Points.checkCapacity(out.length, 3L * n, "out");
    for (int i = 0; i < n; i++) {
      int o = 3 * i;
      double x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
      out[o] = (float) (m[0] * x + m[1] * y + m[2] * z + m[3]);
      out[o + 1] = (float) (m[4] * x + m[5] * y + m[6] * z + m[7]);
      out[o + 2] = (float) (m[8] * x + m[9] * y + m[10] * z + m[11]);
    }
  }

  /**
   * Rotates {@code n} packed normals by the transformation's rotation (no translation).
   *
   * @param m the transformation
   * @param normals packed normals
   * @param n number of normals
   * @return new packed normals
   */
  public static float[] rotate(double[] m, float[] normals, int n) {
    check(m);
    Points.checkPacked(normals, n, "normals");
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      int o = 3 * i;
      double x = normals[o], y = normals[o + 1], z = normals[o + 2];
      out[o] = (float) (m[0] * x + m[1] * y + m[2] * z);
      out[o + 1] = (float) (m[4] * x + m[5] * y + m[6] * z);
      out[o + 2] = (float) (m[8] * x + m[9] * y + m[10] * z);
    }
    return out;
  }

  /**
   * Returns the rotation angle between two transformations' rotations, radians.
   *
   * @param a a transformation
   * @param b another
   * @return the angle of {@code Ra^T Rb}
   */
  public static double rotationAngle(double[] a, double[] b) {
    check(a);
    check(b);
    double trace = 0;
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        trace += a[4 * k + i] * b[4 * k + i];
      }
    }
    return Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2)));
  }

  /**
   * Returns the largest absolute difference between two matrices' entries.
   *
   * @param a a matrix
   * @param b another
   * @return the max-norm of {@code a - b}
   */
  public static double maxAbsDifference(double[] a, double[] b) {
    check(a);
    check(b);
    double max = 0;
    for (int i = 0; i < 16; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /**
   * Checks that a matrix is 16 finite values whose last row is {@code 0 0 0 1} and whose rotation
   * part is orthonormal with determinant 1, within {@code 1e-6}.
   *
   * @param m the matrix
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void requireRigid(double[] m) {
    check(m);
    for (double v : m) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("transformation has a non-finite entry: "
            + format(m));
      }
    }
    if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1) {
      throw new IllegalArgumentException("transformation's last row must be 0 0 0 1: "
          + format(m));
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          dot += m[4 * k + i] * m[4 * k + j];
        }
        if (Math.abs(dot - (i == j ? 1 : 0)) > 1e-6) {
          throw new IllegalArgumentException("transformation's rotation is not orthonormal: "
              + format(m));
        }
      }
    }
    double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
        + m[2] * (m[4] * m[9] - m[5] * m[8]);
    if (Math.abs(det - 1) > 1e-6) {
      throw new IllegalArgumentException("transformation's rotation is a reflection: "
          + format(m));
    }
  }

  /**
   * Formats a matrix as four rows of four numbers.
   *
   * @param m the matrix
   * @return text, rows separated by newlines
   */
  public static String format(double[] m) {
    check(m);
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < 4; r++) {
      if (r > 0) {
        b.append('\n');
      }
      b.append(String.format(Locale.ROOT, "%.9g %.9g %.9g %.9g", m[4 * r], m[4 * r + 1],
          m[4 * r + 2], m[4 * r + 3]));
    }
    return b.toString();
  }

  static void check(double[] m) {
    if (m == null || m.length != 16) {
      throw new IllegalArgumentException("a transformation is 16 values (4x4, row-major), got "
          + (m == null ? "null" : Arrays.toString(m)));
    }
  }
}

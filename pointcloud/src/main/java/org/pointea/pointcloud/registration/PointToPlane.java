package org.pointea.pointcloud.registration;

/**
 * The point-to-plane ICP step, as Open3D's {@code TransformationEstimationPointToPlane}: for each
 * correspondence the residual {@code r = (s - t) · n_t} and its Jacobian {@code [s × n_t, n_t]}
 * with respect to (rotation about x, y, z; translation); the normal equations {@code JᵀJ x = -Jᵀr}
 * are solved by a pivoted LDLᵀ decomposition with a pseudo-inverse of the pivots (Eigen's {@code
 * ldlt()}), and {@code x} becomes {@code Rz(x2) Ry(x1) Rx(x0)} and translation {@code x3..x5}.
 */
final class PointToPlane {
  private PointToPlane() {}

  /** Returns the update; the identity when no correspondence has a finite normal. */
  static double[] solve(double[] src, float[] target, float[] normals, int[] corr, int n) {
    double[] jtj = new double[36];
    double[] jtr = new double[6];
    double[] j = new double[6];
    int used = 0;
    for (int i = 0; i < n; i++) {
      int t = corr[i];
      if (t < 0) {
        continue;
      }
      double nx = normals[3 * t], ny = normals[3 * t + 1], nz = normals[3 * t + 2];
      if (!Double.isFinite(nx + ny + nz)) {
        continue;
      }
      double sx = src[3 * i], sy = src[3 * i + 1], sz = src[3 * i + 2];
      double r = (sx - target[3 * t]) * nx + (sy - target[3 * t + 1]) * ny
          + (sz - target[3 * t + 2]) * nz;
      j[0] = sy * nz - sz * ny;
      j[1] = sz * nx - sx * nz;
      j[2] = sx * ny - sy * nx;
      j[3] = nx;
      j[4] = ny;
      j[5] = nz;
      for (int a = 0; a < 6; a++) {
        double ja = j[a];
        for (int b = a; b < 6; b++) {
          jtj[6 * a + b] += ja * j[b];
        }
        jtr[a] += ja * r;
      }
      used++;
    }
    if (used == 0) {
      return Transforms.identity();
    }
    for (int a = 0; a < 6; a++) {
      for (int b = 0; b < a; b++) {
        jtj[6 * a + b] = jtj[6 * b + a];
      }
      jtr[a] = -jtr[a];
    }
    double[] x = solveSymmetric(jtj, jtr, 6);
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return Transforms.identity();
      }
    }
    return Transforms.fromEulerXyz(x[0], x[1], x[2], x[3], x[4], x[5]);
  }

  /**
   * Solves {@code A x = b} for a symmetric positive semi-definite {@code A} (row-major, size k) by
   * LDLᵀ with diagonal pivoting; pivots not above the smallest normal double are treated as zero
   * (their components of x are 0), as Eigen's LDLT does. Overwrites {@code a}.
   */
  static double[] solveSymmetric(double[] a, double[] b, int k) {
    int[] perm = new int[k];
    for (int i = 0; i < k; i++) {
      perm[i] = i;
    }
    double[] d = new double[k];
    // in-place LDL^T of the symmetrically permuted matrix: L below the diagonal, D apart
    for (int c = 0; c < k; c++) {
      int p = c;
      for (int i = c + 1; i < k; i++) {
        if (Math.abs(a[k * i + i]) > Math.abs(a[k * p + p])) {
          p = i;
        }
      }
      if (p != c) {
        swapSymmetric(a, k, c, p);
        int t = perm[c];
        perm[c] = perm[p];
        perm[p] = t;
      }
      double pivot = a[k * c + c];
      d[c] = pivot;
      boolean zero = Math.abs(pivot) <= Double.MIN_NORMAL;
      for (int i = c + 1; i < k; i++) {
        a[k * i + c] = zero ? 0 : a[k * i + c] / pivot;
      }
      for (int i = c + 1; i < k; i++) {
        for (int jj = c + 1; jj <= i; jj++) {
          a[k * i + jj] -= a[k * i + c] * a[k * jj + c] * pivot;
          a[k * jj + i] = a[k * i + jj];
        }
      }
    }
    // solve L y = P b, D z = y, L^T w = z, x = P^T w
    double[] y = new double[k];
    for (int i = 0; i < k; i++) {
      double s = b[perm[i]];
      for (int jj = 0; jj < i; jj++) {
        s -= a[k * i + jj] * y[jj];
      }
      y[i] = s;
    }
    for (int i = 0; i < k; i++) {
      y[i] = Math.abs(d[i]) > Double.MIN_NORMAL ? y[i] / d[i] : 0;
    }
    for (int i = k - 1; i >= 0; i--) {
      double s = y[i];
      for (int jj = i + 1; jj < k; jj++) {
        s -= a[k * jj + i] * y[jj];
      }
      y[i] = s;
    }
    double[] x = new double[k];
    for (int i = 0; i < k; i++) {
      x[perm[i]] = y[i];
    }
    return x;
  }

  private static void swapSymmetric(double[] a, int k, int i, int j) {
    for (int c = 0; c < k; c++) {
      double t = a[k * i + c];
      a[k * i + c] = a[k * j + c];
      a[k * j + c] = t;
    }
    for (int r = 0; r < k; r++) {
      double t = a[k * r + i];
      a[k * r + i] = a[k * r + j];
      a[k * r + j] = t;
    }
  }
}

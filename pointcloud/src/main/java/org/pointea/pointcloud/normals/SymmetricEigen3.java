package org.pointea.pointcloud.normals;

/**
 * Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations in double precision:
 * accurate to a few ulps, unconditionally convergent, and allocation-free (the caller passes the
 * work arrays).
 */
final class SymmetricEigen3 {
  private SymmetricEigen3() {}

  /**
   * Decomposes {@code a} (row-major 3x3, symmetric; overwritten) into eigenvalues {@code w}
   * ascending and unit eigenvectors in the columns of {@code v} (row-major 3x3).
   *
   * @param a the matrix, destroyed
   * @param w destination of the 3 eigenvalues, ascending
   * @param v destination of the eigenvectors, column {@code j} for {@code w[j]}
   */
  static void decompose(double[] a, double[] w, double[] v) {
    for (int i = 0; i < 9; i++) {
      v[i] = (i % 4 == 0) ? 1 : 0;
    }
    for (int sweep = 0; sweep < 50; sweep++) {
      double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
      double diag = a[0] * a[0] + a[4] * a[4] + a[8] * a[8];
      if (off == 0 || off <= 1e-36 * diag) {
        break;
      }
      rotate(a, v, 0, 1);
      rotate(a, v, 0, 2);
      rotate(a, v, 1, 2);
    }
    w[0] = a[0];
    w[1] = a[4];
    w[2] = a[8];
    // sort ascending, carrying the eigenvector columns
    for (int i = 0; i < 2; i++) {
      int min = i;
      for (int j = i + 1; j < 3; j++) {
        if (w[j] < w[min]) {
          min = j;
        }
      }
      if (min != i) {
        double t = w[i];
        w[i] = w[min];
        w[min] = t;
        for (int r = 0; r < 3; r++) {
          t = v[3 * r + i];
          v[3 * r + i] = v[3 * r + min];
          v[3 * r + min] = t;
        }
      }
    }
  }

  /** One Jacobi rotation zeroing {@code a[p][q]}. */
  private static void rotate(double[] a, double[] v, int p, int q) {
    double apq = a[3 * p + q];
    if (apq == 0) {
      return;
    }
    double app = a[3 * p + p];
    double aqq = a[3 * q + q];
    double theta = (aqq - app) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    // A' = J^T A J with J the rotation in the (p, q) plane
    for (int k = 0; k < 3; k++) {
      double akp = a[3 * k + p];
      double akq = a[3 * k + q];
      a[3 * k + p] = c * akp - s * akq;
      a[3 * k + q] = s * akp + c * akq;
    }
    for (int k = 0; k < 3; k++) {
      double apk = a[3 * p + k];
      double aqk = a[3 * q + k];
      a[3 * p + k] = c * apk - s * aqk;
      a[3 * q + k] = s * apk + c * aqk;
    }
    a[3 * p + q] = 0;
    a[3 * q + p] = 0;
    for (int k = 0; k < 3; k++) {
      double vkp = v[3 * k + p];
      double vkq = v[3 * k + q];
      v[3 * k + p] = c * vkp - s * vkq;
      v[3 * k + q] = s * vkp + c * vkq;
    }
  }
}

package org.pointea.pointcloud.registration;

/**
 * The point-to-point ICP step: the rigid transformation minimising the squared distances between
 * corresponding points. Open3D calls Eigen's {@code umeyama} (the SVD of the cross-covariance, the
 * last singular direction flipped when the result would be a reflection); this class solves the
 * same least-squares problem by Horn's closed form (the unit quaternion is the eigenvector of the
 * largest eigenvalue of a symmetric 4x4 matrix built from the cross-covariance), which is a proper
 * rotation by construction and needs no SVD library: both give the one optimal rotation whenever
 * it is unique.
 */
final class PointToPoint {
  private PointToPoint() {}

  /**
   * Returns the update aligning {@code src[i]} to {@code target[corr[i]]} over the points with a
   * correspondence; the identity when there are none.
   */
  static double[] solve(double[] src, float[] target, int[] corr, int n) {
    int count = 0;
    double sx = 0, sy = 0, sz = 0, tx = 0, ty = 0, tz = 0;
    for (int i = 0; i < n; i++) {
      int j = corr[i];
      if (j < 0) {
        continue;
      }
      count++;
      sx += src[3 * i];
      sy += src[3 * i + 1];
      sz += src[3 * i + 2];
      tx += target[3 * j];
      ty += target[3 * j + 1];
      tz += target[3 * j + 2];
    }
    if (count == 0) {
      return Transforms.identity();
    }
    sx /= count;
    sy /= count;
    sz /= count;
    tx /= count;
    ty /= count;
    tz /= count;
    // sigma = (1/n) * (t - mean_t) * (s - mean_s)^T
    double[][] sigma = new double[3][3];
    for (int i = 0; i < n; i++) {
      int j = corr[i];
      if (j < 0) {
        continue;
      }
      double[] s = {src[3 * i] - sx, src[3 * i + 1] - sy, src[3 * i + 2] - sz};
      double[] t = {target[3 * j] - tx, target[3 * j + 1] - ty, target[3 * j + 2] - tz};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          sigma[r][c] += t[r] * s[c];
        }
      }
    }
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        sigma[r][c] /= count;
      }
    }
    double[] m = Transforms.identity();
    rotationOf(sigma, m);
    m[3] = tx - (m[0] * sx + m[1] * sy + m[2] * sz);
    m[7] = ty - (m[4] * sx + m[5] * sy + m[6] * sz);
    m[11] = tz - (m[8] * sx + m[9] * sy + m[10] * sz);
    return m;
  }

  /**
   * Writes into the upper-left 3x3 of {@code m} (row-major 4x4) the rotation maximising
   * {@code trace(R^T sigma)}, by Horn's quaternion method.
   *
   * @param sigma the cross-covariance, {@code sigma[r][c] = sum t_r s_c}
   */
  static void rotationOf(double[][] sigma, double[] m) {
    // s_ab = sum s_a t_b in Horn's notation
    double sxx = sigma[0][0];
    double sxy = sigma[1][0];
    double sxz = sigma[2][0];
    double syx = sigma[0][1];
    double syy = sigma[1][1];
    double syz = sigma[2][1];
    double szx = sigma[0][2];
    double szy = sigma[1][2];
    double szz = sigma[2][2];
    double[] n = {
        sxx + syy + szz, syz - szy, szx - sxz, sxy - syx,
        syz - szy, sxx - syy - szz, sxy + syx, szx + sxz,
        szx - sxz, sxy + syx, -sxx + syy - szz, syz + szy,
        sxy - syx, szx + sxz, syz + szy, -sxx - syy + szz};
    double[] v = new double[16];
    int best = largestEigenvector(n, v);
    double w = v[best];
    double x = v[4 + best];
    double y = v[8 + best];
    double z = v[12 + best];
    double norm = Math.sqrt(w * w + x * x + y * y + z * z);
    w /= norm;
    x /= norm;
    y /= norm;
    z /= norm;
    m[0] = w * w + x * x - y * y - z * z;
    m[1] = 2 * (x * y - w * z);
    m[2] = 2 * (x * z + w * y);
    m[4] = 2 * (x * y + w * z);
    m[5] = w * w - x * x + y * y - z * z;
    m[6] = 2 * (y * z - w * x);
    m[8] = 2 * (x * z - w * y);
    m[9] = 2 * (y * z + w * x);
    m[10] = w * w - x * x - y * y + z * z;
  }

  /**
   * Diagonalises the symmetric 4x4 {@code a} (row-major, destroyed) by cyclic Jacobi rotations,
   * the eigenvectors in the columns of {@code v}; returns the column of the largest eigenvalue.
   */
  static int largestEigenvector(double[] a, double[] v) {
    for (int i = 0; i < 16; i++) {
      v[i] = (i % 5 == 0) ? 1 : 0;
    }
    for (int sweep = 0; sweep < 60; sweep++) {
      double off = 0;
      double diag = 0;
      for (int p = 0; p < 4; p++) {
        diag += a[5 * p] * a[5 * p];
        for (int q = p + 1; q < 4; q++) {
          off += a[4 * p + q] * a[4 * p + q];
        }
      }
      if (off == 0 || off <= 1e-36 * diag) {
        break;
      }
      for (int p = 0; p < 3; p++) {
        for (int q = p + 1; q < 4; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    int best = 0;
    for (int j = 1; j < 4; j++) {
      if (a[5 * j] > a[5 * best]) {
        best = j;
      }
    }
    return best;
  }

  /** One Jacobi rotation zeroing {@code a[p][q]} of the symmetric 4x4 {@code a}. */
  private static void rotate(double[] a, double[] v, int p, int q) {
    double apq = a[4 * p + q];
    if (apq == 0) {
      return;
    }
    double theta = (a[5 * q] - a[5 * p]) / (2 * apq);
    double t = theta == 0 ? 1
        : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < 4; k++) {
      double akp = a[4 * k + p];
      double akq = a[4 * k + q];
      a[4 * k + p] = c * akp - s * akq;
      a[4 * k + q] = s * akp + c * akq;
    }
    for (int k = 0; k < 4; k++) {
      double apk = a[4 * p + k];
      double aqk = a[4 * q + k];
      a[4 * p + k] = c * apk - s * aqk;
      a[4 * q + k] = s * apk + c * aqk;
    }
    a[4 * p + q] = 0;
    a[4 * q + p] = 0;
    for (int k = 0; k < 4; k++) {
      double vkp = v[4 * k + p];
      double vkq = v[4 * k + q];
      v[4 * k + p] = c * vkp - s * vkq;
      v[4 * k + q] = s * vkp + c * vkq;
    }
  }
}

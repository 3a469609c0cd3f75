package org.pointea.pointcloud.registration;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The point-to-point ICP step: the rigid transformation minimising the squared distances between
 * corresponding points, by Umeyama's method without scaling (Eigen's {@code umeyama}, which
 * Open3D calls): the SVD of the cross-covariance, with the last singular direction flipped when
 * the result would be a reflection.
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
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(sigma));
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    double flip = det(u) * det(v) < 0 ? -1 : 1;
    double[] m = Transforms.identity();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        m[4 * r + c] = u.getEntry(r, 0) * v.getEntry(c, 0) + u.getEntry(r, 1) * v.getEntry(c, 1)
            + flip * u.getEntry(r, 2) * v.getEntry(c, 2);
      }
    }
    m[3] = tx - (m[0] * sx + m[1] * sy + m[2] * sz);
    m[7] = ty - (m[4] * sx + m[5] * sy + m[6] * sz);
    m[11] = tz - (m[8] * sx + m[9] * sy + m[10] * sz);
    return m;
  }

  private static double det(RealMatrix a) {
    return a.getEntry(0, 0) * (a.getEntry(1, 1) * a.getEntry(2, 2) - a.getEntry(1, 2) * a.getEntry(2, 1))
        - a.getEntry(0, 1) * (a.getEntry(1, 0) * a.getEntry(2, 2) - a.getEntry(1, 2) * a.getEntry(2, 0))
        + a.getEntry(0, 2) * (a.getEntry(1, 0) * a.getEntry(2, 1) - a.getEntry(1, 1) * a.getEntry(2, 0));
  }
}

package org.pointea.pointcloud.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

class PointToPointTest {

  /** Horn's quaternion solution equals Umeyama's SVD solution (Eigen's, which Open3D calls). */
  @Property(tries = 200)
  void rotationEqualsUmeyamasSvdSolution(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] sigma = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        sigma[i][j] = r.nextDouble(-1, 1);
      }
    }
    double[] got = Transforms.identity();
    PointToPoint.rotationOf(sigma, got);
    double[] want = umeyama(sigma);
    for (int i = 0; i < 12; i++) {
      assertThat(got[i]).as("entry %d", i).isCloseTo(want[i], within(1e-9));
    }
  }

  @Test
  void recoversARigidMotionOfPlanarPoints() {
    // a planar source makes the cross-covariance rank 2: the rotation is still unique
    SplittableRandom r = new SplittableRandom(7);
    int n = 50;
    double[] src = new double[3 * n];
    for (int i = 0; i < n; i++) {
      src[3 * i] = r.nextDouble(-1, 1);
      src[3 * i + 1] = r.nextDouble(-1, 1);
    }
    double[] motion = Transforms.identity();
    double angle = 0.7;
    double[] axis = {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)};
    double[] rot = rodrigues(axis, angle);
    for (int i = 0; i < 3; i++) {
      System.arraycopy(rot, 3 * i, motion, 4 * i, 3);
    }
    motion[3] = 0.5;
    motion[7] = -1;
    motion[11] = 2;
    float[] target = new float[3 * n];
    int[] corr = new int[n];
    for (int i = 0; i < n; i++) {
      corr[i] = i;
      for (int row = 0; row < 3; row++) {
        target[3 * i + row] = (float) (motion[4 * row] * src[3 * i] + motion[4 * row + 1] * src[3 * i + 1]
            + motion[4 * row + 2] * src[3 * i + 2] + motion[4 * row + 3]);
      }
    }
    double[] got = PointToPoint.solve(src, target, corr, n);
    for (int i = 0; i < 16; i++) {
      assertThat(Math.abs(got[i] - motion[i])).as("entry %d", i).isLessThan(1e-6);
    }
  }

  private static double[] rodrigues(double[] k, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    return new double[] {
        t * k[0] * k[0] + c, t * k[0] * k[1] - s * k[2], t * k[0] * k[2] + s * k[1],
        t * k[0] * k[1] + s * k[2], t * k[1] * k[1] + c, t * k[1] * k[2] - s * k[0],
        t * k[0] * k[2] - s * k[1], t * k[1] * k[2] + s * k[0], t * k[2] * k[2] + c};
  }

  /** Umeyama without scaling: {@code R = U diag(1, 1, det(U) det(V)) V^T}. */
  private static double[] umeyama(double[][] sigma) {
    SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(sigma));
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    double flip = new LUDecomposition(u).getDeterminant()
        * new LUDecomposition(v).getDeterminant() < 0 ? -1 : 1;
    double[] m = Transforms.identity();
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 3; col++) {
        m[4 * row + col] = u.getEntry(row, 0) * v.getEntry(col, 0) + u.getEntry(row, 1) * v.getEntry(col, 1)
            + flip * u.getEntry(row, 2) * v.getEntry(col, 2);
      }
    }
    return m;
  }
}

package org.pointea.pointcloud.normals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

class SymmetricEigen3Test {

  @Property(tries = 300)
  void matchesCommonsMathOnRandomSymmetricMatrices(@ForAll long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[][] m = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = i; j < 3; j++) {
        m[i][j] = m[j][i] = r.nextDouble() * 2 - 1;
      }
    }
    double[] a = new double[9];
    for (int i = 0; i < 9; i++) {
      a[i] = m[i / 3][i % 3];
    }
    double[] w = new double[3];
    double[] v = new double[9];
    SymmetricEigen3.decompose(a, w, v);
    double[] ref = new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues();
    java.util.Arrays.sort(ref);
    for (int j = 0; j < 3; j++) {
      assertThat(w[j]).isCloseTo(ref[j], within(1e-12));
      // M v = w v for column j
      for (int row = 0; row < 3; row++) {
        double mv = 0;
        for (int c = 0; c < 3; c++) {
          mv += m[row][c] * v[3 * c + j];
        }
        assertThat(mv).isCloseTo(w[j] * v[3 * row + j], within(1e-12));
      }
    }
  }
}

package org.pointea.pointcloud.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PointToPlaneTest {

  @Property(tries = 100)
  void symmetricSolveInvertsPositiveDefiniteSystems(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = 6;
    double[] g = new double[k * k];
    for (int i = 0; i < g.length; i++) {
      g[i] = r.nextDouble(-1, 1);
    }
    double[] a = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double s = i == j ? 0.1 : 0;
        for (int m = 0; m < k; m++) {
          s += g[m * k + i] * g[m * k + j];
        }
        a[i * k + j] = s;
      }
    }
    double[] x = new double[k];
    for (int i = 0; i < k; i++) {
      x[i] = r.nextDouble(-5, 5);
    }
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        b[i] += a[i * k + j] * x[j];
      }
    }
    double[] got = PointToPlane.solveSymmetric(a.clone(), b, k);
    for (int i = 0; i < k; i++) {
      assertThat(Math.abs(got[i] - x[i])).isLessThan(1e-6);
    }
  }

  @Test
  void singularSystemsGiveZeroForTheMissingDirections() {
    // only x0 is constrained
    double[] a = new double[36];
    a[0] = 2;
    double[] b = {4, 0, 0, 0, 0, 0};
    assertThat(PointToPlane.solveSymmetric(a, b, 6)).containsExactly(2, 0, 0, 0, 0, 0);
  }
}

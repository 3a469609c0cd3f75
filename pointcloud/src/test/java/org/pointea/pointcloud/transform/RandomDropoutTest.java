package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TestClouds;

class RandomDropoutTest {

  @Test
  void replacesDroppedPointsByPointZeroAndKeepsTheSize() {
    int n = 1000;
    float[] xyz = TestClouds.random(2, n, 0);
    PointCloud c = PointCloud.of(xyz);
    double dropped = 0;
    int runs = 400;
    for (long seed = 0; seed < runs; seed++) {
      float[] p = RandomDropout.pct().apply(c, seed).positions();
      assertThat(p).hasSize(3 * n);
      for (int i = 1; i < n; i++) {
        boolean same = p[3 * i] == xyz[3 * i] && p[3 * i + 1] == xyz[3 * i + 1] && p[3 * i + 2] == xyz[3 * i + 2];
        boolean zero = p[3 * i] == xyz[0] && p[3 * i + 1] == xyz[1] && p[3 * i + 2] == xyz[2];
        assertThat(same || zero).isTrue();
        if (zero) {
          dropped++;
        }
      }
    }
    // E[ratio] = 0.875 / 2
    assertThat(dropped / (runs * (n - 1.0))).isCloseTo(0.4375, within(0.03));
    assertThat(new RandomDropout(0).apply(c, 1)).isSameAs(c);
  }
}

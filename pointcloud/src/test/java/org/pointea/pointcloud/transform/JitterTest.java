package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class JitterTest {

  @Test
  void noiseIsClippedAndHasTheRequestedSpread() {
    int n = 20_000;
    float[] p = Jitter.pointNet().apply(PointCloud.of(new float[3 * n]), 5).positions();
    double sum2 = 0;
    for (float v : p) {
      assertThat(v).isBetween(-0.05f, 0.05f);
      sum2 += v * v;
    }
    assertThat(Math.sqrt(sum2 / p.length)).isCloseTo(0.01, within(0.0005));
    float[] clipped = new Jitter(1f, 0.001f).apply(PointCloud.of(new float[3 * 100]), 5).positions();
    for (float v : clipped) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo(0.001f);
    }
    assertThat(Jitter.pointNet().toString()).isEqualTo("Jitter(sigma=0.01, clip=0.05)");
  }
}

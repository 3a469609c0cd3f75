package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class RandomTranslateTest {

  @Test
  void shiftsEveryPointByTheSameBoundedOffset() {
    PointCloud c = PointCloud.of(new float[] {0, 0, 0, 1, 1, 1});
    for (long seed = 0; seed < 50; seed++) {
      float[] p = RandomTranslate.pct().apply(c, seed).positions();
      for (int a = 0; a < 3; a++) {
        assertThat(p[a]).isBetween(-0.2f, 0.2f);
        assertThat(p[3 + a] - p[a]).isCloseTo(1f, within(1e-6f));
      }
    }
  }
}

package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class RandomScaleTest {

  @Test
  void scalesEachAxisWithinTheRangeAndKeepsNormalsPerpendicular() {
    // the plane x + y = 1 with its normal
    float h = (float) Math.sqrt(0.5);
    PointCloud c =
        PointCloud.builder(new float[] {1, 0, 0, 0, 1, 0, 1, 1, 0}).normals(new float[] {h, h, 0, h, h, 0, h, h, 0}).build();
    for (long seed = 0; seed < 50; seed++) {
      PointCloud out = RandomScale.pct().apply(c, seed);
      float[] p = out.positions();
      float sx = p[0], sy = p[4];
      assertThat(sx).isBetween(2f / 3f, 1.5f);
      assertThat(sy).isBetween(2f / 3f, 1.5f);
      float[] n = out.normals();
      // the scaled plane passes through (sx, 0) and (0, sy): direction (-sx, sy) is on it
      assertThat(-sx * n[0] + sy * n[1]).isCloseTo(0f, within(1e-6f));
    }
    assertThat(RandomScale.pct().toString()).isEqualTo("RandomScale(0.6666667, 1.5)");
    assertThatThrownBy(() -> new RandomScale(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}

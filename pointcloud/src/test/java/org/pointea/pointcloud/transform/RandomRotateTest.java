package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class RandomRotateTest {

  @Test
  void rotatesAboutTheAxisOnlyWithinTheAngle() {
    PointCloud c = PointCloud.builder(new float[] {1, 5, 0}).normals(new float[] {1, 0, 0}).build();
    for (long seed = 0; seed < 100; seed++) {
      PointCloud out = RandomRotate.about(30, 1).apply(c, seed);
      float[] p = out.positions();
      assertThat(p[1]).isEqualTo(5f); // the y coordinate is on the axis
      double angle = Math.toDegrees(Math.atan2(-p[2], p[0]));
      assertThat(Math.abs(angle)).isLessThanOrEqualTo(30.0001);
      assertThat(out.normals()[0]).isCloseTo(p[0], within(1e-6f));
    }
    assertThatThrownBy(() -> RandomRotate.about(181, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RandomRotate(10, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RandomRotate.about(180, 2).toString()).isEqualTo("RandomRotate(180.0, axis=(0.0, 0.0, 1.0))");
  }
}

package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PointsTest {

  @Test
  void finitenessAndChecks() {
    float[] xyz = {0, 1, 2, Float.NaN, 0, 0, 0, Float.NEGATIVE_INFINITY, 0, Float.MAX_VALUE, 0, 0};
    assertThat(Points.isFinite(xyz, 0)).isTrue();
    assertThat(Points.isFinite(xyz, 1)).isFalse();
    assertThat(Points.isFinite(xyz, 2)).isFalse();
    assertThat(Points.isFinite(xyz, 3)).isTrue();
    assertThat(Points.firstNonFinite(xyz, 4)).isEqualTo(1);
    assertThat(Points.firstNonFinite(xyz, 1)).isEqualTo(-1);
    assertThatThrownBy(() -> Points.requireFinite(xyz, 4, "cloud"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cloud: point 1 is not finite");
    assertThatThrownBy(() -> Points.checkPacked(xyz, 5, "xyz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Points.checkPacked(xyz, -1, "xyz")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Points.distance2(xyz, 0, new float[] {1, 1, 1}, 0)).isEqualTo(2f);
  }
}

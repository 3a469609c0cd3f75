package org.pointea.pointcloud.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RadiusResultTest {

  @Test
  void rowsAreCompressed() {
    RadiusResult r = RadiusResult.of(new int[][] {{1, 2}, {}, {7}}, new float[][] {{0, 1}, {}, {4}});
    assertThat(r.queryCount()).isEqualTo(3);
    assertThat(r.offsets()).containsExactly(0, 2, 2, 3);
    assertThat(r.count(1)).isZero();
    assertThat(r.indicesOf(2)).containsExactly(7);
    assertThatThrownBy(() -> new RadiusResult(new int[] {0, 2}, new int[1], new float[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloatChannelTest {

  @Test
  void getChecksPointAndComponent() {
    FloatChannel c = new FloatChannel("curvature", 2, new float[] {1, 2, 3, 4});
    assertThat(c.get(1, 0)).isEqualTo(3f);
    assertThatThrownBy(() -> c.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> c.get(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> c.get(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void rejectsLengthsThatAreNotAMultipleOfTheWidth() {
    assertThatThrownBy(() -> new FloatChannel("x", 3, new float[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of width 3");
  }
}

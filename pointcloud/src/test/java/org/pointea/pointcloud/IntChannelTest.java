package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntChannelTest {

  @Test
  void getChecksPointAndSelectGathers() {
    IntChannel c = new IntChannel("labels", 1, new int[] {5, 6, 7});
    assertThat(c.get(2, 0)).isEqualTo(7);
    assertThatThrownBy(() -> c.get(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(c.select(new int[] {2, 2, 0}).toArray()).containsExactly(7, 7, 5);
  }
}

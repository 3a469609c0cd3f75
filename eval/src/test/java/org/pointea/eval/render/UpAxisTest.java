package org.pointea.eval.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpAxisTest {
  @Test
  void mapsTheViewFrameUpToTheAxis() {
    double[] w = new double[3];
    for (UpAxis up : UpAxis.values()) {
      up.toWorld(0, 1, 0, w);
      assertThat(w[up.index()]).isEqualTo(1.0);
    }
    UpAxis.Z.toWorld(0, 0, 1, w);
    assertThat(w).containsExactly(0, -1, 0); // the front viewer stands on -y
  }

  @Test
  void parses() {
    assertThat(UpAxis.parse("Z")).isEqualTo(UpAxis.Z);
    assertThatThrownBy(() -> UpAxis.parse("w")).isInstanceOf(IllegalArgumentException.class);
  }
}

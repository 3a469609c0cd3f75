package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitTest {
  @Test
  void parsesItsIdsCaseInsensitively() {
    for (Split s : Split.values()) {
      assertThat(Split.parse(s.id())).isEqualTo(s);
      assertThat(Split.parse(" " + s.id().toUpperCase() + " ")).isEqualTo(s);
    }
    assertThat(Split.TRAINVAL.id()).isEqualTo("trainval");
  }

  @Test
  void rejectsUnknownNames() {
    assertThatThrownBy(() -> Split.parse("validation"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation")
        .hasMessageContaining("train, val, trainval or test");
  }
}

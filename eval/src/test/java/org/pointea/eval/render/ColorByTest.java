package org.pointea.eval.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColorByTest {
  @Test
  void parsesCommandLineSpellings() {
    assertThat(ColorBy.parse("label")).isEqualTo(ColorBy.LABEL);
    assertThat(ColorBy.parse("Labels")).isEqualTo(ColorBy.LABEL);
    assertThat(ColorBy.parse("HEIGHT")).isEqualTo(ColorBy.HEIGHT);
    assertThat(ColorBy.parse("normal")).isEqualTo(ColorBy.NORMAL);
    assertThat(ColorBy.parse("rgb")).isEqualTo(ColorBy.RGB);
    assertThat(ColorBy.parse("auto")).isEqualTo(ColorBy.AUTO);
    assertThatThrownBy(() -> ColorBy.parse("depth"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use label, height, normal, rgb or auto");
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class Vector3Test {
  @Test
  void parsesThreeFiniteNumbers() {
    Vector3.Converter c = new Vector3.Converter();
    assertThat(c.convert("1, -2.5,3e1")).isEqualTo(new Vector3(1, -2.5f, 30));
    assertThat(new Vector3(1, 2, 3).toArray()).containsExactly(1, 2, 3);
    for (String bad : new String[] {"1,2", "1,2,3,4", "1,x,3", "1,NaN,3", "", "1,,3"}) {
      assertThatThrownBy(() -> c.convert(bad)).as(bad)
          .isInstanceOf(CommandLine.TypeConversionException.class);
    }
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EncodingTest {
  @Test
  void parsesThePclAndPlySpellings() {
    Encoding.Converter c = new Encoding.Converter();
    assertThat(c.convert("ascii")).isEqualTo(Encoding.ASCII);
    assertThat(c.convert("BINARY")).isEqualTo(Encoding.BINARY);
    assertThat(c.convert("binary_little_endian")).isEqualTo(Encoding.BINARY);
    assertThat(c.convert("binary-big-endian")).isEqualTo(Encoding.BINARY_BIG_ENDIAN);
    assertThat(c.convert("binary_compressed")).isEqualTo(Encoding.BINARY_COMPRESSED);
    assertThat(Encoding.BINARY_COMPRESSED).hasToString("binary_compressed");
    assertThatThrownBy(() -> c.convert("lzf"))
        .isInstanceOf(CommandLine.TypeConversionException.class);
  }
}

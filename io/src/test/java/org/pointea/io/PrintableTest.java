package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void escapesLineBreaksAndControlCharacters() {
    assertThat(Printable.escape("a\nb\r\tc\u0000\u001b[2J\u007f\u0085\u2028"))
        .isEqualTo("a\\nb\\r\\tc\\x00\\x1b[2J\\x7f\\x85\\u2028");
    assertThat(Printable.escape("\ud800x")).isEqualTo("\\ud800x");
  }

  @Test
  void keepsPrintableTextAsItIs() {
    String s = "C:\\data\\caf\u00e9 \ud83d\ude00.ply";
    assertThat(Printable.escape(s)).isSameAs(s);
    assertThat(Printable.isPrintable(s)).isTrue();
    assertThat(Printable.isPrintable("x\ny")).isFalse();
    assertThat(Printable.escape(null)).isEqualTo("null");
  }
}

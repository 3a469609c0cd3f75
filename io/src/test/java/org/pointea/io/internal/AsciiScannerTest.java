package org.pointea.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;

class AsciiScannerTest {
  private static AsciiScanner scanner(String s, char comment, char delim) {
    Input in = Input.of(s.getBytes(StandardCharsets.ISO_8859_1), "t.txt");
    return new AsciiScanner(in, 0, 1, (byte) comment, (byte) delim);
  }

  @Test
  void walksLinesSkippingBlanksAndComments() throws Exception {
    AsciiScanner sc = scanner("# head\n\n 1 2 3 # tail\r\n\t4,5\n", '#', ',');
    assertThat(sc.nextLine()).isTrue();
    assertThat(sc.line()).isEqualTo(3);
    for (float v : new float[] {1, 2, 3}) {
      sc.token("v");
      assertThat(sc.parseFloat("v")).isEqualTo(v);
    }
    assertThat(sc.hasToken()).isFalse();
    assertThat(sc.nextLine()).isTrue();
    assertThat(sc.line()).isEqualTo(4);
    sc.token("v");
    assertThat(sc.parseFloat("v")).isEqualTo(4);
    sc.token("v");
    assertThat(sc.parseFloat("v")).isEqualTo(5);
    assertThat(sc.nextLine()).isFalse();
  }

  @Test
  void tokensSpanningTheBufferBoundaryAreWhole() throws Exception {
    StringBuilder sb = new StringBuilder();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      sb.append(i).append(".25 ");
      if (i % 7 == 0) {
        sb.append('\n');
      }
    }
    AsciiScanner sc = scanner(sb.toString(), '\0', '\0');
    for (int i = 0; i < n; i++) {
      sc.next("v");
      assertThat(sc.parseDouble("v")).isEqualTo(i + 0.25);
    }
    assertThat(sc.hasNext()).isFalse();
  }

  @Test
  void errorsNameTheLineAndOffset() throws Exception {
    AsciiScanner sc = scanner("1 2\n3 x\n", '#', '\0');
    sc.nextLine();
    sc.nextLine();
    sc.token("a");
    sc.token("b");
    assertThatThrownBy(() -> sc.parseFloat("y"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage("t.txt: line 2, byte 6: expected y, got 'x'");
  }

  @Test
  void refusesATokenLongerThanTheBuffer() {
    AsciiScanner sc = scanner("1".repeat(1 << 19), '\0', '\0');
    assertThatThrownBy(() -> sc.next("v")).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("token longer than");
  }
}

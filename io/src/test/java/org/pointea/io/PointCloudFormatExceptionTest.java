package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PointCloudFormatExceptionTest {
  @Test
  void messagesNameTheFileAndPosition() {
    PointCloudFormatException a = new PointCloudFormatException("a.pcd", 12, 340, "bad");
    assertThat(a).hasMessage("a.pcd: line 12, byte 340: bad").isInstanceOf(java.io.IOException.class);
    assertThat(a.line()).hasValue(12);
    assertThat(a.byteOffset()).hasValue(340);
    assertThat(a.detail()).isEqualTo("bad");
    assertThat(new PointCloudFormatException("b.ply", -1, 7, "x")).hasMessage("b.ply: byte 7: x");
    assertThat(new PointCloudFormatException("c.h5", -1, -1, "y").byteOffset()).isEmpty();
  }

  @Test
  void bytesFromTheFileAreEscapedSoTheMessageIsOnePrintableLine() {
    PointCloudFormatException e =
        new PointCloudFormatException("evil\n.ply", 2, 9, "unknown keyword 'a\rb\u001b[31m'");
    assertThat(e).hasMessage("evil\\n.ply: line 2, byte 9: unknown keyword 'a\\rb\\x1b[31m'");
    assertThat(Printable.isPrintable(e.getMessage())).isTrue();
  }
}

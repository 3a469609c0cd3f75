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
}

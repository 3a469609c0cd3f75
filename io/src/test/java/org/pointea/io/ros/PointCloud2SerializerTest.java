package org.pointea.io.ros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.TestClouds;

class PointCloud2SerializerTest {
  private final PointCloud2 msg = new PointCloud2(17, 42, "base_link", 1, 5,
      PointCloud2Codec.encode(TestClouds.xyz(5, 1), "x").fields(), false, 12, 60,
      PointCloud2Codec.encode(TestClouds.xyz(5, 1), "x").data(), true);

  @Test
  void ros1RoundTripsAndHasTheRos1Layout() throws Exception {
    byte[] b = PointCloud2Serializer.toRos1(msg);
    assertThat(PointCloud2Serializer.fromRos1(b)).isEqualTo(msg);
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bb.getInt(4)).isEqualTo(17);
    assertThat(bb.getInt(12)).isEqualTo(9);
    assertThat(new String(b, 16, 9, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("base_link");
    // 4 (seq) + 8 (stamp) + 4+9 (frame) + 4 + 4 + 4 (fields) + 3 x (4+1 + 4+1+4) + 1+4+4 + 4+60+1
    assertThat(b.length).isEqualTo(4 + 8 + 13 + 12 + 3 * 14 + 9 + 65);
  }

  @Test
  void cdrRoundTripsWithAlignment() throws Exception {
    byte[] b = PointCloud2Serializer.toCdr(msg);
    assertThat(b[1]).isEqualTo((byte) 1);
    assertThat(PointCloud2Serializer.fromCdr(b)).isEqualTo(msg);
    // frame_id "base_link" + NUL = 10 bytes, so height is aligned from offset 26 to 28
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bb.getInt(4 + 24)).isEqualTo(1);
  }

  @Test
  void truncatedAndOversizedMessagesAreFormatErrors() {
    byte[] b = PointCloud2Serializer.toRos1(msg);
    for (int cut = 0; cut < b.length; cut += 7) {
      byte[] c = java.util.Arrays.copyOf(b, cut);
      assertThatThrownBy(() -> PointCloud2Serializer.fromRos1(c))
          .isInstanceOf(PointCloudFormatException.class).hasMessageContaining("truncated");
    }
    byte[] huge = b.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x7FFFFFF0);
    assertThatThrownBy(() -> PointCloud2Serializer.fromRos1(huge))
        .isInstanceOf(PointCloudFormatException.class);
    assertThatThrownBy(() -> PointCloud2Serializer.fromCdr(new byte[] {0, 9, 0, 0}))
        .hasMessageContaining("encapsulation");
  }
}

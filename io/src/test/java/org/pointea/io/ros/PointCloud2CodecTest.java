package org.pointea.io.ros;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.TestClouds;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

class PointCloud2CodecTest {
  @Test
  void encodeDecodeRoundTripsInBothByteOrders() throws Exception {
    PointCloud c = TestClouds.rich(40, 3, true);
    for (boolean big : new boolean[] {false, true}) {
      PointCloud2 m = PointCloud2Codec.encode(c, "lidar", big);
      assertThat(m.isBigEndian()).isEqualTo(big);
      assertThat(m.isDense()).isFalse();
      assertThat(m.height()).isEqualTo(2);
      PointCloud back = PointCloud2Codec.decode(m);
      assertThat(back).isEqualTo(c.toBuilder()
          .viewpoint(org.pointea.pointcloud.Viewpoint.IDENTITY).build());
    }
  }

  @Test
  void decodesEveryDatatypeWithRowPaddingAndGaps() throws Exception {
    // a point: x f64 @0, y f32 @8, z i16 @12, _gap_ , i8 @16, u8 @17, u16 @18, i32 @20, u32 @24,
    // rgb f32 @28; point_step 32; rows padded to 80 bytes
    List<PointField> fields = List.of(
        new PointField("x", 0, PointField.FLOAT64, 1),
        new PointField("y", 8, PointField.FLOAT32, 1),
        new PointField("z", 12, PointField.INT16, 1),
        new PointField("a", 16, PointField.INT8, 1),
        new PointField("b", 17, PointField.UINT8, 1),
        new PointField("c", 18, PointField.UINT16, 1),
        new PointField("ring", 20, PointField.INT32, 1),
        new PointField("t", 24, PointField.UINT32, 1),
        new PointField("rgb", 28, PointField.FLOAT32, 1));
    ByteBuffer b = ByteBuffer.allocate(160).order(ByteOrder.BIG_ENDIAN);
    for (int row = 0; row < 2; row++) {
      for (int u = 0; u < 2; u++) {
        int p = row * 80 + u * 32;
        b.putDouble(p, 1.5 + u).putFloat(p + 8, -2).putShort(p + 12, (short) -3)
            .put(p + 16, (byte) -4).put(p + 17, (byte) 250).putShort(p + 18, (short) 65000)
            .putInt(p + 20, -6).putInt(p + 24, 0xFFFFFFFE).putInt(p + 28, 0x000BBD81);
      }
    }
    PointCloud2 m = new PointCloud2(1, 2, "f", 2, 2, fields, true, 32, 80, b.array(), true);
    PointCloud c = PointCloud2Codec.decode(m);
    assertThat(c.width()).isEqualTo(2);
    assertThat(c.height()).isEqualTo(2);
    assertThat(c.positions()).startsWith(1.5f, -2f, -3f, 2.5f, -2f, -3f);
    assertThat(c.intChannel("a").get(0, 0)).isEqualTo(-4);
    assertThat(c.intChannel("b").get(0, 0)).isEqualTo(250);
    assertThat(c.intChannel("c").get(0, 0)).isEqualTo(65000);
    assertThat(c.intChannel("ring").get(3, 0)).isEqualTo(-6);
    assertThat(Integer.toUnsignedLong(c.intChannel("t").get(0, 0))).isEqualTo(0xFFFFFFFEL);
    assertThat(c.floatChannel(Channel.COLORS).toArray()).startsWith(11 / 255f, 189 / 255f,
        129 / 255f);
  }

  @Test
  void inconsistentLayoutsAreFormatErrors() {
    List<PointField> xyz = List.of(new PointField("x", 0, PointField.FLOAT32, 1),
        new PointField("y", 4, PointField.FLOAT32, 1), new PointField("z", 8, PointField.FLOAT32, 1));
    assertThatThrownBy(() -> PointCloud2Codec.decode(new PointCloud2(0, 0, "", 1, 10, xyz, false,
        12, 120, new byte[100], true))).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("data holds 100 bytes");
    assertThatThrownBy(() -> PointCloud2Codec.decode(new PointCloud2(0, 0, "", 1, 1, xyz, false,
        8, 8, new byte[8], true))).hasMessageContaining("does not fit in point_step");
    assertThatThrownBy(() -> PointCloud2Codec.decode(new PointCloud2(0, 0, "", 2, 2, xyz, false,
        12, 12, new byte[48], true))).hasMessageContaining("row_step 12 is smaller");
    assertThatThrownBy(() -> PointCloud2Codec.decode(new PointCloud2(0, 0, "", 70000, 70000, xyz,
        false, 12, 840000, new byte[0], true))).hasMessageContaining("more than a cloud holds");
  }
}

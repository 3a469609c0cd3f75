package org.pointea.io.pcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.RealCorpus;
import org.pointea.io.internal.Input;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

class PcdReaderTest {
  private static PointCloud read(byte[] b) throws Exception {
    return PcdReader.read(Input.of(b, "t.pcd"), ReadOptions.DEFAULT);
  }

  private static PointCloud read(String s) throws Exception {
    return read(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void everyTypeSizeCountAndPaddingInBinary() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(("FIELDS x y z _ i8 u16 i64 f8 rgb desc\nSIZE 4 4 8 1 1 2 8 8 4 1\n"
        + "TYPE F F F U I U I F F U\nCOUNT 1 1 1 3 1 1 1 1 1 5\nPOINTS 1\nDATA binary\n")
        .getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    b.putFloat(1).putFloat(2).putDouble(3).put(new byte[3]).put((byte) -7).putShort((short) -1)
        .putLong(-5_000_000_000L).putDouble(0.25).putInt(0x00FF8000)
        .put(new byte[] {1, 2, 3, 4, (byte) 200});
    out.write(b.array(), 0, b.position());
    PointCloud c = read(out.toByteArray());
    assertThat(c.positions()).containsExactly(1, 2, 3);
    assertThat(c.intChannel("i8").get(0, 0)).isEqualTo(-7);
    assertThat(c.intChannel("u16").get(0, 0)).isEqualTo(65535);
    assertThat(c.floatChannel("i64").get(0, 0)).isEqualTo(-5e9f);
    assertThat(c.floatChannel("f8").get(0, 0)).isEqualTo(0.25f);
    assertThat(c.colors()).containsExactly(1f, 128 / 255f, 0f);
    assertThat(c.intChannel("desc").toArray()).containsExactly(1, 2, 3, 4, 200);
    assertThat(c.channelNames()).doesNotContain("_");
  }

  @Test
  void asciiSkipsPaddingTokensAndReadsRgbAsFloatBitsOrInteger() throws Exception {
    PointCloud f = read("FIELDS x y z rgb\nSIZE 4 4 4 4\nTYPE F F F F\nPOINTS 1\nDATA ascii\n"
        + "1 2 3 1.07817165e-39\n");
    PointCloud u = read("FIELDS x y z _ rgb\nSIZE 4 4 4 1 4\nTYPE F F F U U\nCOUNT 1 1 1 2 1\n"
        + "POINTS 1\nDATA ascii\n1 2 3 0 0 769409\n");
    assertThat(f.colors()).containsExactly(11 / 255f, 189 / 255f, 129 / 255f);
    assertThat(u.colors()).isEqualTo(f.colors());
  }

  @Test
  void organizedCloudsKeepNanPointsUnlessAskedToDropThem() throws Exception {
    PointCloud c = PcdReader.read(RealCorpus.file("pcd/pcl/office1.pcd"), ReadOptions.DEFAULT);
    assertThat(c.width()).isEqualTo(640);
    assertThat(c.height()).isEqualTo(480);
    assertThat(c.countNonFinite()).isEqualTo(52744);
    PointCloud d = PcdReader.read(RealCorpus.file("pcd/pcl/office1.pcd"),
        ReadOptions.builder().optRemoveNonFinite(true).build());
    assertThat(d.size()).isEqualTo(307200 - 52744);
    assertThat(d.isOrganized()).isFalse();
    assertThat(d.viewpoint()).isEqualTo(c.viewpoint());
  }

  @Test
  void filesWithoutXyzReadWithNanPositionsAndTheirFields() throws Exception {
    PointCloud c = PcdReader.read(RealCorpus.file("pcd/pcl/stereo_left.pcd"), ReadOptions.DEFAULT);
    assertThat(c.size()).isEqualTo(307200);
    assertThat(c.countNonFinite()).isEqualTo(307200);
    assertThat(c.floatChannel(Channel.COLORS).width()).isEqualTo(4);
  }

  @Test
  void truncatedBinaryAndShortAsciiFailWithPositions() throws Exception {
    String hdr = "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 4\nDATA binary\n";
    byte[] b = java.util.Arrays.copyOf(hdr.getBytes(StandardCharsets.US_ASCII), hdr.length() + 40);
    assertThatThrownBy(() -> read(b)).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> read("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 2\nDATA ascii\n"
        + "1.0 2.0 3.0\n4.0 5.0\n"))
        .hasMessage("t.pcd: line 7, byte 74: expected z but the line ends");
    assertThatThrownBy(() -> read("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 1\nDATA ascii\n"
        + "1 2 3 4\n")).hasMessageContaining("line 6").hasMessageContaining("more than 3");
    assertThatThrownBy(() -> read("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 20000\n"
        + "DATA ascii\n1 2 3\n")).hasMessageContaining("truncated");
  }

  @Test
  void malformedCompressedDataIsRejected() throws Exception {
    String hdr = "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 2\nDATA binary_compressed\n";
    ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    b.put(hdr.getBytes(StandardCharsets.US_ASCII));
    b.putInt(4).putInt(24).put(new byte[] {0, 1, (byte) 0x20, 40});
    byte[] badRef = java.util.Arrays.copyOf(b.array(), b.position());
    assertThatThrownBy(() -> read(badRef)).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("malformed LZF data")
        .satisfies(e -> assertThat(((PointCloudFormatException) e).byteOffset())
            .hasValue(hdr.length() + 8 + 2));
    b.putInt(hdr.length() + 4, 2_000_000_000);
    byte[] bomb = java.util.Arrays.copyOf(b.array(), b.position());
    assertThatThrownBy(() -> read(bomb)).hasMessageContaining("cannot come from");
    b.putInt(hdr.length() + 4, 8);
    byte[] small = java.util.Arrays.copyOf(b.array(), b.position());
    assertThatThrownBy(() -> read(small)).hasMessageContaining("smaller than");
    b.putInt(hdr.length(), 1000);
    b.putInt(hdr.length() + 4, 24);
    byte[] cut = java.util.Arrays.copyOf(b.array(), b.position());
    assertThatThrownBy(() -> read(cut)).hasMessageContaining("truncated");
  }
}

package org.pointea.io.ply;

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
import org.pointea.pointcloud.TriangleMesh;

class PlyReaderTest {
  private static Input input(byte[] b) {
    return Input.of(b, "t.ply");
  }

  private static Input input(String s) {
    return input(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void floatColoursAreKeptNotDividedBy255() throws Exception {
    PointCloud c = PlyReader.read(input("ply\nformat ascii 1.0\nelement vertex 1\n"
        + "property float x\nproperty float y\nproperty float z\nproperty float red\n"
        + "property float green\nproperty float blue\nend_header\n0 0 0 0.5 0.25 1\n"),
        ReadOptions.DEFAULT);
    assertThat(c.colors()).containsExactly(0.5f, 0.25f, 1f);
  }

  @Test
  void ushortColoursScaleBy65535AndExtraScalarsBecomeChannels() throws Exception {
    PointCloud c = PlyReader.read(input("ply\nformat ascii 1.0\nelement vertex 1\n"
        + "property double x\nproperty double y\nproperty double z\nproperty ushort red\n"
        + "property ushort green\nproperty ushort blue\nproperty uchar quality\n"
        + "property int label\nproperty float confidence\nend_header\n"
        + "1 2 3 65535 0 32768 7 -4 0.5\n"), ReadOptions.DEFAULT);
    assertThat(c.colors()).containsExactly(1f, 0f, (float) (32768 / 65535.0));
    assertThat(c.intChannel("quality").get(0, 0)).isEqualTo(7);
    assertThat(c.labels()).containsExactly(-4);
    assertThat(c.floatChannel("confidence").get(0, 0)).isEqualTo(0.5f);
  }

  @Test
  void bigEndianBodiesDecode() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(("ply\nformat binary_big_endian 1.0\nelement vertex 2\nproperty float x\n"
        + "property float y\nproperty float z\nproperty short s\nend_header\n")
        .getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.BIG_ENDIAN);
    b.putFloat(1).putFloat(2).putFloat(3).putShort((short) -2);
    b.putFloat(4).putFloat(5).putFloat(6).putShort((short) 300);
    out.write(b.array());
    PointCloud c = PlyReader.read(input(out.toByteArray()), ReadOptions.DEFAULT);
    assertThat(c.positions()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(c.intChannel("s").toArray()).containsExactly(-2, 300);
  }

  @Test
  void crlfOnlyAfterEndHeaderAndABodyStartingWithANewlineByte() throws Exception {
    float first = Float.intBitsToFloat(0x3F80000A); // little endian: first byte 0x0A
    for (String end : new String[] {"end_header\r\n", "end_header\n", "end_header \n"}) {
      ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
      b.put(("ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty float x\n"
          + "property float y\nproperty float z\n" + end).getBytes(StandardCharsets.US_ASCII));
      b.putFloat(first).putFloat(2).putFloat(3);
      byte[] bytes = java.util.Arrays.copyOf(b.array(), b.position());
      assertThat(PlyReader.read(input(bytes), ReadOptions.DEFAULT).positions())
          .as(end).containsExactly(first, 2, 3);
    }
  }

  @Test
  void listPropertiesInsideTheVertexElementAreSkipped() throws Exception {
    String ascii = "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\n"
        + "property list uchar int ids\nproperty float y\ncomment between properties\n"
        + "property float z\nend_header\n1 2 7 8 2 3\n4 0 5 6\n";
    PointCloud c = PlyReader.read(input(ascii), ReadOptions.DEFAULT);
    assertThat(c.positions()).containsExactly(1, 2, 3, 4, 5, 6);
    ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    b.put(("ply\nformat binary_little_endian 1.0\nelement vertex 2\nproperty float x\n"
        + "property list uchar int ids\nproperty float y\nproperty float z\nend_header\n")
        .getBytes(StandardCharsets.US_ASCII));
    b.putFloat(1).put((byte) 2).putInt(7).putInt(8).putFloat(2).putFloat(3);
    b.putFloat(4).put((byte) 0).putFloat(5).putFloat(6);
    byte[] bytes = java.util.Arrays.copyOf(b.array(), b.position());
    assertThat(PlyReader.read(input(bytes), ReadOptions.DEFAULT).positions())
        .containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void polygonsAreFanTriangulatedAndOtherElementsSkipped() throws Exception {
    TriangleMesh m = PlyReader.readMesh(input("ply\nformat ascii 1.0\nelement vertex 5\n"
        + "property float x\nproperty float y\nproperty float z\nelement face 2\n"
        + "property list uchar int vertex_indices\nproperty uchar red\nelement edge 1\n"
        + "property int a\nproperty int b\nend_header\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n2 2 0\n"
        + "5 0 1 2 4 3 255\n2 0 1 9\n0 1\n"));
    assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 4, 0, 4, 3);
  }

  @Test
  void channelFilterSkipsDecoding() throws Exception {
    PointCloud c = PlyReader.read(RealCorpus.file("ply/open3d/color.ply"),
        ReadOptions.builder().optChannels(Channel.COLORS).build());
    assertThat(c.channelNames()).containsExactly(Channel.COLORS);
  }

  @Test
  void truncatedAndOversizedBodiesFailWithTheOffset() {
    String hdr = "ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\n"
        + "property float y\nproperty float z\nend_header\n";
    byte[] b = java.util.Arrays.copyOf(hdr.getBytes(StandardCharsets.US_ASCII),
        hdr.length() + 30);
    assertThatThrownBy(() -> PlyReader.read(input(b), ReadOptions.DEFAULT))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("truncated")
        .satisfies(e -> assertThat(((PointCloudFormatException) e).byteOffset())
            .hasValue(hdr.length()));
    String huge = hdr.replace("vertex 3", "vertex 2000000000");
    assertThatThrownBy(() -> PlyReader.read(input(huge), ReadOptions.DEFAULT))
        .isInstanceOf(PointCloudFormatException.class).hasMessageContaining("truncated");
    String ascii = "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\n"
        + "property float z\nend_header\n1 2 3\n4 five 6\n";
    assertThatThrownBy(() -> PlyReader.read(input(ascii), ReadOptions.DEFAULT))
        .hasMessage("t.ply: line 9, byte 108: expected y, got 'five'");
    String uchar = "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
        + "property float z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n"
        + "end_header\n1 2 3 256 0 0\n";
    assertThatThrownBy(() -> PlyReader.read(input(uchar), ReadOptions.DEFAULT))
        .hasMessageContaining("outside [0, 255]");
  }

  @Test
  void negativeAndHugeListLengthsAreRejected() {
    ByteBuffer b = ByteBuffer.allocate(300).order(ByteOrder.LITTLE_ENDIAN);
    b.put(("ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty float x\n"
        + "property float y\nproperty float z\nelement face 1\n"
        + "property list int int vertex_indices\nend_header\n").getBytes(StandardCharsets.US_ASCII));
    b.putFloat(0).putFloat(0).putFloat(0).putInt(-5);
    byte[] neg = java.util.Arrays.copyOf(b.array(), b.position());
    assertThatThrownBy(() -> PlyReader.readMesh(input(neg)))
        .isInstanceOf(PointCloudFormatException.class).hasMessageContaining("bad vertex count -5");
    b.putInt(b.position() - 4, Integer.MAX_VALUE);
    byte[] huge = java.util.Arrays.copyOf(b.array(), b.position());
    assertThatThrownBy(() -> PlyReader.readMesh(input(huge)))
        .isInstanceOf(PointCloudFormatException.class);
  }

  @Test
  void faceIndicesBeyondTheVerticesAreRejected() {
    String s = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
        + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
        + "0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n";
    assertThatThrownBy(() -> PlyReader.readMesh(input(s)))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("face 0 refers to vertex 3");
  }

  @Test
  void aFileWithoutVerticesIsRejected() {
    assertThatThrownBy(() -> PlyReader.read(input("ply\nformat ascii 1.0\nelement face 0\n"
        + "property list uchar int vertex_indices\nend_header\n"), ReadOptions.DEFAULT))
        .hasMessageContaining("no 'vertex' element");
  }

  @Test
  void aFaceIndexOutOfRangeNamesItsLineAndByte() {
    // issue 12, G: face-index errors named neither
    String ply = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
        + "property float z\nelement face 1\nproperty list uchar int vertex_indices\n"
        + "end_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n";
    byte[] b = ply.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> PlyReader.readMesh(org.pointea.io.internal.Input.of(b, "f.ply")))
        .hasMessage("f.ply: line 13, byte " + ply.lastIndexOf('7')
            + ": face 0 refers to vertex 7 but there are 3 vertices");
  }
}

package org.pointea.io.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.io.Allocation;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.ros.PointCloud2;
import org.pointea.io.ros.PointCloud2Codec;
import org.pointea.io.ros.PointField;
import org.pointea.pointcloud.PointCloud;

/**
 * Issue 12, cause A: records without positions, or of no value at all, cannot make a few bytes
 * claim millions of points, in any format that goes through {@link CloudAssembler}.
 */
class CloudAssemblerTest {
  private static final long FEW_MIB = 8L << 20;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static PointCloud read(String text, PointCloudFormat f) throws Exception {
    return PointCloudIO.read(ascii(text), f, ReadOptions.DEFAULT, "a." + f.name().toLowerCase());
  }

  @Test
  void plyVertexWithoutPropertiesIsRefusedWithoutAllocating() {
    for (String count : List.of("536870912", "715827883", "2000000000")) {
      for (String enc : List.of("binary_little_endian", "ascii")) {
        String ply = "ply\nformat " + enc + " 1.0\nelement vertex " + count + "\nend_header\n";
        assertThat(Allocation.of(() -> read(ply, PointCloudFormat.PLY))).isLessThan(FEW_MIB);
        assertThatThrownBy(() -> read(ply, PointCloudFormat.PLY))
            .isInstanceOf(PointCloudFormatException.class)
            .hasMessageContaining("records hold no values")
            .satisfies(e -> assertThat(((PointCloudFormatException) e).byteOffset()).isPresent());
      }
    }
  }

  @Test
  void plyVertexWithoutPositionsIsAFormatError() {
    // the audit's 749-byte file read as 16,777,216 points: only a colour per vertex
    String ply = "ply\nformat ascii 1.0\nelement vertex 16777216\nproperty uchar red\nend_header\n";
    assertThatThrownBy(() -> read(ply + "1\n2\n", PointCloudFormat.PLY))
        .isInstanceOf(PointCloudFormatException.class);
    String small = "ply\nformat ascii 1.0\nelement vertex 2\nproperty uchar red\nend_header\n1\n2\n";
    assertThatThrownBy(() -> read(small, PointCloudFormat.PLY))
        .hasMessageContaining("no x, y, z fields").hasMessageContaining("red");
  }

  @Test
  void pcdWhoseFieldsAllHaveCountZeroIsRefused() {
    for (String data : List.of("binary", "ascii", "binary_compressed")) {
      String pcd = "VERSION .7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 0 0 0\n"
          + "WIDTH 400000000\nHEIGHT 1\nPOINTS 400000000\nDATA " + data + "\n"
          + "\0\0\0\0\0\0\0\0";
      assertThat(Allocation.of(() -> read(pcd, PointCloudFormat.PCD))).isLessThan(FEW_MIB);
      assertThatThrownBy(() -> read(pcd, PointCloudFormat.PCD))
          .isInstanceOf(PointCloudFormatException.class);
    }
  }

  @Test
  void pcdWithoutPositionsButWithValuesStillReadsAsPclDoes() throws Exception {
    String pcd = "VERSION .7\nFIELDS rgba\nSIZE 4\nTYPE U\nCOUNT 1\nWIDTH 2\nHEIGHT 1\n"
        + "POINTS 2\nDATA ascii\n4278190335\n4278255360\n";
    PointCloud c = read(pcd, PointCloudFormat.PCD);
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.positions()[0]).isNaN();
    assertThat(c.colors()).hasSize(8);
  }

  @Test
  void pointCloud2WithoutPositionsOrWithOverlappingFieldsIsRefused() {
    int points = 1 << 20;
    PointCloud2 noXyz = new PointCloud2(0, 0, "f", points, 1,
        List.of(new PointField("intensity", 0, PointField.FLOAT32, 1)), false, 0, 0, new byte[0],
        true);
    assertThatThrownBy(() -> PointCloud2Codec.decode(noXyz))
        .isInstanceOf(PointCloudFormatException.class);
    PointCloud2 noFields = new PointCloud2(0, 0, "f", points, 1, List.of(), false, 0, 0,
        new byte[0], true);
    assertThat(Allocation.of(() -> PointCloud2Codec.decode(noFields))).isLessThan(FEW_MIB);
    assertThatThrownBy(() -> PointCloud2Codec.decode(noFields))
        .hasMessageContaining("no values");
    List<PointField> overlapping = new java.util.ArrayList<>();
    for (String n : List.of("x", "y", "z", "a", "b", "c", "d", "e")) {
      overlapping.add(new PointField(n, 0, PointField.UINT8, 1));
    }
    PointCloud2 overlap = new PointCloud2(0, 0, "f", 1, 4, overlapping, false, 1, 4,
        new byte[4], true);
    assertThatThrownBy(() -> PointCloud2Codec.decode(overlap)).hasMessageContaining("overlap");
  }

  @Test
  void aNonIntegralBinaryLabelNamesItsByte() {
    byte[] head = ascii("VERSION .7\nFIELDS x y z label\nSIZE 4 4 4 4\nTYPE F F F F\n"
        + "COUNT 1 1 1 1\nWIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA binary\n");
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(head.length + 32)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(head).putFloat(0).putFloat(0).putFloat(0).putFloat(1)
        .putFloat(0).putFloat(0).putFloat(0).putFloat(0.5f);
    assertThatThrownBy(() -> PointCloudIO.read(b.array(), PointCloudFormat.PCD,
        ReadOptions.DEFAULT, "l.pcd"))
        .hasMessageStartingWith("l.pcd: byte " + (head.length + 16 + 12) + ": ")
        .hasMessageContaining("not an integer label");
  }
}

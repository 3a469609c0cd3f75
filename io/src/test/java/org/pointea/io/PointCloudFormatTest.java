package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PointCloudFormatTest {
  private static PointCloudFormat magic(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return PointCloudFormat.fromMagic(b, b.length).orElse(null);
  }

  @Test
  void signatures() {
    assertThat(magic("ply\nformat ascii 1.0\n")).isEqualTo(PointCloudFormat.PLY);
    assertThat(magic("ply\r\nformat ascii 1.0\r\n")).isEqualTo(PointCloudFormat.PLY);
    assertThat(magic("# .PCD v0.7\nVERSION 0.7\n")).isEqualTo(PointCloudFormat.PCD);
    assertThat(magic("VERSION .5\nFIELDS x\n")).isEqualTo(PointCloudFormat.PCD);
    assertThat(magic("OFF\n8 6 12\n")).isEqualTo(PointCloudFormat.OFF);
    assertThat(magic("\t  OFF8 6 12 # or nah\n")).isEqualTo(PointCloudFormat.OFF);
    assertThat(magic("COFF\n")).isEqualTo(PointCloudFormat.OFF);
    assertThat(magic("\u0093NUMPY\u0001\u0000")).isEqualTo(PointCloudFormat.NPY);
    assertThat(magic("\u0089HDF\r\n\u001a\n")).isEqualTo(PointCloudFormat.HDF5);
    assertThat(magic("1 2 3\n")).isNull();
    assertThat(magic("plywood")).isNull();
  }

  @Test
  void extensions() {
    assertThat(PointCloudFormat.fromExtension(Path.of("a/b.PLY"))).hasValue(PointCloudFormat.PLY);
    assertThat(PointCloudFormat.fromExtension(Path.of("x.hdf5"))).hasValue(PointCloudFormat.HDF5);
    assertThat(PointCloudFormat.fromExtension(Path.of("x.xyzrgb")))
        .hasValue(PointCloudFormat.XYZRGB);
    assertThat(PointCloudFormat.fromExtension(Path.of("noext"))).isEmpty();
    assertThat(PointCloudFormat.PTS.isText()).isTrue();
    assertThat(PointCloudFormat.OFF.holdsMeshes()).isTrue();
  }
}

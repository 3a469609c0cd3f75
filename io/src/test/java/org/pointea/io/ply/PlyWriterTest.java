package org.pointea.io.ply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.ReadOptions;
import org.pointea.io.TestClouds;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

class PlyWriterTest {
  @TempDir
  Path dir;

  @Test
  void everyEncodingRoundTripsEveryChannelBitForBit() throws Exception {
    PointCloud c = TestClouds.rich(500, 1, false);
    for (PlyWriteOptions o : List.of(PlyWriteOptions.binaryLittleEndian(),
        PlyWriteOptions.binaryBigEndian(), PlyWriteOptions.ascii())) {
      Path p = dir.resolve(o.encoding() + ".ply");
      PlyWriter.write(p, c, o);
      PointCloud r = PlyReader.read(p, ReadOptions.DEFAULT);
      assertThat(r.positions()).isEqualTo(c.positions());
      for (String ch : List.of(Channel.NORMALS, Channel.COLORS, Channel.INTENSITY, Channel.LABELS,
          "curvature")) {
        assertThat(r.channel(ch)).as(o + " " + ch).isEqualTo(c.channel(ch));
      }
      // PLY has no multi-valued scalar: a width-2 channel becomes two properties
      int[] ids = c.intChannel("ids").toArray();
      for (int i = 0; i < c.size(); i++) {
        assertThat(r.intChannel("ids_0").get(i, 0)).isEqualTo(ids[2 * i]);
        assertThat(r.intChannel("ids_1").get(i, 0)).isEqualTo(ids[2 * i + 1]);
      }
    }
  }

  @Test
  void floatColoursKeepArbitraryValues() throws Exception {
    PointCloud c = PointCloud.builder(new float[] {1, 2, 3}).colors(new float[] {0.1234567f,
        0.5f, 1e-3f}, 3).build();
    Path p = dir.resolve("c.ply");
    PlyWriter.write(p, c, PlyWriteOptions.binaryLittleEndian().withFloatColors(true));
    assertThat(PlyReader.read(p, ReadOptions.DEFAULT)).isEqualTo(c);
    assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("property float red");
  }

  @Test
  void aGlobalOriginIsWrittenAsAbsoluteDoubles() throws Exception {
    PointCloud c = PointCloud.builder(new float[] {187.52208f, 349.895f, 241.7677f, 1, 2, 3})
        .origin(665000, 5648000, 0).build();
    Path p = dir.resolve("utm.ply");
    PlyWriter.write(p, c, PlyWriteOptions.binaryLittleEndian());
    assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("property double x");
    PointCloud r = PlyReader.read(p, ReadOptions.DEFAULT);
    assertThat(r.origin()).containsExactly(665000, 5648000, 0);
    assertThat(r.positions()).isEqualTo(c.positions());
  }

  @Test
  void meshesRoundTripInEveryEncoding() throws Exception {
    TriangleMesh m = new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0},
        new int[] {0, 1, 2, 0, 2, 3}, new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1});
    for (PlyWriteOptions o : List.of(PlyWriteOptions.binaryLittleEndian(),
        PlyWriteOptions.binaryBigEndian(), PlyWriteOptions.ascii())) {
      Path p = dir.resolve("m.ply");
      PlyWriter.writeMesh(p, m, o);
      assertThat(PlyReader.readMesh(p)).isEqualTo(m);
    }
  }

  @Test
  void writesTheHeaderOpen3dAndPclExpect() throws Exception {
    Path p = dir.resolve("h.ply");
    PlyWriter.write(p, TestClouds.rich(2, 2, false), PlyWriteOptions.ascii());
    String text = Files.readString(p);
    assertThat(text).startsWith("ply\nformat ascii 1.0\ncomment Created by pointea\n"
        + "element vertex 2\nproperty float x\nproperty float y\nproperty float z\n"
        + "property float nx\nproperty float ny\nproperty float nz\nproperty uchar red\n"
        + "property uchar green\nproperty uchar blue\nproperty uchar alpha\n");
    assertThat(dir.toFile().list()).containsExactly("h.ply");
  }
}

package org.pointea.io.off;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.ReadOptions;
import org.pointea.io.TestClouds;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

class OffWriterTest {
  @TempDir
  Path dir;

  @Test
  void meshesRoundTripExactlyWithShortestNumbers() throws Exception {
    PointCloud c = TestClouds.xyz(300, 5);
    int[] tri = new int[3 * 200];
    for (int i = 0; i < tri.length; i++) {
      tri[i] = (i * 7919) % 300;
    }
    TriangleMesh m = new TriangleMesh(c.positions(), tri);
    Path p = dir.resolve("m.off");
    OffWriter.writeMesh(p, m, OffWriteOptions.DEFAULT);
    assertThat(OffReader.readMesh(p)).isEqualTo(m);
  }

  @Test
  void modelNetStyleGluedHeaderAndFixedDecimals() throws Exception {
    TriangleMesh m = new TriangleMesh(new float[] {0, 0, 0, 1.5f, 0, 0, 0, 1, 0},
        new int[] {0, 1, 2});
    Path p = dir.resolve("g.off");
    OffWriter.writeMesh(p, m, new OffWriteOptions(true, 6));
    assertThat(Files.readString(p)).isEqualTo("OFF3 1 0\n0.000000 0.000000 0.000000\n"
        + "1.500000 0.000000 0.000000\n0.000000 1.000000 0.000000\n3 0 1 2\n");
    assertThat(OffReader.readMesh(p)).isEqualTo(m);
  }

  @Test
  void cloudsAreWrittenAsVerticesOnly() throws Exception {
    PointCloud c = TestClouds.xyz(10, 6);
    Path p = dir.resolve("c.off");
    OffWriter.write(p, c, OffWriteOptions.DEFAULT);
    assertThat(OffReader.read(p, ReadOptions.DEFAULT)).isEqualTo(c);
  }

  @Test
  void colouredVerticesAreWrittenAsCoffWithBytesAndReadBack() throws Exception {
    PointCloud c = PointCloud.builder(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0})
        .colors(new float[] {1, 0, 0, 0, 0.5f, 0, 0, 0, 1}, 3).build();
    Path p = dir.resolve("coloured.off");
    OffWriter.writeMesh(p, c, new int[] {0, 1, 2}, OffWriteOptions.DEFAULT);
    assertThat(Files.readString(p)).isEqualTo("COFF\n3 1 0\n0 0 0 255 0 0 255\n1 0 0 0 128 0 255\n"
        + "0 1 0 0 0 255 255\n3 0 1 2\n");
    PointCloud back = OffReader.read(p, ReadOptions.DEFAULT);
    // COFF always has RGBA (Open3D refuses three values): RGB comes back with alpha 1
    assertThat(back.colors()).containsExactly(1, 0, 0, 1, 0, 128 / 255f, 0, 1, 0, 0, 1, 1);
    assertThat(OffReader.readMesh(p).triangles()).containsExactly(0, 1, 2);
  }
}

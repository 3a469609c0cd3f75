package org.pointea.io.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.TestClouds;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

class TextWriterTest {
  @TempDir
  Path dir;

  @Test
  void shortestNumbersRoundTripBitForBit() throws Exception {
    PointCloud rich = TestClouds.rich(200, 7, false);
    PointCloud c = PointCloud.builder(rich.positions()).normals(rich.normals())
        .colors(rich.colors(), 4).intensity(rich.floatChannel(Channel.INTENSITY).toArray())
        .labels(rich.labels()).build();
    for (PointCloudFormat f : List.of(PointCloudFormat.CSV, PointCloudFormat.TXT)) {
      Path p = dir.resolve("c." + f.extensions().get(0));
      PointCloudIO.write(p, c);
      assertThat(PointCloudIO.read(p)).as(f.toString()).isEqualTo(c);
    }
    Path p = dir.resolve("c.xyzn");
    PointCloud n = PointCloud.builder(c.positions()).normals(c.normals()).build();
    PointCloudIO.write(p, n);
    assertThat(PointCloudIO.read(p)).isEqualTo(n);
  }

  @Test
  void modelNetAndShapeNetLayoutsLookLikeTheOriginals() throws Exception {
    PointCloud c = PointCloud.builder(new float[] {-0.09879f, -0.1823f, 0.1638f})
        .normals(new float[] {0.829f, -0.5572f, -0.04818f}).labels(new int[] {2}).build();
    Path mn = dir.resolve("airplane_0001.txt");
    TextWriter.write(mn, c, TextWriteOptions.modelNet());
    assertThat(Files.readString(mn))
        .isEqualTo("-0.098790,-0.182300,0.163800,0.829000,-0.557200,-0.048180\n");
    Path sn = dir.resolve("shape.txt");
    TextWriter.write(sn, c, TextWriteOptions.shapeNetPart());
    assertThat(Files.readString(sn))
        .isEqualTo("-0.098790 -0.182300 0.163800 0.829000 -0.557200 -0.048180 2.000000\n");
    assertThat(TextReader.read(sn, TextLayout.SHAPENET_PART, ReadOptions.DEFAULT).labels())
        .containsExactly(2);
  }

  @Test
  void ptsWritesACountLineAndByteColours() throws Exception {
    PointCloud c = PointCloud.builder(new float[] {1, 2, 3}).intensity(new float[] {5})
        .colors(new float[] {1, 0, 0.2f}, 3).build();
    Path p = dir.resolve("c.pts");
    PointCloudIO.write(p, c);
    assertThat(Files.readString(p)).isEqualTo("1\n1 2 3 5 255 0 51\n");
    assertThat(PointCloudIO.read(p)).isEqualTo(c);
  }

  @Test
  void aLayoutNeedingAMissingChannelIsAnArgumentError() {
    assertThatThrownBy(() -> TextWriter.write(dir.resolve("x.txt"), TestClouds.xyz(3, 1),
        TextWriteOptions.modelNet())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no normals");
  }
}

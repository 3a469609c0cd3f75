package org.pointea.io.pcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.ReadOptions;
import org.pointea.io.TestClouds;
import org.pointea.pointcloud.PointCloud;

class PcdWriterTest {
  @TempDir
  Path dir;

  @Test
  void everyEncodingRoundTripsTheWholeCloudBitForBit() throws Exception {
    for (PointCloud c : List.of(TestClouds.rich(1000, 3, true), TestClouds.rich(7, 4, false),
        PointCloud.empty())) {
      for (PcdWriteOptions o : List.of(PcdWriteOptions.ascii(), PcdWriteOptions.binary(),
          PcdWriteOptions.binaryCompressed())) {
        Path p = dir.resolve(o.encoding() + ".pcd");
        PcdWriter.write(p, c, o);
        assertThat(PcdReader.read(p, ReadOptions.DEFAULT)).as(o.toString()).isEqualTo(c);
      }
    }
  }

  @Test
  void rgbIsPackedAsPclDoes() throws Exception {
    PointCloud c = PointCloud.builder(new float[] {1, 2, 3})
        .colors(new float[] {11 / 255f, 189 / 255f, 129 / 255f}, 3).build();
    Path p = dir.resolve("rgb.pcd");
    PcdWriter.write(p, c, PcdWriteOptions.ascii());
    String text = Files.readString(p);
    assertThat(text).contains("FIELDS x y z rgb\nSIZE 4 4 4 4\nTYPE F F F U\nCOUNT 1 1 1 1\n")
        .endsWith("1 2 3 769409\n");
    PcdWriter.write(p, c, PcdWriteOptions.binary());
    assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("TYPE F F F F\n");
    assertThat(PcdReader.read(p, ReadOptions.DEFAULT)).isEqualTo(c);
  }

  @Test
  void channelNamesThatCannotBeFieldNamesAreRefused() {
    PointCloud c = PointCloud.builder(new float[] {1, 2, 3}).channel("my field", 1,
        new float[] {1}).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PcdWriter.write(
        dir.resolve("x.pcd"), c, PcdWriteOptions.binary()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'my field'");
  }

  @Test
  void aGlobalOriginIsWrittenAsFloat64() throws Exception {
    PointCloud c = PointCloud.builder(new float[] {187.5f, 349.875f, 241.25f})
        .origin(665000, 5648000, 0).build();
    Path p = dir.resolve("utm.pcd");
    PcdWriter.write(p, c, PcdWriteOptions.binaryCompressed());
    assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("SIZE 8 8 8\nTYPE F F F\n");
    assertThat(PcdReader.read(p, ReadOptions.DEFAULT)).isEqualTo(c);
  }

  @Test
  void compressedIsSmallerThanBinaryOnStructuredData() throws Exception {
    PointCloud c = org.pointea.io.PointCloudIO.read(
        org.pointea.io.RealCorpus.file("pcd/pcl/office1.pcd"));
    Path bin = dir.resolve("b.pcd");
    Path lzf = dir.resolve("c.pcd");
    PcdWriter.write(bin, c, PcdWriteOptions.binary());
    PcdWriter.write(lzf, c, PcdWriteOptions.binaryCompressed());
    assertThat(Files.size(lzf)).isLessThan(Files.size(bin) / 2);
    assertThat(PcdReader.read(lzf, ReadOptions.DEFAULT)).isEqualTo(c);
  }
}

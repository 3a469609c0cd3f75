package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.npy.NpyWriteOptions;
import org.pointea.io.off.OffWriteOptions;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

class PointCloudIOTest {
  @TempDir
  Path dir;

  @Test
  void writesEveryFormatByExtensionAndReadsItBack() throws Exception {
    PointCloud r = TestClouds.rich(100, 1, false);
    float[] rgb = new float[300];
    for (int i = 0; i < 100; i++) {
      System.arraycopy(r.colors(), 4 * i, rgb, 3 * i, 3);
    }
    PointCloud c = PointCloud.builder(r.positions()).normals(r.normals()).colors(rgb, 3).build();
    for (PointCloudFormat f : PointCloudFormat.values()) {
      Path p = dir.resolve("c." + f.extensions().get(0));
      PointCloudIO.write(p, c);
      PointCloud back = PointCloudIO.read(p);
      if (f == PointCloudFormat.LAS) {
        // LAS stores integers at a scale: 1 mm by default
        assertThat(back.positions()).as(f.toString())
            .containsExactly(c.positions(), org.assertj.core.api.Assertions.within(0.0005f));
        continue;
      }
      assertThat(back.positions()).as(f.toString()).isEqualTo(c.positions());
    }
  }

  @Test
  void theOptionsDecideTheFormatWhateverTheName() throws Exception {
    PointCloud c = TestClouds.rich(10, 2, false);
    Path p = dir.resolve("cloud.bin");
    for (WriteOptions o : List.of(PlyWriteOptions.ascii(), PcdWriteOptions.binaryCompressed(),
        NpyWriteOptions.DEFAULT, OffWriteOptions.DEFAULT, PointNetH5WriteOptions.DEFAULT)) {
      PointCloudIO.write(p, c, o);
      assertThat(PointCloudFormat.detect(p)).isEqualTo(o.format());
      assertThat(PointCloudIO.read(p).positions()).isEqualTo(c.positions());
    }
  }

  @Test
  void contentBeatsAMisleadingExtension() throws Exception {
    Path p = dir.resolve("actually_a_pcd.ply");
    PointCloudIO.write(p, TestClouds.xyz(3, 3), PcdWriteOptions.ascii());
    assertThat(PointCloudFormat.detect(p)).isEqualTo(PointCloudFormat.PCD);
    assertThat(PointCloudIO.read(p).size()).isEqualTo(3);
  }

  @Test
  void streamsAndByteArraysRead() throws Exception {
    byte[] b = Files.readAllBytes(RealCorpus.file("pcd/pcl/bunny.pcd"));
    assertThat(PointCloudIO.read(new ByteArrayInputStream(b), PointCloudFormat.PCD,
        ReadOptions.DEFAULT).size()).isEqualTo(397);
    assertThat(PointCloudIO.read(b, PointCloudFormat.PCD, ReadOptions.DEFAULT).size())
        .isEqualTo(397);
  }

  @Test
  void optionsFilterChannelsRemoveNanPointsAndReportProgress() throws Exception {
    List<Double> progress = new ArrayList<>();
    ReadOptions o = ReadOptions.builder().optRemoveNonFinite(true)
        .optChannels(Channel.COLORS).optProgress(progress::add).build();
    PointCloud c = PointCloudIO.read(RealCorpus.file("generated/pcl/table_scene_mug_passthrough_keep.pcd"), o);
    assertThat(c.size()).isEqualTo(307200 - 182646);
    assertThat(c.channelNames()).containsExactly(Channel.COLORS);
    assertThat(progress).isNotEmpty().isSorted();
    assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
  }

  @Test
  void meshesReadFromPlyAndOffAndWriteBothWays() throws Exception {
    TriangleMesh ply = PointCloudIO.readMesh(RealCorpus.file("ply/open3d/bathtub_0154.ply"));
    assertThat(ply.triangleCount()).isEqualTo(1194);
    Path off = dir.resolve("bathtub.off");
    PointCloudIO.writeMesh(off, ply);
    assertThat(PointCloudIO.readMesh(off)).isEqualTo(ply);
    Path back = dir.resolve("bathtub.ply");
    PointCloudIO.writeMesh(back, PointCloudIO.readMesh(off));
    assertThat(PointCloudIO.readMesh(back)).isEqualTo(ply);
    assertThatThrownBy(() -> PointCloudIO.readMesh(RealCorpus.file("pcd/pcl/bunny.pcd")))
        .isInstanceOf(PointCloudFormatException.class).hasMessageContaining("hold no meshes");
    assertThatThrownBy(() -> PointCloudIO.writeMesh(dir.resolve("m.pcd"), ply))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batchesOfHdf5CloudsNeedReadAll() throws Exception {
    Path h5 = RealCorpus.file("generated/h5py/modelnet40_ply_data_plain.h5");
    assertThat(PointCloudIO.readAll(h5, ReadOptions.DEFAULT)).hasSize(4);
    assertThatThrownBy(() -> PointCloudIO.read(h5)).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("batch of 4 clouds");
  }

  @Test
  void unknownFilesAreRejectedClearly() throws Exception {
    Path p = dir.resolve("mystery.bin");
    Files.write(p, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> PointCloudIO.read(p)).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("cannot tell the format");
    assertThatThrownBy(() -> PointCloudIO.write(dir.resolve("x.bin"), TestClouds.xyz(1, 1)))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("pass WriteOptions");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
    Path p = dir.resolve("keep.txt");
    PointCloudIO.write(p, TestClouds.xyz(2, 1));
    String before = Files.readString(p);
    PointCloud noNormals = TestClouds.xyz(2, 2);
    assertThatThrownBy(() -> PointCloudIO.write(p, noNormals,
        org.pointea.io.text.TextWriteOptions.modelNet()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.readString(p)).isEqualTo(before);
    assertThat(dir.toFile().list()).containsExactly("keep.txt");
  }
}

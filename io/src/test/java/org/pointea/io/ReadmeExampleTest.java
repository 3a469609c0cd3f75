package org.pointea.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.io.ros.PointCloud2Codec;
import org.pointea.io.ros.PointCloud2Serializer;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/** The README's formats snippet, run on corpus files. */
class ReadmeExampleTest {
  @TempDir
  Path dir;

  @Test
  void theReadmeSnippetWorks() throws Exception {
    PointCloud scan = PointCloudIO.read(RealCorpus.file("pcd/pcl/office1.pcd"));
    PointCloud dense = PointCloudIO.read(RealCorpus.file("pcd/pcl/office1.pcd"),
        ReadOptions.builder().optRemoveNonFinite(true).optChannels(Channel.COLORS).build());
    PointCloudIO.write(dir.resolve("office1.ply"), dense, PlyWriteOptions.binaryLittleEndian());
    PointCloudIO.write(dir.resolve("office1_lzf.pcd"), scan, PcdWriteOptions.binaryCompressed());
    PointCloud ply = PointCloudIO.read(dir.resolve("office1.ply"));
    assertThat(ply.positions()).isEqualTo(dense.positions());
    assertThat(ply.colors()).isEqualTo(dense.colors());   // PLY keeps no viewpoint
    assertThat(PointCloudIO.read(dir.resolve("office1_lzf.pcd"))).isEqualTo(scan);

    TriangleMesh chair = PointCloudIO.readMesh(RealCorpus.file("off/trimesh/whitespace.off"));
    assertThat(chair.triangleCount()).isEqualTo(12);
    PointCloud withNormals = PointCloudIO.read(RealCorpus.file("generated/open3d/rand.xyzn"));
    Path airplane = dir.resolve("airplane_0001.txt");
    PointCloudIO.write(airplane, withNormals, TextWriteOptions.modelNet());
    PointCloud shape = TextReader.read(airplane, TextLayout.MODELNET, ReadOptions.DEFAULT);
    assertThat(shape.hasNormals()).isTrue();
    PointNetBatch batch = PointNetH5Reader.read(RealCorpus.file(
        "generated/h5py/modelnet40_ply_data_plain.h5"));
    assertThat(batch.size()).isEqualTo(4);
    NpyArray labels = NpyReader.readArray(RealCorpus.file("generated/h5py/groundtruth_pid.npy"));
    assertThat(labels.shape()).containsExactly(4, 2048);
    byte[] bagRecordBytes = PointCloud2Serializer.toCdr(PointCloud2Codec.encode(dense, "map"));
    PointCloud lidar = PointCloud2Codec.decode(PointCloud2Serializer.fromCdr(bagRecordBytes));
    assertThat(lidar.positions()).isEqualTo(dense.positions());
    assertThat(lidar.colors()).isEqualTo(dense.colors());
  }
}

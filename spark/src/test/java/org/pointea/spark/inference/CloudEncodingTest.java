package org.pointea.spark.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ros.PointCloud2Codec;
import org.pointea.io.ros.PointCloud2Serializer;
import org.pointea.pointcloud.PointCloud;

class CloudEncodingTest {
  @Test
  void filesAreReadBySignatureThenExtensionAsPointCloudIoReadsThem() throws Exception {
    Path pcd = Path.of("src/test/resources/real/generated_pcl_colored_cloud_binary_compressed.pcd");
    byte[] bytes = Files.readAllBytes(pcd);
    PointCloud expected = PointCloudIO.read(pcd);
    assertThat(CloudEncoding.FILE.decode(bytes, "s3a://b/x/no-extension").positions())
        .containsExactly(expected.positions());
    Path xyz = Path.of("src/test/resources/real/xyz_open3d_simple.xyz");
    assertThat(CloudEncoding.FILE.decode(Files.readAllBytes(xyz), "hdfs:///a/simple.xyz").size())
        .isEqualTo(PointCloudIO.read(xyz).size());
    assertThatThrownBy(() -> CloudEncoding.FILE.decode(new byte[] {1, 2, 3}, "hdfs:///a/blob"))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage("hdfs:///a/blob: byte 0: not a point-cloud format pointea reads (unknown signature and extension)");
  }

  @Test
  void pointCloud2ErrorsNameTheRowAndKeepTheOffset() throws Exception {
    PointCloud c = PointCloud.of(new float[] {1, 2, 3, 4, 5, 6});
    byte[] ros1 = PointCloud2Serializer.toRos1(PointCloud2Codec.encode(c, "f"));
    assertThat(CloudEncoding.POINTCLOUD2_ROS1.decode(ros1, "row-1").positions())
        .containsExactly(c.positions());
    assertThatThrownBy(() -> CloudEncoding.POINTCLOUD2_ROS1.decode(Arrays.copyOf(ros1, 30), "row-2"))
        .isInstanceOf(PointCloudFormatException.class).hasMessageStartingWith("row-2: ");
    assertThatThrownBy(() -> CloudEncoding.POINTCLOUD2_CDR.decode(ros1, "row-3"))
        .isInstanceOf(PointCloudFormatException.class).hasMessageStartingWith("row-3: ");
  }
}

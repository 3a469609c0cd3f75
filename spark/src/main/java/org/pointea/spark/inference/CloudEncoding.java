package org.pointea.spark.inference;

import java.io.IOException;
import java.nio.file.Path;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.ros.PointCloud2;
import org.pointea.io.ros.PointCloud2Codec;
import org.pointea.io.ros.PointCloud2Serializer;
import org.pointea.pointcloud.PointCloud;

/** What the bytes of an input row are, and how they become a {@link PointCloud}. */
public enum CloudEncoding {
  /**
   * A file in any format pointea reads: the format from the name's extension, else from the
   * first bytes (PLY, PCD, OFF, NPY, HDF5).
   */
  FILE,
  /** A ROS 1 serialized {@code sensor_msgs/PointCloud2} message (as in {@code .bag} records). */
  POINTCLOUD2_ROS1,
  /** A ROS 2 CDR {@code sensor_msgs/msg/PointCloud2} message (as in rosbag2 / MCAP records). */
  POINTCLOUD2_CDR;

  /**
   * Decodes one input.
   *
   * @param bytes the content
   * @param name the file or row id, for the format and in messages
   * @return the cloud
   * @throws IOException when the bytes are not a readable cloud ({@link PointCloudFormatException}
   *     with the name and the byte offset)
   */
  public PointCloud decode(byte[] bytes, String name) throws IOException {
    if (this == FILE) {
      return PointCloudIO.read(bytes, format(bytes, name), ReadOptions.DEFAULT, name);
    }
    try {
      PointCloud2 msg = this == POINTCLOUD2_ROS1 ? PointCloud2Serializer.fromRos1(bytes)
          : PointCloud2Serializer.fromCdr(bytes);
      return PointCloud2Codec.decode(msg);
    } catch (PointCloudFormatException e) {
      // the ROS readers only know the bytes: name the row, keep the offset
      throw new PointCloudFormatException(name, -1, e.byteOffset().orElse(-1),
          e.source() + ": " + e.detail(), e);
    }
  }

  /** As {@code PointCloudFormat.detect}: the signature first, then the extension. */
  private static PointCloudFormat format(byte[] bytes, String name)
      throws PointCloudFormatException {
    var byMagic = PointCloudFormat.fromMagic(bytes, Math.min(bytes.length, 512));
    if (byMagic.isPresent()) {
      return byMagic.get();
    }
    String file = name.substring(name.lastIndexOf('/') + 1);
    if (!file.isEmpty()) {
      var byName = PointCloudFormat.fromExtension(Path.of(file));
      if (byName.isPresent()) {
        return byName.get();
      }
    }
    throw new PointCloudFormatException(name, -1, 0,
        "not a point-cloud format pointea reads (unknown signature and extension)");
  }
}

package org.pointea.io.ros;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@code sensor_msgs/PointCloud2} message as plain data: header stamp and frame, the
 * {@code height x width} layout, the fields, byte order, strides, the raw point bytes and the
 * dense flag. Point {@code (u, v)} starts at byte {@code v * rowStep + u * pointStep}.
 *
 * <pre>{@code
 * PointCloud2 msg = PointCloud2Codec.encode(cloud, "lidar", false);
 * byte[] wire = PointCloud2Serializer.toRos1(msg);           // as stored in a ROS 1 bag
 * PointCloud back = PointCloud2Codec.decode(PointCloud2Serializer.fromRos1(wire));
 * }</pre>
 *
 * @param stampSec header stamp, seconds
 * @param stampNanosec header stamp, nanoseconds
 * @param frameId header frame id
 * @param height rows (1 for an unordered cloud)
 * @param width points per row
 * @param fields the point fields
 * @param isBigEndian byte order of {@code data}
 * @param pointStep bytes per point
 * @param rowStep bytes per row
 * @param data the point bytes (shared, not copied)
 * @param isDense true when no point is invalid
 */
public record PointCloud2(
    int stampSec,
    int stampNanosec,
    String frameId,
    int height,
    int width,
    List<PointField> fields,
    boolean isBigEndian,
    int pointStep,
    int rowStep,
    byte[] data,
    boolean isDense) {

  /** Validates sizes (non-negative); the layout itself is checked when decoding. */
  public PointCloud2 {
    Objects.requireNonNull(frameId, "frameId");
    fields = List.copyOf(fields);
    Objects.requireNonNull(data, "data");
    if (height < 0 || width < 0 || pointStep < 0 || rowStep < 0) {
      throw new IllegalArgumentException("negative height, width, point_step or row_step");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointCloud2 m
        && m.stampSec == stampSec && m.stampNanosec == stampNanosec
        && m.frameId.equals(frameId) && m.height == height && m.width == width
        && m.fields.equals(fields) && m.isBigEndian == isBigEndian
        && m.pointStep == pointStep && m.rowStep == rowStep
        && Arrays.equals(m.data, data) && m.isDense == isDense;
  }

  @Override
  public int hashCode() {
    return Objects.hash(stampSec, stampNanosec, frameId, height, width, fields, isBigEndian,
        pointStep, rowStep, Arrays.hashCode(data), isDense);
  }

  @Override
  public String toString() {
    return "PointCloud2[" + width + "x" + height + ", " + fields.size() + " fields, point_step "
        + pointStep + ", " + data.length + " bytes" + (isBigEndian ? ", big endian" : "") + "]";
  }
}

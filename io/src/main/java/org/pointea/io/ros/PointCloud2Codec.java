package org.pointea.io.ros;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.CloudAssembler;
import org.pointea.io.internal.CloudColumns;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.OutColumn;
import org.pointea.pointcloud.PointCloud;

/**
 * Converts between {@link PointCloud2} messages and {@link PointCloud}s, as
 * {@code sensor_msgs_py.point_cloud2} and {@code pcl::fromROSMsg} read them.
 *
 * <p>Decoding honours each field's offset, datatype (1..8) and count, the message's byte order,
 * {@code point_step} and {@code row_step} (rows may be padded). Field names map to channels as in
 * PCD: {@code x y z}, {@code normal_x normal_y normal_z}, packed {@code rgb}/{@code rgba} (the
 * float's bits, {@code 0x00RRGGBB}), {@code intensity}, {@code label}, others by name. Encoding
 * writes float32 {@code x y z} (float64 when the cloud has a global origin), normals, packed
 * {@code rgb} (FLOAT32) or {@code rgba} (UINT32), intensity, label (UINT32) and the other
 * channels, tightly packed.
 */
public final class PointCloud2Codec {
  private static final String SOURCE = "PointCloud2";

  private PointCloud2Codec() {}

  /**
   * Decodes a message with the default options.
   *
   * @param msg the message
   * @return the cloud (organized when {@code height > 1})
   * @throws PointCloudFormatException when the layout is inconsistent
   */
  public static PointCloud decode(PointCloud2 msg) throws PointCloudFormatException {
    return decode(msg, ReadOptions.DEFAULT);
  }

  /**
   * Decodes a message.
   *
   * @param msg the message
   * @param options channel filter and NaN removal
   * @return the cloud (organized when {@code height > 1})
   * @throws PointCloudFormatException when the layout is inconsistent
   */
  public static PointCloud decode(PointCloud2 msg, ReadOptions options)
      throws PointCloudFormatException {
    long n = (long) msg.width() * msg.height();
    if (n > Integer.MAX_VALUE - 16) {
      throw error("width x height = " + n + " points is more than a cloud holds");
    }
    long fieldBytes = 0;
    for (PointField f : msg.fields()) {
      if (f.offset() + f.bytes() > msg.pointStep()) {
        throw error("field '" + f.name() + "' (offset " + f.offset() + ", " + f.bytes()
            + " bytes) does not fit in point_step " + msg.pointStep());
      }
      fieldBytes += f.bytes();
    }
    if (fieldBytes > msg.pointStep()) {
      // overlapping fields would let each byte of data feed many channels
      throw error("the fields declare " + fieldBytes + " bytes per point but point_step is "
          + msg.pointStep() + ": fields overlap");
    }
    long rowBytes = (long) msg.width() * msg.pointStep();
    if (msg.height() > 0 && msg.width() > 0 && rowBytes > msg.rowStep()) {
      throw error("row_step " + msg.rowStep() + " is smaller than width x point_step = "
          + rowBytes);
    }
    long needed = msg.height() == 0 || msg.width() == 0 ? 0
        : (long) (msg.height() - 1) * msg.rowStep() + rowBytes;
    if (needed > msg.data().length) {
      throw error("data holds " + msg.data().length + " bytes but " + msg.height() + " rows of "
          + msg.rowStep() + " bytes need " + needed);
    }
    Input in = Input.of(msg.data(), SOURCE);
    CloudAssembler asm = new CloudAssembler((int) n, options, in);
    for (PointField f : msg.fields()) {
      asm.field(f.name(), f.type(), f.count(), f.offset());
    }
    asm.layout(0);
    asm.locateRecords(0, msg.pointStep());
    ByteBuffer b = ByteBuffer.wrap(msg.data())
        .order(msg.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    if (n > 0) {
      asm.decideOrigin(b, 0, msg.pointStep(), msg.width());
      for (int v = 0; v < msg.height(); v++) {
        asm.decode(b, v * msg.rowStep(), msg.pointStep(), v * msg.width(), msg.width());
      }
    }
    return asm.build(msg.width(), msg.height(), null);
  }

  private static PointCloudFormatException error(String detail) {
    return new PointCloudFormatException(SOURCE, -1, 0, detail); // the layout precedes data
  }

  /**
   * Encodes a cloud, little endian, stamp 0.
   *
   * @param cloud the cloud
   * @param frameId the header's frame id
   * @return the message
   */
  public static PointCloud2 encode(PointCloud cloud, String frameId) {
    return encode(cloud, frameId, false);
  }

  /**
   * Encodes a cloud.
   *
   * @param cloud the cloud
   * @param frameId the header's frame id
   * @param bigEndian write the data big endian
   * @return the message (height x width kept for organized clouds)
   */
  public static PointCloud2 encode(PointCloud cloud, String frameId, boolean bigEndian) {
    List<OutColumn> cols = CloudColumns.of(cloud, CloudColumns.Style.PCL, false, false);
    List<PointField> fields = new ArrayList<>(cols.size());
    int off = 0;
    for (OutColumn c : cols) {
      fields.add(new PointField(c.name(), off, PointField.datatypeOf(c.type()), c.count()));
      off += c.bytes();
    }
    int step = off;
    int n = cloud.size();
    long total = (long) n * step;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(total + " bytes do not fit in one message");
    }
    byte[] data = new byte[(int) total];
    ByteBuffer b = ByteBuffer.wrap(data)
        .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    CloudColumns.putRecords(cols, b, 0, step, 0, n);
    boolean dense = cloud.countNonFinite() == 0;
    return new PointCloud2(0, 0, frameId, cloud.height(), cloud.width(), fields, bigEndian, step,
        cloud.width() * step, data, dense);
  }
}

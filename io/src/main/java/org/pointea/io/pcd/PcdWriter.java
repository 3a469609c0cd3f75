package org.pointea.io.pcd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.io.internal.ByteSink;
import org.pointea.io.internal.CloudColumns;
import org.pointea.io.internal.OutColumn;
import org.pointea.io.pcd.PcdHeader.Encoding;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Viewpoint;

/**
 * Writes point clouds as PCD v0.7 in any of the three encodings, as PCL writes them.
 *
 * <p>Fields: {@code x y z} (F 4, or F 8 when the cloud has a global origin), {@code normal_x
 * normal_y normal_z}, colours packed into {@code rgb} (F 4 holding {@code 0x00RRGGBB}; PCL's ascii
 * writer's U 4 in ascii) or {@code rgba} (U 4), {@code intensity}, {@code label} (U 4), and every
 * other channel under its own name with COUNT = its width. Organized clouds keep WIDTH x HEIGHT;
 * the viewpoint is written. binary_compressed stores one LZF-compressed plane per field.
 *
 * <pre>{@code
 * PcdWriter.write(Path.of("out.pcd"), cloud, PcdWriteOptions.binaryCompressed());
 * }</pre>
 */
public final class PcdWriter {
  private PcdWriter() {}

  /**
   * Writes a cloud to a file (through a temporary sibling renamed into place).
   *
   * @param path destination
   * @param cloud the cloud
   * @param options the encoding
   * @throws IOException on a write error
   */
  public static void write(Path path, PointCloud cloud, PcdWriteOptions options)
      throws IOException {
    AtomicOutput.write(path, ch -> write(ch, cloud, options));
  }

  /**
   * Writes a cloud to a channel.
   *
   * @param ch destination
   * @param cloud the cloud
   * @param options the encoding
   * @throws IOException on a write error
   */
  public static void write(WritableByteChannel ch, PointCloud cloud, PcdWriteOptions options)
      throws IOException {
    Encoding enc = options.encoding();
    List<OutColumn> cols = CloudColumns.of(cloud, CloudColumns.Style.PCL, false,
        enc == Encoding.ASCII);
    ByteSink sink = new ByteSink(ch, ByteOrder.LITTLE_ENDIAN, 1 << 20);
    sink.ascii(header(cloud, cols, enc));
    int n = cloud.size();
    int rec = CloudColumns.recordSize(cols);
    switch (enc) {
      case ASCII -> {
        for (int i = 0; i < n; i++) {
          for (int k = 0; k < cols.size(); k++) {
            if (k > 0) {
              sink.ch(' ');
            }
            cols.get(k).text(sink, i, ' ');
          }
          sink.ch('\n');
        }
      }
      case BINARY -> {
        int block = Math.max(1, sink.capacity() / rec);
        for (int first = 0; first < n; first += block) {
          int m = Math.min(block, n - first);
          ByteBuffer b = sink.reserve(m * rec);
          int pos = b.position();
          CloudColumns.putRecords(cols, b, pos, rec, first, m);
          b.position(pos + m * rec);
        }
      }
      case BINARY_COMPRESSED -> {
        long total = (long) n * rec;
        if (total * 3 / 2 > Integer.MAX_VALUE - 64) {
          throw new IOException("binary_compressed PCD holds at most ~1.4 GB of point data; this "
              + "cloud has " + total + " bytes (write binary instead)");
        }
        byte[] raw = new byte[(int) total];
        ByteBuffer planes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int base = 0;
        for (OutColumn c : cols) {
          c.put(planes, base, c.bytes(), 0, n);
          base += n * c.bytes();
        }
        byte[] packed = new byte[Lzf.maxCompressedLength(raw.length)];
        int len = Lzf.compress(raw, 0, raw.length, packed, 0);
        sink.reserve(8).putInt(len).putInt(raw.length);
        int off = 0;
        while (off < len) {
          int m = Math.min(len - off, sink.capacity());
          sink.reserve(m).put(packed, off, m);
          off += m;
        }
      }
    }
    sink.flush();
  }

  private static String header(PointCloud cloud, List<OutColumn> cols, Encoding enc) {
    StringBuilder fields = new StringBuilder("FIELDS");
    StringBuilder size = new StringBuilder("SIZE");
    StringBuilder type = new StringBuilder("TYPE");
    StringBuilder count = new StringBuilder("COUNT");
    for (OutColumn c : cols) {
      fields.append(' ').append(c.name());
      String[] ts = PcdHeader.typeAndSize(c.type()).split(" ");
      type.append(' ').append(ts[0]);
      size.append(' ').append(ts[1]);
      count.append(' ').append(c.count());
    }
    Viewpoint v = cloud.viewpoint();
    return "# .PCD v0.7 - Point Cloud Data file format\n"
        + "VERSION 0.7\n"
        + fields + "\n" + size + "\n" + type + "\n" + count + "\n"
        + "WIDTH " + cloud.width() + "\n"
        + "HEIGHT " + cloud.height() + "\n"
        + "VIEWPOINT " + num(v.tx()) + " " + num(v.ty()) + " " + num(v.tz()) + " " + num(v.qw())
        + " " + num(v.qx()) + " " + num(v.qy()) + " " + num(v.qz()) + "\n"
        + "POINTS " + cloud.size() + "\n"
        + "DATA " + enc.keyword() + "\n";
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}

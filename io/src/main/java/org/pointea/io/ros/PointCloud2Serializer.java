package org.pointea.io.ros;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.PointCloudFormatException;

/**
 * The wire encodings of {@link PointCloud2}: ROS 1 serialization (little endian, as in
 * {@code .bag} files) and ROS 2 CDR with its 4-byte encapsulation header (as in rosbag2
 * {@code .db3}/{@code .mcap} records). Every length read from the bytes is checked against the
 * bytes that remain.
 */
public final class PointCloud2Serializer {
  private static final int MAX_FIELDS = 1 << 16;

  private PointCloud2Serializer() {}

  /**
   * A message parsed without copying its point data, which stays in the parsed array (a bag
   * chunk): {@code header} holds every field but {@code data} (empty).
   *
   * @param header the message without its point data
   * @param buffer the array the message was parsed from
   * @param dataOffset first byte of the point data in {@code buffer}
   * @param dataLength bytes of point data
   */
  public record InPlace(PointCloud2 header, byte[] buffer, int dataOffset, int dataLength) {
    /**
     * Decodes the points.
     *
     * @param options channel filter and NaN removal
     * @return the cloud
     * @throws PointCloudFormatException when the layout is inconsistent
     */
    public org.pointea.pointcloud.PointCloud decode(org.pointea.io.ReadOptions options)
        throws PointCloudFormatException {
      return PointCloud2Codec.decode(header, buffer, dataOffset, dataLength, options);
    }
  }

  /**
   * Parses a ROS 1 or CDR message held in part of an array without copying its point data.
   *
   * @param bytes the array
   * @param offset first byte of the message
   * @param length its length
   * @param cdr true for ROS 2 CDR (with its encapsulation header), false for ROS 1
   * @return the message and where its point data lies
   * @throws PointCloudFormatException when the bytes are truncated or inconsistent
   */
  public static InPlace parseInPlace(byte[] bytes, int offset, int length, boolean cdr)
      throws PointCloudFormatException {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    int[] data = new int[2];
    PointCloud2 header = cdr ? cdr(bytes, offset, length, data) : ros1(bytes, offset, length, data);
    return new InPlace(header, bytes, data[0], data[1]);
  }

  // ------------------------------------------------------------------ ROS 1

  /**
   * Serializes a message as ROS 1 does (header seq 0).
   *
   * @param m the message
   * @return the bytes
   */
  public static byte[] toRos1(PointCloud2 m) {
    Writer w = new Writer(ByteOrder.LITTLE_ENDIAN, false);
    w.u32(0).u32(m.stampSec()).u32(m.stampNanosec()).string(m.frameId());
    w.u32(m.height()).u32(m.width()).u32(m.fields().size());
    for (PointField f : m.fields()) {
      w.string(f.name()).u32(f.offset()).u8(f.datatype()).u32(f.count());
    }
    w.u8(m.isBigEndian() ? 1 : 0).u32(m.pointStep()).u32(m.rowStep());
    w.u32(m.data().length).bytes(m.data()).u8(m.isDense() ? 1 : 0);
    return w.toArray();
  }

  /**
   * Parses a ROS 1 serialized message.
   *
   * @param bytes the message bytes
   * @return the message
   * @throws PointCloudFormatException when the bytes are truncated or inconsistent
   */
  public static PointCloud2 fromRos1(byte[] bytes) throws PointCloudFormatException {
    return fromRos1(bytes, 0, bytes.length);
  }

  /**
   * Parses a ROS 1 serialized message held in part of an array (a message inside a bag chunk).
   *
   * @param bytes the array
   * @param offset first byte of the message
   * @param length its length
   * @return the message (its data copied out of {@code bytes})
   * @throws PointCloudFormatException when the bytes are truncated or inconsistent; offsets in the
   *     message are relative to {@code offset}
   */
  public static PointCloud2 fromRos1(byte[] bytes, int offset, int length)
      throws PointCloudFormatException {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    return ros1(bytes, offset, length, null);
  }

  private static PointCloud2 ros1(byte[] bytes, int offset, int length, int[] inPlace)
      throws PointCloudFormatException {
    Reader r = new Reader(bytes, offset, offset + length, offset, ByteOrder.LITTLE_ENDIAN, false);
    r.u32("header.seq");
    int sec = (int) r.u32("header.stamp.sec");
    int nsec = (int) r.u32("header.stamp.nsec");
    String frame = r.string("header.frame_id");
    return body(r, sec, nsec, frame, inPlace);
  }

  // ------------------------------------------------------------------ ROS 2 (CDR)

  /**
   * Serializes a message as ROS 2 does (CDR, little endian, with the encapsulation header).
   *
   * @param m the message
   * @return the bytes
   */
  public static byte[] toCdr(PointCloud2 m) {
    Writer w = new Writer(ByteOrder.LITTLE_ENDIAN, true);
    w.raw(0).raw(1).raw(0).raw(0);
    w.u32(m.stampSec()).u32(m.stampNanosec()).string(m.frameId());
    w.u32(m.height()).u32(m.width()).u32(m.fields().size());
    for (PointField f : m.fields()) {
      w.string(f.name()).u32(f.offset()).u8(f.datatype()).u32(f.count());
    }
    w.u8(m.isBigEndian() ? 1 : 0).u32(m.pointStep()).u32(m.rowStep());
    w.u32(m.data().length).bytes(m.data()).u8(m.isDense() ? 1 : 0);
    return w.toArray();
  }

  /**
   * Parses a ROS 2 CDR message (either byte order, as its encapsulation header says).
   *
   * @param bytes the message bytes, starting with the 4-byte encapsulation header
   * @return the message
   * @throws PointCloudFormatException when the bytes are truncated or inconsistent
   */
  public static PointCloud2 fromCdr(byte[] bytes) throws PointCloudFormatException {
    return fromCdr(bytes, 0, bytes.length);
  }

  /**
   * Parses a ROS 2 CDR message held in part of an array (a message inside a bag chunk).
   *
   * @param bytes the array
   * @param offset first byte of the message (its encapsulation header)
   * @param length its length
   * @return the message (its data copied out of {@code bytes})
   * @throws PointCloudFormatException when the bytes are truncated or inconsistent; offsets in the
   *     message are relative to {@code offset}
   */
  public static PointCloud2 fromCdr(byte[] bytes, int offset, int length)
      throws PointCloudFormatException {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    return cdr(bytes, offset, length, null);
  }

  private static PointCloud2 cdr(byte[] bytes, int offset, int length, int[] inPlace)
      throws PointCloudFormatException {
    if (length < 4) {
      throw error(0, "truncated: no CDR encapsulation header");
    }
    int kind = ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    ByteOrder order = switch (kind) {
      case 0 -> ByteOrder.BIG_ENDIAN;
      case 1 -> ByteOrder.LITTLE_ENDIAN;
      default -> throw error(0, "unsupported CDR encapsulation 0x" + Integer.toHexString(kind));
    };
    Reader r = new Reader(bytes, offset + 4, offset + length, offset, order, true);
    int sec = (int) r.u32("header.stamp.sec");
    int nsec = (int) r.u32("header.stamp.nanosec");
    String frame = r.string("header.frame_id");
    return body(r, sec, nsec, frame, inPlace);
  }

  /** Parses the rest of the message; with {@code inPlace}, records where the data is instead. */
  private static PointCloud2 body(Reader r, int sec, int nsec, String frame, int[] inPlace)
      throws PointCloudFormatException {
    int height = r.count("height");
    int width = r.count("width");
    int nf = r.count("fields");
    if (nf > MAX_FIELDS || (long) nf * 9 > r.remaining()) {
      throw error(r.at(), "truncated: fields length " + nf + " does not fit in the remaining "
          + r.remaining() + " bytes");
    }
    List<PointField> fields = new ArrayList<>(nf);
    for (int i = 0; i < nf; i++) {
      String name = r.string("field name");
      int offset = r.count("field offset");
      int at = r.at();
      int dt = r.u8("field datatype");
      int count = r.count("field count");
      if (dt < 1 || dt > 8) {
        throw error(at, "field '" + name + "' has datatype " + dt + ", not one of 1..8");
      }
      fields.add(new PointField(name, offset, dt, count));
    }
    boolean big = r.u8("is_bigendian") != 0;
    int pointStep = r.count("point_step");
    int rowStep = r.count("row_step");
    int len = r.count("data length");
    byte[] data;
    if (inPlace != null) {
      r.need(len, "data");
      inPlace[0] = r.pos;
      inPlace[1] = len;
      r.pos += len;
      data = new byte[0];
    } else {
      data = r.bytes(len, "data");
    }
    boolean dense = r.u8("is_dense") != 0;
    return new PointCloud2(sec, nsec, frame, height, width, fields, big, pointStep, rowStep, data,
        dense);
  }

  private static PointCloudFormatException error(long offset, String detail) {
    return new PointCloudFormatException("PointCloud2", -1, offset, detail);
  }

  /**
   * Bounded reading of {@code b[start, end)} with optional CDR alignment (relative to the end of
   * the 4-byte header); error offsets are relative to {@code base}.
   */
  private static final class Reader {
    final byte[] b;
    final ByteBuffer buf;
    final boolean cdr;
    final int origin;
    final int end;
    final int base;
    int pos;

    Reader(byte[] b, int start, int end, int base, ByteOrder order, boolean cdr) {
      this.b = b;
      this.buf = ByteBuffer.wrap(b).order(order);
      this.cdr = cdr;
      this.origin = start;
      this.pos = start;
      this.end = end;
      this.base = base;
    }

    int remaining() {
      return end - pos;
    }

    int at() {
      return pos - base;
    }

    void align(int n) {
      if (cdr) {
        int rel = pos - origin;
        pos += (n - rel % n) % n;
      }
    }

    void need(int n, String what) throws PointCloudFormatException {
      if (n < 0 || n > end - pos) {
        throw error(Math.min(pos, end) - base, "truncated: " + what + " needs " + n
            + " bytes but " + Math.max(0, end - pos) + " remain");
      }
    }

    long u32(String what) throws PointCloudFormatException {
      align(4);
      need(4, what);
      long v = buf.getInt(pos) & 0xFFFFFFFFL;
      pos += 4;
      return v;
    }

    int count(String what) throws PointCloudFormatException {
      int at = at();
      long v = u32(what);
      if (v > Integer.MAX_VALUE - 16) {
        throw error(at, what + " " + v + " is out of range");
      }
      return (int) v;
    }

    int u8(String what) throws PointCloudFormatException {
      need(1, what);
      return b[pos++] & 0xFF;
    }

    byte[] bytes(int n, String what) throws PointCloudFormatException {
      need(n, what);
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    String string(String what) throws PointCloudFormatException {
      int at = at();
      int n = count(what + " length");
      need(n, what);
      int len = n;
      if (cdr) {
        if (n == 0 || b[pos + n - 1] != 0) {
          throw error(at, what + " is not a NUL-terminated CDR string");
        }
        len = n - 1;
      }
      String s = new String(b, pos, len, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }

  /** Growable writer with optional CDR alignment. */
  private static final class Writer {
    final boolean cdr;
    final ByteOrder order;
    byte[] b = new byte[256];
    int pos;

    Writer(ByteOrder order, boolean cdr) {
      this.order = order;
      this.cdr = cdr;
    }

    void ensure(int n) {
      if (pos + n > b.length) {
        b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, pos + n));
      }
    }

    Writer raw(int v) {
      ensure(1);
      b[pos++] = (byte) v;
      return this;
    }

    Writer align(int n) {
      if (cdr) {
        int rel = pos - 4;
        int pad = (n - rel % n) % n;
        for (int i = 0; i < pad; i++) {
          raw(0);
        }
      }
      return this;
    }

    Writer u32(long v) {
      align(4);
      ensure(4);
      ByteBuffer.wrap(b, pos, 4).order(order).putInt((int) v);
      pos += 4;
      return this;
    }

    Writer u8(int v) {
      return raw(v);
    }

    Writer bytes(byte[] data) {
      ensure(data.length);
      System.arraycopy(data, 0, b, pos, data.length);
      pos += data.length;
      return this;
    }

    Writer string(String s) {
      byte[] d = s.getBytes(StandardCharsets.UTF_8);
      u32(d.length + (cdr ? 1 : 0));
      bytes(d);
      if (cdr) {
        raw(0);
      }
      return this;
    }

    byte[] toArray() {
      return java.util.Arrays.copyOf(b, pos);
    }
  }
}

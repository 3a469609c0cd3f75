package org.pointea.io.bag;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.pointea.io.PointCloudFormatException;

/**
 * The {@code name=value} fields of a ROS 1 bag record header (or of a connection header), each
 * prefixed with its 32-bit length; values are raw bytes, read as the record's op code defines.
 */
final class Ros1Header {
  private final Fields fields;
  private final int start;
  private final Map<String, int[]> values = new HashMap<>();

  private Ros1Header(Fields fields, int start) {
    this.fields = fields;
    this.start = start;
  }

  /**
   * Parses {@code len} bytes of fields at the reader's position and advances past them.
   *
   * @param f the reader
   * @param len the header's length
   * @return the header
   * @throws PointCloudFormatException when a field overruns the header or has no '='
   */
  static Ros1Header parse(Fields f, int len) throws PointCloudFormatException {
    f.need(len, "record header");
    Ros1Header h = new Ros1Header(f, f.position());
    int end = f.position() + len;
    byte[] b = f.array();
    while (f.position() < end) {
      int at = f.position();
      long n = f.u32("header field length");
      int from = f.position();
      if (n > end - from) {
        throw f.error(at, "header field of " + n + " bytes overruns the header (" + (end - from)
            + " bytes remain)");
      }
      int eq = -1;
      for (int i = from; i < from + n; i++) {
        if (b[i] == '=') {
          eq = i;
          break;
        }
      }
      if (eq < 0) {
        throw f.error(at, "header field without '='");
      }
      String name = new String(b, from, eq - from, StandardCharsets.US_ASCII);
      h.values.put(name, new int[] {eq + 1, (int) (from + n - eq - 1)});
      f.skip(n, "header field");
    }
    return h;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  private int[] field(String name, int size) throws PointCloudFormatException {
    int[] v = values.get(name);
    if (v == null) {
      throw fields.error(start, "record header has no '" + name + "' field");
    }
    if (size >= 0 && v[1] != size) {
      throw fields.error(v[0], "header field '" + name + "' has " + v[1] + " bytes, not " + size);
    }
    return v;
  }

  int op() throws PointCloudFormatException {
    return fields.array()[field("op", 1)[0]] & 0xFF;
  }

  long u32(String name) throws PointCloudFormatException {
    return Fields.u32At(fields.array(), field(name, 4)[0]);
  }

  long u64(String name) throws PointCloudFormatException {
    int at = field(name, 8)[0];
    return Fields.u32At(fields.array(), at) | Fields.u32At(fields.array(), at + 4) << 32;
  }

  /** Reads a ROS time (uint32 seconds, uint32 nanoseconds) as ns since the epoch. */
  long time(String name) throws PointCloudFormatException {
    int at = field(name, 8)[0];
    return timeAt(fields.array(), at);
  }

  String string(String name) throws PointCloudFormatException {
    int[] v = field(name, -1);
    return new String(fields.array(), v[0], v[1], StandardCharsets.UTF_8);
  }

  static long timeAt(byte[] b, int at) {
    return Fields.u32At(b, at) * 1_000_000_000L + Fields.u32At(b, at + 4);
  }
}

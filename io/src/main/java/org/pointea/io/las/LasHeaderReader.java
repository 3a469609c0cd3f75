package org.pointea.io.las;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.internal.Input;

/**
 * Parses the public header block, the VLRs, the EVLRs and the extra-bytes descriptions of a LAS
 * file, checking every count and offset against the file's size before anything is allocated.
 */
final class LasHeaderReader {
  /** EVLR payloads above this size (waveform data) are listed without their bytes. */
  static final int MAX_EVLR_PAYLOAD = 1 << 20;
  private static final int VLR_HEADER = 54;
  private static final int EVLR_HEADER = 60;
  private static final int DESCRIPTOR = 192;

  private LasHeaderReader() {}

  static LasHeader read(Input in) throws IOException {
    long size = in.size();
    if (size < 4 || !"LASF".equals(ascii(in.map(0, 4, "the LASF signature"), 0, 4))) {
      throw in.error(0, "not a LAS file: no LASF signature");
    }
    in.require(0, 227, "the LAS header");
    ByteBuffer h = in.map(0, Math.min(size, 375), "the LAS header");
    int major = h.get(24) & 0xFF;
    int minor = h.get(25) & 0xFF;
    if (major != 1 || minor > 4) {
      throw in.error(24, "LAS version " + major + "." + minor + " (pointea reads 1.0 to 1.4)");
    }
    int headerSize = h.getShort(94) & 0xFFFF;
    int minHeader = minor >= 4 ? 375 : minor == 3 ? 235 : 227;
    long pointOffset = h.getInt(96) & 0xFFFFFFFFL;
    long vlrCount = h.getInt(100) & 0xFFFFFFFFL;
    int formatByte = h.get(104) & 0xFF;
    int recordLength = h.getShort(105) & 0xFFFF;
    if (headerSize < minHeader || headerSize > size) {
      throw in.error(94, "header size " + headerSize + " (LAS " + major + "." + minor + " needs "
          + minHeader + ", the file has " + size + " bytes)");
    }
    if (pointOffset < headerSize || pointOffset > size) {
      throw in.error(96, "point data offset " + pointOffset + " is not between the header ("
          + headerSize + " bytes) and the end of the file (" + size + ")");
    }
    int formatId = formatByte & 0x3F;
    boolean compressed = (formatByte & 0xC0) != 0;
    if (formatId > 10) {
      throw in.error(104, "point data record format " + formatId + " (LAS defines 0 to 10)");
    }
    LasPointFormat format = new LasPointFormat(formatId);
    if (compressed) {
      throw in.error(104, "LAZ (compressed LAS, point format " + formatId + ") is not read by "
          + "pointea: decompress it first (laszip -i in.laz -o out.las, or pdal translate in.laz "
          + "out.las); docs/las.md says why");
    }
    if (recordLength < format.baseSize()) {
      throw in.error(105, "point record length " + recordLength + " is shorter than point format "
          + formatId + "'s " + format.baseSize() + " bytes");
    }
    long legacyCount = h.getInt(107) & 0xFFFFFFFFL;
    double[] scale = {h.getDouble(131), h.getDouble(139), h.getDouble(147)};
    double[] offset = {h.getDouble(155), h.getDouble(163), h.getDouble(171)};
    double[] max = {h.getDouble(179), h.getDouble(195), h.getDouble(211)};
    double[] min = {h.getDouble(187), h.getDouble(203), h.getDouble(219)};
    for (int a = 0; a < 3; a++) {
      if (!Double.isFinite(scale[a]) || scale[a] == 0) {
        throw in.error(131 + 8 * a, "xyz".charAt(a) + " scale factor " + scale[a]
            + " is not a usable scale");
      }
      if (!Double.isFinite(offset[a])) {
        throw in.error(155 + 8 * a, "xyz".charAt(a) + " offset " + offset[a] + " is not finite");
      }
    }
    long count = legacyCount;
    long[] byReturn;
    long evlrStart = 0;
    long evlrCount = 0;
    if (minor >= 4) {
      evlrStart = h.getLong(235);
      evlrCount = h.getInt(243) & 0xFFFFFFFFL;
      long count64 = h.getLong(247);
      if (count64 != 0 || legacyCount == 0) {
        count = count64;
      }
      byReturn = new long[15];
      for (int i = 0; i < 15; i++) {
        byReturn[i] = h.getLong(255 + 8 * i);
      }
    } else {
      byReturn = new long[5];
      for (int i = 0; i < 5; i++) {
        byReturn[i] = h.getInt(111 + 4 * i) & 0xFFFFFFFFL;
      }
    }
    if (count < 0 || count > (size - pointOffset) / recordLength) {
      throw in.error(minor >= 4 ? 247 : 107, "the header announces "
          + Long.toUnsignedString(count) + " points of " + recordLength + " bytes but "
          + (size - pointOffset) + " bytes follow the point data offset " + pointOffset);
    }
    List<LasVlr> vlrs = new ArrayList<>();
    List<Long> payloadAt = new ArrayList<>();
    readVlrs(in, headerSize, pointOffset, vlrCount, vlrs, payloadAt);
    if (evlrCount > 0) {
      long pointsEnd = pointOffset + count * recordLength;
      readEvlrs(in, evlrStart, evlrCount, pointsEnd, vlrs, payloadAt);
    }
    List<LasExtraDimension> extras = extraDimensions(in, vlrs, payloadAt, format, recordLength);
    return new LasHeader(major, minor, h.getShort(4) & 0xFFFF, h.getShort(6) & 0xFFFF,
        ascii(h, 26, 32), ascii(h, 58, 32), h.getShort(90) & 0xFFFF, h.getShort(92) & 0xFFFF,
        headerSize, pointOffset, format, recordLength, false, count, byReturn, scale, offset, min,
        max, vlrs, extras);
  }

  private static void readVlrs(Input in, long start, long end, long n, List<LasVlr> out,
      List<Long> payloadAt) throws IOException {
    if (n > (end - start) / VLR_HEADER) {
      throw in.error(100, n + " VLRs of at least " + VLR_HEADER + " bytes do not fit in the "
          + (end - start) + " bytes between the header and the point data");
    }
    long pos = start;
    for (long i = 0; i < n; i++) {
      if (end - pos < VLR_HEADER) {
        throw in.error(pos, "VLR " + (i + 1) + " of " + n + " starts at byte " + pos
            + " but the point data starts at byte " + end);
      }
      ByteBuffer v = in.map(pos, VLR_HEADER, "a VLR header");
      int len = v.getShort(20) & 0xFFFF;
      if (len > end - pos - VLR_HEADER) {
        throw in.error(pos + 20, "VLR " + (i + 1) + " of " + len + " bytes overruns the point "
            + "data, which starts at byte " + end);
      }
      byte[] data = bytes(in, pos + VLR_HEADER, len);
      out.add(new LasVlr(ascii(v, 2, 16), v.getShort(18) & 0xFFFF, ascii(v, 22, 32), data,
          false));
      payloadAt.add(pos + VLR_HEADER);
      pos += VLR_HEADER + len;
    }
  }

  private static void readEvlrs(Input in, long start, long n, long pointsEnd, List<LasVlr> out,
      List<Long> payloadAt) throws IOException {
    long size = in.size();
    if (start < pointsEnd || start > size || n > (size - start) / EVLR_HEADER) {
      throw in.error(235, n + " EVLRs at byte " + Long.toUnsignedString(start) + " do not fit "
          + "between the end of the point data (" + pointsEnd + ") and the end of the file ("
          + size + ")");
    }
    long pos = start;
    for (long i = 0; i < n; i++) {
      if (size - pos < EVLR_HEADER) {
        throw in.error(pos, "truncated: EVLR " + (i + 1) + " of " + n + " starts at byte " + pos
            + " of " + size);
      }
      ByteBuffer v = in.map(pos, EVLR_HEADER, "an EVLR header");
      long len = v.getLong(20);
      if (len < 0 || len > size - pos - EVLR_HEADER) {
        throw in.error(pos + 20, "truncated: EVLR " + (i + 1) + " of "
            + Long.toUnsignedString(len) + " bytes overruns the end of the file");
      }
      byte[] data = len <= MAX_EVLR_PAYLOAD ? bytes(in, pos + EVLR_HEADER, (int) len)
          : new byte[0];
      out.add(new LasVlr(ascii(v, 2, 16), v.getShort(18) & 0xFFFF, ascii(v, 28, 32), data,
          true));
      payloadAt.add(pos + EVLR_HEADER);
      pos += EVLR_HEADER + len;
    }
  }

  /** The extra-bytes fields: described ones from LASF_Spec 4, then undescribed trailing bytes. */
  private static List<LasExtraDimension> extraDimensions(Input in, List<LasVlr> vlrs,
      List<Long> payloadAt, LasPointFormat format, int recordLength)
      throws PointCloudFormatException {
    List<LasExtraDimension> out = new ArrayList<>();
    int at = format.baseSize();
    int room = recordLength - at;
    Set<String> names = new HashSet<>();
    for (int vi = 0; vi < vlrs.size(); vi++) {
      LasVlr v = vlrs.get(vi);
      if (!v.userId().equals(LasVlr.LASF_SPEC) || v.recordId() != 4) {
        continue;
      }
      long vat = payloadAt.get(vi);
      byte[] d = v.data();
      if (d.length % DESCRIPTOR != 0) {
        throw in.error(vat, "the extra-bytes VLR holds " + d.length + " bytes, not a multiple of "
            + DESCRIPTOR);
      }
      ByteBuffer b = ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < d.length / DESCRIPTOR; i++) {
        int base = i * DESCRIPTOR;
        int type = b.get(base + 2) & 0xFF;
        int options = b.get(base + 3) & 0xFF;
        String name = unique(ascii(b, base + 4, 32), "extra_" + i, names);
        int count;
        int scalar;
        if (type == 0) {
          count = options;
          scalar = 0;
          if (count == 0) {
            continue;
          }
        } else if (type <= 10) {
          count = 1;
          scalar = type;
        } else if (type <= 30) {
          count = type <= 20 ? 2 : 3;
          scalar = type - (type <= 20 ? 10 : 20);
        } else {
          throw in.error(vat + base + 2, "extra-bytes field '" + name + "' has data type " + type
              + " (0 to 30)");
        }
        double[] scale = null;
        double[] offset = null;
        if (scalar != 0 && (options & 0x08) != 0) {
          scale = new double[count];
          for (int c = 0; c < count; c++) {
            scale[c] = b.getDouble(base + 112 + 8 * c);
          }
        }
        if (scalar != 0 && (options & 0x10) != 0) {
          offset = new double[count];
          for (int c = 0; c < count; c++) {
            offset[c] = b.getDouble(base + 136 + 8 * c);
          }
        }
        LasExtraDimension dim = new LasExtraDimension(name, scalar, count, scale, offset,
            ascii(b, base + 160, 32), at);
        if (dim.size() > room) {
          throw in.error(105, "extra-bytes field '" + name + "' (" + dim.size() + " bytes) does "
              + "not fit in the " + room + " extra bytes of each " + recordLength + "-byte record");
        }
        out.add(dim);
        at += dim.size();
        room -= dim.size();
      }
    }
    if (room > 0) {
      out.add(new LasExtraDimension(unique("extra_bytes", "extra_bytes", names), 0, room, null,
          null, "undocumented extra bytes", at));
    }
    return out;
  }

  private static String unique(String name, String fallback, Set<String> taken) {
    String n = name.isBlank() ? fallback : name;
    if (LasChannels.STANDARD.contains(n)) {
      n = "extra_" + n;
    }
    String u = n;
    for (int k = 2; !taken.add(u); k++) {
      u = n + "_" + k;
    }
    return u;
  }

  private static byte[] bytes(Input in, long at, int len) throws IOException {
    byte[] b = new byte[len];
    in.map(at, len, "a VLR").get(b);
    return b;
  }

  /** A NUL-padded ASCII field, trimmed. */
  static String ascii(ByteBuffer b, int at, int len) {
    byte[] s = new byte[len];
    b.get(at, s);
    int n = 0;
    while (n < len && s[n] != 0) {
      n++;
    }
    return new String(s, 0, n, StandardCharsets.ISO_8859_1).strip();
  }
}

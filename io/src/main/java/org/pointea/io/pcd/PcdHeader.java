package org.pointea.io.pcd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.ScalarType;
import org.pointea.pointcloud.Viewpoint;

/**
 * A parsed PCD header (v0.5 or v0.7), following {@code pcl::PCDReader::readHeader}.
 *
 * @param version the VERSION value, or empty
 * @param fields fields in record order
 * @param width points per row
 * @param height rows
 * @param points number of points
 * @param viewpoint the VIEWPOINT pose
 * @param encoding the DATA encoding
 * @param dataOffset byte offset of the first body byte
 * @param bodyLine line number of the first body line
 */
public record PcdHeader(
    String version,
    List<Field> fields,
    int width,
    int height,
    int points,
    Viewpoint viewpoint,
    Encoding encoding,
    long dataOffset,
    long bodyLine) {

  private static final int MAX_HEADER = 1 << 20;

  /** The DATA encodings. */
  public enum Encoding {
    /** One point per line. */
    ASCII("ascii"),
    /** Packed records, little-endian. */
    BINARY("binary"),
    /** LZF over one plane per field. */
    BINARY_COMPRESSED("binary_compressed");

    private final String keyword;

    Encoding(String keyword) {
      this.keyword = keyword;
    }

    /** Returns the keyword of the DATA line. */
    public String keyword() {
      return keyword;
    }
  }

  /**
   * A field.
   *
   * @param name field name ({@code _} for padding)
   * @param type element type
   * @param count elements per point
   * @param offset byte offset within a binary record
   */
  public record Field(String name, ScalarType type, int count, int offset) {
    /** Returns the bytes per point. */
    public int bytes() {
      return type.size() * count;
    }

    /** Returns true for a padding field. */
    public boolean isPadding() {
      return name.equals("_");
    }
  }

  /** Returns the bytes per binary record (sum of size x count). */
  public int pointStep() {
    int s = 0;
    for (Field f : fields) {
      s += f.bytes();
    }
    return s;
  }

  /**
   * Returns the PCD TYPE letter and SIZE for a scalar type.
   *
   * @param t the type
   * @return {@code "F 4"} and so on
   */
  public static String typeAndSize(ScalarType t) {
    char letter = t.isFloating() ? 'F' : t.isSigned() ? 'I' : 'U';
    return letter + " " + t.size();
  }

  static ScalarType typeOf(char letter, int size) {
    return switch (letter) {
      case 'I' -> switch (size) {
        case 1 -> ScalarType.INT8;
        case 2 -> ScalarType.INT16;
        case 4 -> ScalarType.INT32;
        case 8 -> ScalarType.INT64;
        default -> null;
      };
      case 'U' -> switch (size) {
        case 1 -> ScalarType.UINT8;
        case 2 -> ScalarType.UINT16;
        case 4 -> ScalarType.UINT32;
        case 8 -> ScalarType.UINT64;
        default -> null;
      };
      case 'F' -> switch (size) {
        case 4 -> ScalarType.FLOAT32;
        case 8 -> ScalarType.FLOAT64;
        default -> null;
      };
      default -> null;
    };
  }

  /**
   * Parses the header of a PCD input.
   *
   * @param in the input
   * @return the header
   * @throws IOException when the header is malformed or the input cannot be read
   */
  public static PcdHeader read(Input in) throws IOException {
    int limit = (int) Math.min(in.size(), MAX_HEADER);
    ByteBuffer b = in.map(0, limit, "the PCD header");
    String version = "";
    String[] names = null;
    int[] sizes = null;
    char[] types = null;
    int[] counts = null;
    long width = -1;
    long height = -1;
    long points = -1;
    Viewpoint viewpoint = Viewpoint.IDENTITY;
    long line = 0;
    int p = 0;
    while (true) {
      line++;
      int s = p;
      int e = s;
      while (e < limit && b.get(e) != '\n') {
        e++;
      }
      if (e >= limit && limit == MAX_HEADER) {
        throw in.error(line, s, "no DATA line in the first " + MAX_HEADER + " bytes");
      }
      if (s >= limit) {
        throw in.error(line, s, "the input ends inside the header (no DATA line)");
      }
      StringBuilder sb = new StringBuilder(e - s);
      for (int i = s; i < e; i++) {
        int c = b.get(i) & 0xFF;
        if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\r')) {
          throw in.error(line, i, String.format(Locale.ROOT,
              "byte 0x%02X in the header: PCD headers are ASCII", c));
        }
        sb.append((char) c);
      }
      p = e + 1;
      String text = sb.toString().trim();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] tok = text.split("[ \t\r]+");
      String kw = tok[0];
      int nv = tok.length - 1;
      switch (kw) {
        case "VERSION" -> version = nv > 0 ? tok[1] : "";
        case "FIELDS", "COLUMNS" -> {
          names = java.util.Arrays.copyOfRange(tok, 1, tok.length);
          if (names.length == 0) {
            throw in.error(line, s, "FIELDS lists no field");
          }
          // as in PCL, FIELDS starts the field description afresh
          sizes = null;
          types = null;
          counts = null;
        }
        case "SIZE" -> {
          requireFields(in, names, nv, "SIZE", line, s);
          sizes = new int[nv];
          for (int i = 0; i < nv; i++) {
            sizes[i] = (int) number(in, tok[i + 1], "SIZE", line, s, 1, 8);
          }
        }
        case "TYPE" -> {
          requireFields(in, names, nv, "TYPE", line, s);
          types = new char[nv];
          for (int i = 0; i < nv; i++) {
            if (tok[i + 1].length() != 1 || "IUF".indexOf(tok[i + 1].charAt(0)) < 0) {
              throw in.error(line, s, "TYPE must be I, U or F, got '" + tok[i + 1] + "'");
            }
            types[i] = tok[i + 1].charAt(0);
          }
        }
        case "COUNT" -> {
          requireFields(in, names, nv, "COUNT", line, s);
          counts = new int[nv];
          for (int i = 0; i < nv; i++) {
            counts[i] = (int) number(in, tok[i + 1], "COUNT", line, s, 0, 1 << 20);
          }
        }
        case "WIDTH" -> width = single(in, tok, "WIDTH", line, s);
        case "HEIGHT" -> height = single(in, tok, "HEIGHT", line, s);
        case "POINTS" -> points = single(in, tok, "POINTS", line, s);
        case "VIEWPOINT" -> {
          if (nv != 7) {
            throw in.error(line, s, "VIEWPOINT needs 7 values (tx ty tz qw qx qy qz), got " + nv);
          }
          double[] v = new double[7];
          for (int i = 0; i < 7; i++) {
            try {
              v[i] = Double.parseDouble(tok[i + 1]);
            } catch (NumberFormatException ex) {
              throw in.error(line, s, "bad VIEWPOINT value '" + tok[i + 1] + "'");
            }
            if (!Double.isFinite(v[i])) {
              throw in.error(line, s, "VIEWPOINT value '" + tok[i + 1] + "' is not finite");
            }
          }
          viewpoint = new Viewpoint(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
        case "DATA" -> {
          if (nv != 1) {
            throw in.error(line, s, "expected 'DATA ascii|binary|binary_compressed'");
          }
          Encoding enc = switch (tok[1].toLowerCase(Locale.ROOT)) {
            case "ascii" -> Encoding.ASCII;
            case "binary" -> Encoding.BINARY;
            case "binary_compressed" -> Encoding.BINARY_COMPRESSED;
            default -> throw in.error(line, s, "unknown DATA encoding '" + tok[1] + "'");
          };
          return finish(in, version, names, sizes, types, counts, width, height, points,
              viewpoint, enc, Math.min(p, in.size()), line + 1, line, s);
        }
        default -> throw in.error(line, s, "unknown header keyword '" + kw + "'");
      }
    }
  }

  private static PcdHeader finish(Input in, String version, String[] names, int[] sizes,
      char[] types, int[] counts, long width, long height, long points, Viewpoint viewpoint,
      Encoding enc, long dataOffset, long bodyLine, long line, int s) throws IOException {
    if (names == null) {
      throw in.error(line, s, "no FIELDS line before DATA");
    }
    if (sizes == null) {
      throw in.error(line, s, "no SIZE line before DATA");
    }
    if (types == null) {
      throw in.error(line, s, "no TYPE line before DATA");
    }
    if (points < 0 && width < 0) {
      throw in.error(line, s, "neither POINTS nor WIDTH given");
    }
    if (width < 0) {
      if (height > 1) {
        throw in.error(line, s, "HEIGHT without WIDTH");
      }
      width = points;
      height = 1;
    }
    if (height < 0) {
      height = 1;
    }
    if (points < 0) {
      points = width * height;
    }
    if (width * height != points) {
      throw in.error(line, s, "WIDTH x HEIGHT = " + width + " x " + height + " differs from POINTS "
          + points);
    }
    if (points > Integer.MAX_VALUE - 16) {
      throw in.error(line, s, "POINTS " + points + " is more than a cloud can hold");
    }
    List<Field> fields = new ArrayList<>(names.length);
    long offset = 0;
    for (int i = 0; i < names.length; i++) {
      ScalarType t = typeOf(types[i], sizes[i]);
      if (t == null) {
        throw in.error(line, s, "field '" + names[i] + "': TYPE " + types[i] + " with SIZE "
            + sizes[i] + " is not a PCD type");
      }
      int count = counts == null ? 1 : counts[i];
      if (count == 0) {
        continue; // PCL drops fields of COUNT 0
      }
      fields.add(new Field(names[i], t, count, (int) offset));
      offset += (long) t.size() * count;
      if (offset > Integer.MAX_VALUE / 2) {
        throw in.error(line, s, "records of " + offset + " bytes are too large");
      }
    }
    return new PcdHeader(version, List.copyOf(fields), (int) width, (int) height, (int) points,
        viewpoint, enc, dataOffset, bodyLine);
  }

  private static void requireFields(Input in, String[] names, int nv, String kw, long line, int s)
      throws IOException {
    if (names == null) {
      throw in.error(line, s, kw + " before FIELDS");
    }
    if (nv != names.length) {
      throw in.error(line, s, kw + " has " + nv + " values but FIELDS names " + names.length);
    }
  }

  private static long single(Input in, String[] tok, String kw, long line, int s)
      throws IOException {
    if (tok.length != 2) {
      throw in.error(line, s, kw + " needs one value");
    }
    return number(in, tok[1], kw, line, s, 0, Integer.MAX_VALUE);
  }

  private static long number(Input in, String tok, String kw, long line, int s, long min, long max)
      throws IOException {
    long v;
    try {
      v = Long.parseLong(tok);
    } catch (NumberFormatException ex) {
      throw in.error(line, s, "bad " + kw + " value '" + tok + "'");
    }
    if (v < min || v > max) {
      throw in.error(line, s, kw + " value " + v + " is outside [" + min + ", " + max + "]");
    }
    return v;
  }
}

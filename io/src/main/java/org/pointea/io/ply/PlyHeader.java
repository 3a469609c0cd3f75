package org.pointea.io.ply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.internal.AsciiScanner;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.ScalarType;

/**
 * A parsed PLY header: the encoding, the comments, and the elements with their properties, plus
 * the byte offset where the body starts.
 *
 * @param encoding the body encoding
 * @param comments {@code comment} and {@code obj_info} lines, without the keyword
 * @param elements elements in file order
 * @param dataOffset byte offset of the first body byte
 * @param bodyLine line number of the first body line (ascii)
 */
public record PlyHeader(
    Encoding encoding, List<String> comments, List<Element> elements, long dataOffset,
    long bodyLine) {

  /** Upper bound on the header size: real headers are a few hundred bytes. */
  static final int MAX_HEADER = 1 << 20;

  /** The body encodings. */
  public enum Encoding {
    /** Whitespace-separated text. */
    ASCII("ascii", null),
    /** Packed little-endian binary. */
    BINARY_LITTLE_ENDIAN("binary_little_endian", ByteOrder.LITTLE_ENDIAN),
    /** Packed big-endian binary. */
    BINARY_BIG_ENDIAN("binary_big_endian", ByteOrder.BIG_ENDIAN);

    private final String keyword;
    private final ByteOrder order;

    Encoding(String keyword, ByteOrder order) {
      this.keyword = keyword;
      this.order = order;
    }

    /** Returns the keyword of the {@code format} line. */
    public String keyword() {
      return keyword;
    }

    /** Returns the byte order, or null for ascii. */
    public ByteOrder order() {
      return order;
    }
  }

  /**
   * A property: a scalar, or a list of scalars preceded by its count.
   *
   * @param name property name
   * @param type scalar type, or the item type of a list
   * @param countType the list count type, or null for a scalar
   */
  public record Property(String name, ScalarType type, ScalarType countType) {
    /** Returns true for a list property. */
    public boolean isList() {
      return countType != null;
    }
  }

  /**
   * An element: a name, a record count, and its properties.
   *
   * @param name element name
   * @param count number of records
   * @param properties properties in record order
   */
  public record Element(String name, long count, List<Property> properties) {
    /** Returns true when every property is a scalar (records have a fixed size). */
    public boolean isFixedSize() {
      return properties.stream().noneMatch(Property::isList);
    }

    /** Returns the bytes of one record (scalars only; lists count their count field). */
    public int minRecordBytes() {
      int s = 0;
      for (Property p : properties) {
        s += p.isList() ? p.countType().size() : p.type().size();
      }
      return s;
    }
  }

  /**
   * Returns the PLY scalar type a name denotes, under its old name ({@code uchar}) or its sized
   * name ({@code uint8}).
   *
   * @param name the type name
   * @return the type, or null when unknown
   */
  public static ScalarType typeOf(String name) {
    return switch (name) {
      case "char", "int8" -> ScalarType.INT8;
      case "uchar", "uint8" -> ScalarType.UINT8;
      case "short", "int16" -> ScalarType.INT16;
      case "ushort", "uint16" -> ScalarType.UINT16;
      case "int", "int32" -> ScalarType.INT32;
      case "uint", "uint32" -> ScalarType.UINT32;
      case "float", "float32" -> ScalarType.FLOAT32;
      case "double", "float64" -> ScalarType.FLOAT64;
      default -> null;
    };
  }

  /**
   * Returns the classic PLY name of a type.
   *
   * @param t the type (not 64-bit integer)
   * @return the name
   */
  public static String nameOf(ScalarType t) {
    return switch (t) {
      case INT8 -> "char";
      case UINT8 -> "uchar";
      case INT16 -> "short";
      case UINT16 -> "ushort";
      case INT32 -> "int";
      case UINT32 -> "uint";
      case FLOAT32 -> "float";
      case FLOAT64 -> "double";
      case INT64, UINT64 -> throw new IllegalArgumentException("PLY has no 64-bit integers");
    };
  }

  /**
   * Returns the first element of a name, if any.
   *
   * @param name element name
   * @return the element or null
   */
  public Element element(String name) {
    for (Element e : elements) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Parses the header of a PLY input.
   *
   * @param in the input
   * @return the header
   * @throws IOException when the header is malformed or the input cannot be read
   */
  public static PlyHeader read(Input in) throws IOException {
    int limit = (int) Math.min(in.size(), MAX_HEADER);
    ByteBuffer b = in.map(0, limit, "the PLY header");
    byte[] head = new byte[limit];
    b.get(0, head);
    if (limit < 4 || head[0] != 'p' || head[1] != 'l' || head[2] != 'y'
        || (head[3] != '\n' && head[3] != '\r')) {
      throw in.error(0, "not a PLY file: it does not start with 'ply' and a line end");
    }
    boolean crOnly = head[3] == '\r' && (limit < 5 || head[4] != '\n');
    Encoding encoding = null;
    List<String> comments = new ArrayList<>();
    List<Element> elements = new ArrayList<>();
    List<Property> props = null;
    Set<String> elementNames = new HashSet<>();
    Set<String> propNames = new HashSet<>();
    String elName = null;
    long elCount = 0;
    long line = 1;
    int p = 0;
    while (true) {
      // find the end of the current line
      int s = p;
      int e = s;
      while (e < limit && head[e] != '\n' && !(crOnly && head[e] == '\r')) {
        e++;
      }
      if (e >= limit) {
        throw in.error(line, s, limit == MAX_HEADER
            ? "no end_header in the first " + MAX_HEADER + " bytes"
            : "the input ends inside the header (no end_header)");
      }
      int lineEnd = e;
      if (!crOnly && lineEnd > s && head[lineEnd - 1] == '\r') {
        lineEnd--;
      }
      if (line > 1) {
        String text = lineText(in, head, s, lineEnd, line);
        String[] tok = text.trim().split("[ \t]+");
        String kw = tok[0];
        if (kw.equals("end_header")) {
          if (encoding == null) {
            throw in.error(line, s, "no format line before end_header");
          }
          if (elName != null) {
            elements.add(new Element(elName, elCount, List.copyOf(props)));
          }
          // the body starts after exactly one line terminator
          long data = e + 1;
          return new PlyHeader(encoding, List.copyOf(comments), List.copyOf(elements), data,
              line + 1);
        }
        switch (kw) {
          case "" -> {}
          case "comment", "obj_info" -> comments.add(text.trim().substring(kw.length()).trim());
          case "format" -> {
            if (encoding != null) {
              throw in.error(line, s, "a second format line");
            }
            if (tok.length != 3 || !tok[2].startsWith("1")) {
              throw in.error(line, s, "expected 'format <encoding> 1.0', got '" + text.trim() + "'");
            }
            encoding = switch (tok[1]) {
              case "ascii" -> Encoding.ASCII;
              case "binary_little_endian" -> Encoding.BINARY_LITTLE_ENDIAN;
              case "binary_big_endian" -> Encoding.BINARY_BIG_ENDIAN;
              default -> throw in.error(line, s, "unknown PLY encoding '" + tok[1] + "'");
            };
          }
          case "element" -> {
            if (tok.length != 3) {
              throw in.error(line, s, "expected 'element <name> <count>', got '" + text.trim() + "'");
            }
            if (elName != null) {
              elements.add(new Element(elName, elCount, List.copyOf(props)));
            }
            elName = tok[1];
            if (!elementNames.add(elName)) {
              throw in.error(line, s, "element '" + elName + "' declared twice");
            }
            try {
              elCount = Long.parseLong(tok[2]);
            } catch (NumberFormatException ex) {
              throw in.error(line, s, "bad element count '" + tok[2] + "'");
            }
            if (elCount < 0 || elCount > Integer.MAX_VALUE - 16) {
              throw in.error(line, s, "element count " + elCount + " is out of range");
            }
            props = new ArrayList<>();
            propNames.clear();
          }
          case "property" -> {
            if (elName == null) {
              throw in.error(line, s, "property before any element");
            }
            Property prop;
            if (tok.length == 5 && tok[1].equals("list")) {
              ScalarType ct = typeOf(tok[2]);
              ScalarType it = typeOf(tok[3]);
              if (ct == null || it == null) {
                throw in.error(line, s, "unknown type in '" + text.trim() + "'");
              }
              if (ct.isFloating()) {
                throw in.error(line, s, "list count type must be an integer type, got " + tok[2]);
              }
              prop = new Property(tok[4], it, ct);
            } else if (tok.length == 3) {
              ScalarType t = typeOf(tok[1]);
              if (t == null) {
                throw in.error(line, s, "unknown property type '" + tok[1] + "'");
              }
              prop = new Property(tok[2], t, null);
            } else {
              throw in.error(line, s, "expected 'property <type> <name>' or 'property list "
                  + "<count type> <item type> <name>', got '" + text.trim() + "'");
            }
            if (!propNames.add(prop.name())) {
              throw in.error(line, s, "property '" + prop.name() + "' declared twice in element '"
                  + elName + "'");
            }
            props.add(prop);
          }
          default -> throw in.error(line, s, "unknown header keyword '" + kw + "'");
        }
      }
      p = e + 1;
      line++;
    }
  }

  private static String lineText(Input in, byte[] head, int s, int e, long line)
      throws PointCloudFormatException {
    boolean comment = startsWith(head, s, e, "comment") || startsWith(head, s, e, "obj_info");
    StringBuilder sb = new StringBuilder(e - s);
    for (int i = s; i < e; i++) {
      int c = head[i] & 0xFF;
      boolean ok = c == '\t' || (c >= 0x20 && c < 0x7F);
      if (!ok && !(comment && c >= 0x80)) {
        throw in.error(line, i, String.format(Locale.ROOT,
            "byte 0x%02X in the header: PLY headers are ASCII", c));
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  private static boolean startsWith(byte[] b, int s, int e, String word) {
    if (e - s < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (b[s + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the header's printable form, as a reminder in messages. */
  @Override
  public String toString() {
    return "PlyHeader[" + encoding.keyword() + ", " + elements.size() + " elements]";
  }

  static String describe(String s) {
    return AsciiScanner.printable(s);
  }
}

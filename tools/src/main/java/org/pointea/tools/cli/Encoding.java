package org.pointea.tools.cli;

import java.util.Locale;
import picocli.CommandLine;

/** The body encodings {@code --encoding} accepts, spelled as PCL and PLY spell them. */
public enum Encoding {
  /** Text: PLY ascii, PCD ascii, and the text formats, OFF. */
  ASCII,
  /** Binary: PLY binary_little_endian, PCD binary, NPY, HDF5. */
  BINARY,
  /** PLY binary_big_endian. */
  BINARY_BIG_ENDIAN,
  /** PCD binary_compressed (LZF); HDF5 with gzip-compressed chunks. */
  BINARY_COMPRESSED;

  /** Returns the name as users type it, e.g. {@code binary_compressed}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return keyword();
  }

  /** Parses {@code ascii}, {@code binary}, {@code binary_little_endian}, ... for picocli. */
  public static final class Converter implements CommandLine.ITypeConverter<Encoding> {
    @Override
    public Encoding convert(String value) {
      String v = value.toLowerCase(Locale.ROOT).replace('-', '_');
      if (v.equals("binary_little_endian")) {
        return BINARY;
      }
      for (Encoding e : values()) {
        if (e.keyword().equals(v)) {
          return e;
        }
      }
      throw new CommandLine.TypeConversionException("unknown encoding '" + value
          + "': use ascii, binary, binary_big_endian or binary_compressed");
    }
  }
}

package org.pointea.io.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The column layout of a point-cloud text file: the delimiter, the name of each column, and how
 * colours are scaled.
 *
 * <p>Column names: {@code x y z}, {@code nx ny nz}, {@code r g b [a]} (colour), {@code intensity},
 * {@code label}, {@code _} (ignored), or any other name for a channel of that name. An empty column
 * list means "infer": from a header line when the file has one ({@code x,y,z,...} or
 * CloudCompare's {@code //X,Y,Z,R,G,B}), else from the number of columns: 3 {@code x y z},
 * 4 {@code x y z intensity}, 6 {@code x y z nx ny nz}, 7 {@code x y z nx ny nz label}, otherwise
 * {@code x y z} plus the rest as one channel {@code values}.
 *
 * <pre>{@code
 * TextLayout modelNet = TextLayout.MODELNET;                       // x,y,z,nx,ny,nz
 * TextLayout custom = TextLayout.parse("x y z _ intensity");        // skip column 4
 * }</pre>
 *
 * @param delimiter what separates values (whitespace always does)
 * @param columns column names; empty to infer
 * @param colorRange how colour columns are scaled
 * @param ignoreExtraColumns accept (and ignore) lines with more values than columns
 * @param countLine the first line holds the point count (PTS)
 */
public record TextLayout(
    Delimiter delimiter,
    List<String> columns,
    ColorRange colorRange,
    boolean ignoreExtraColumns,
    CountLine countLine) {

  /** Value separators. */
  public enum Delimiter {
    /** Spaces and tabs. */
    WHITESPACE,
    /** Commas (whitespace around them allowed). */
    COMMA,
    /** Semicolons. */
    SEMICOLON,
    /** Comma if the first data line has one, else semicolon if it has one, else whitespace. */
    AUTO
  }

  /** How colour columns are scaled into {@code [0, 1]}. */
  public enum ColorRange {
    /** Already in {@code [0, 1]} (Open3D's xyzrgb). */
    UNIT,
    /** 0..255 (PTS, CloudCompare). */
    BYTE,
    /** BYTE when any colour value exceeds 1, else UNIT. */
    AUTO
  }

  /** Whether the first line holds a point count. */
  public enum CountLine {
    /** Never. */
    NO,
    /** Always (PTS). */
    YES,
    /** When the first line is a single whole number and the next line has more values. */
    AUTO
  }

  /** {@code x y z}; extra columns ignored, as Open3D reads {@code .xyz}. */
  public static final TextLayout XYZ = new TextLayout(Delimiter.AUTO, List.of("x", "y", "z"),
      ColorRange.AUTO, true, CountLine.AUTO);

  /** {@code x y z nx ny nz} (Open3D's {@code .xyzn}). */
  public static final TextLayout XYZN = new TextLayout(Delimiter.AUTO,
      List.of("x", "y", "z", "nx", "ny", "nz"), ColorRange.AUTO, false, CountLine.NO);

  /** {@code x y z r g b} with colours in {@code [0, 1]} (Open3D's {@code .xyzrgb}). */
  public static final TextLayout XYZRGB = new TextLayout(Delimiter.AUTO,
      List.of("x", "y", "z", "r", "g", "b"), ColorRange.UNIT, false, CountLine.NO);

  /**
   * PTS: a count line, then {@code x y z [intensity] [r g b]} with 0..255 colours; the columns
   * follow the value count (3, 4, 6 or 7).
   */
  public static final TextLayout PTS = new TextLayout(Delimiter.WHITESPACE, List.of(),
      ColorRange.BYTE, false, CountLine.YES);

  /** ModelNet40 {@code modelnet40_normal_resampled}: comma-separated {@code x,y,z,nx,ny,nz}. */
  public static final TextLayout MODELNET = new TextLayout(Delimiter.COMMA,
      List.of("x", "y", "z", "nx", "ny", "nz"), ColorRange.AUTO, false, CountLine.NO);

  /** ShapeNet-part normal files: {@code x y z nx ny nz label}, the label written as a float. */
  public static final TextLayout SHAPENET_PART = new TextLayout(Delimiter.WHITESPACE,
      List.of("x", "y", "z", "nx", "ny", "nz", "label"), ColorRange.AUTO, false, CountLine.NO);

  /** Everything inferred: delimiter, header, columns (CSV and TXT). */
  public static final TextLayout AUTO = new TextLayout(Delimiter.AUTO, List.of(),
      ColorRange.AUTO, false, CountLine.AUTO);

  /** Validates the layout. */
  public TextLayout {
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(colorRange, "colorRange");
    Objects.requireNonNull(countLine, "countLine");
    columns = List.copyOf(columns);
    for (String c : columns) {
      if (c.isBlank() || c.chars().anyMatch(ch -> ch <= ' ' || ch == ',' || ch == ';')) {
        throw new IllegalArgumentException("bad column name '" + c + "' in " + columns);
      }
    }
    if (!columns.isEmpty()) {
      List<String> lower = columns.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
      if (!lower.contains("x") || !lower.contains("y") || !lower.contains("z")) {
        throw new IllegalArgumentException("a layout needs columns x, y and z, got " + columns);
      }
    }
  }

  /**
   * Parses a column list such as {@code "x,y,z,nx,ny,nz"} or {@code "x y z _ label"}; the
   * delimiter is inferred from the file.
   *
   * @param columns column names separated by commas or spaces
   * @return the layout
   */
  public static TextLayout parse(String columns) {
    List<String> names = new ArrayList<>();
    for (String s : columns.trim().split("[,;\\s]+")) {
      if (!s.isEmpty()) {
        names.add(s);
      }
    }
    return new TextLayout(Delimiter.AUTO, names, ColorRange.AUTO, false, CountLine.AUTO);
  }

  /**
   * Returns this layout with another delimiter.
   *
   * @param d the delimiter
   * @return the new layout
   */
  public TextLayout withDelimiter(Delimiter d) {
    return new TextLayout(d, columns, colorRange, ignoreExtraColumns, countLine);
  }

  /**
   * Returns this layout with another colour range.
   *
   * @param range the range
   * @return the new layout
   */
  public TextLayout withColorRange(ColorRange range) {
    return new TextLayout(delimiter, columns, range, ignoreExtraColumns, countLine);
  }

  @Override
  public String toString() {
    return "TextLayout[" + (columns.isEmpty() ? "auto" : String.join(" ", columns)) + ", "
        + delimiter.name().toLowerCase(Locale.ROOT) + "]";
  }
}

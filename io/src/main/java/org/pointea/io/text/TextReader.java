package org.pointea.io.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.AsciiScanner;
import org.pointea.io.internal.CloudAssembler;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.Numbers;
import org.pointea.io.internal.ScalarType;
import org.pointea.io.text.TextLayout.ColorRange;
import org.pointea.io.text.TextLayout.CountLine;
import org.pointea.io.text.TextLayout.Delimiter;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * Reads point clouds from text, one point per line, following a {@link TextLayout}.
 *
 * <p>Coordinates are parsed in double precision; when the first point lies farther than 1e5 from
 * zero (UTM, ECEF), positions are kept relative to a global origin so they stay precise in float
 * (see {@link ReadOptions#autoOrigin()}). Labels may be written as floats ({@code 44.000000}) but
 * must be whole numbers. {@code #} starts a comment; blank lines are skipped; a line with fewer
 * values than columns is an error naming the line.
 *
 * <pre>{@code
 * PointCloud shape = TextReader.read(Path.of("airplane_0001.txt"), TextLayout.MODELNET,
 *     ReadOptions.DEFAULT);
 * }</pre>
 */
public final class TextReader {
  private TextReader() {}

  /**
   * Reads a text file.
   *
   * @param path the file
   * @param layout the column layout ({@link TextLayout#AUTO} to infer it)
   * @param options read options
   * @return the cloud
   * @throws IOException when the file cannot be read or is malformed
   */
  public static PointCloud read(Path path, TextLayout layout, ReadOptions options)
      throws IOException {
    try (Input in = Input.open(path)) {
      return read(in, layout, options);
    }
  }

  /**
   * Reads a text input.
   *
   * @param in the input
   * @param layout the column layout
   * @param options read options
   * @return the cloud
   * @throws IOException when the input cannot be read or is malformed
   */
  public static PointCloud read(Input in, TextLayout layout, ReadOptions options)
      throws IOException {
    // ---- first lines: count line, header, delimiter, number of columns
    Delimiter delimiter = layout.delimiter();
    if (delimiter == Delimiter.AUTO) {
      delimiter = sniffDelimiter(in);
    }
    byte delim = switch (delimiter) {
      case COMMA -> (byte) ',';
      case SEMICOLON -> (byte) ';';
      default -> (byte) 0;
    };
    AsciiScanner sc = new AsciiScanner(in, 0, 1, (byte) '#', delim);
    List<String> first = lineTokens(sc);
    if (first == null) {
      return emptyCloud(options);
    }
    long startOffset;
    long startLine;
    boolean countLine = false;
    List<String> header = null;
    if (layout.countLine() != CountLine.NO && first.size() == 1 && isWhole(first.get(0))) {
      countLine = true;
    }
    List<String> dataLine = first;
    if (countLine) {
      dataLine = lineTokens(sc);
      if (dataLine == null) {
        return emptyCloud(options);
      }
      if (layout.countLine() == CountLine.AUTO && dataLine.size() < 3) {
        countLine = false;
        dataLine = first;
        sc = rewind(in, delim, 0);
        lineTokens(sc);
      }
    }
    if (!allNumbers(dataLine)) {
      header = dataLine;
      dataLine = lineTokens(sc);
      if (dataLine == null) {
        return emptyCloud(options);
      }
    }
    int dataCols = dataLine.size();
    // where the data starts: re-scan to the start of the first data line
    AsciiScanner pos = rewind(in, delim, 0);
    int skip = (countLine ? 1 : 0) + (header != null ? 1 : 0);
    for (int i = 0; i < skip; i++) {
      pos.nextLine();
      pos.skipRestOfLine();
    }
    startOffset = pos.offset();
    startLine = pos.line();

    List<String> columns = resolveColumns(layout, header, dataCols);
    if (columns.size() > dataCols) {
      throw in.error(startLine, startOffset, "the layout has " + columns.size()
          + " columns but the first data line has " + dataCols + " values");
    }
    boolean ignoreExtra = layout.ignoreExtraColumns();

    // ---- count the data lines (bounded by the input, no allocation)
    AsciiScanner counter = new AsciiScanner(in, startOffset, startLine, (byte) '#', delim);
    long lines = 0;
    while (counter.nextLine()) {
      lines++;
    }
    if (lines > Integer.MAX_VALUE - 16) {
      throw in.error(startLine, startOffset, lines + " lines are more points than a cloud holds");
    }
    int n = (int) lines;

    // ---- declare the columns
    CloudAssembler asm = new CloudAssembler(n, options, in);
    ColorRange range = layout.colorRange();
    boolean anyColor = false;
    for (String c : columns) {
      String role = canonical(c);
      switch (role) {
        case "x", "y", "z" -> asm.field(role, ScalarType.FLOAT64, 1, 0);
        case "r", "g", "b", "a" -> {
          anyColor = true;
          float scale = range == ColorRange.BYTE ? 1f / 255f : 1f;
          asm.field(role, ScalarType.FLOAT32, 1, 0, scale);
        }
        case "label" -> asm.field("label", ScalarType.FLOAT64, 1, 0);
        case "_" -> asm.field("_", ScalarType.FLOAT32, 1, 0);
        default -> asm.field(role, ScalarType.FLOAT32, 1, 0);
      }
    }
    if (columns.size() < dataCols && !ignoreExtra && layout.columns().isEmpty()
        && header == null) {
      asm.field("values", ScalarType.FLOAT32, dataCols - columns.size(), 0);
      ignoreExtra = false;
    }
    asm.layout(startOffset);
    if (asm.needsOrigin()) {
      AsciiScanner peek = new AsciiScanner(in, startOffset, startLine, (byte) '#', delim);
      double[] p = new double[3];
      if (peek.nextLine()) {
        for (String c : columns) {
          peek.token(c);
          int a = "xyz".indexOf(canonical(c));
          if (canonical(c).length() == 1 && a >= 0) {
            p[a] = peek.parseDouble(c);
          }
        }
      }
      asm.decideOrigin(p[0], p[1], p[2]);
    }
    // ---- parse
    sc = new AsciiScanner(in, startOffset, startLine, (byte) '#', delim);
    for (int i = 0; i < n; i++) {
      if (!sc.nextLine()) {
        throw in.error(sc.line(), sc.offset(), "the input ended early");
      }
      asm.parseRecord(sc, i, true);
      if (!ignoreExtra && sc.hasToken()) {
        sc.token("end of line");
        throw sc.error("line has more than the " + asm.elementCount() + " values of the layout");
      }
      if ((i & 0xFFFF) == 0xFFFF) {
        options.progress().onProgress(sc.fraction());
      }
    }
    options.progress().onProgress(1.0);
    PointCloud cloud = asm.build(0, 1, null);
    if (anyColor && range == ColorRange.AUTO && cloud.hasColors()) {
      float[] c = cloud.colors();
      float max = 0;
      for (float v : c) {
        if (v > max) {
          max = v;
        }
      }
      if (max > 1) {
        for (int i = 0; i < c.length; i++) {
          c[i] /= 255f;
        }
        cloud = cloud.withChannel(new FloatChannel(Channel.COLORS,
            cloud.floatChannel(Channel.COLORS).width(), c));
      }
    }
    return cloud;
  }

  private static PointCloud emptyCloud(ReadOptions options) {
    options.progress().onProgress(1.0);
    return PointCloud.empty();
  }

  private static AsciiScanner rewind(Input in, byte delim, long at) {
    return new AsciiScanner(in, at, 1, (byte) '#', delim);
  }

  /** Reads the tokens of the next non-empty line, or null at the end. */
  private static List<String> lineTokens(AsciiScanner sc) throws IOException {
    if (!sc.nextLine()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    while (sc.hasToken() && out.size() < 10000) {
      sc.token("value");
      out.add(sc.text());
    }
    return out;
  }

  private static Delimiter sniffDelimiter(Input in) throws IOException {
    byte[] head = new byte[4096];
    int n = in.read(0, head, 0, head.length);
    // look at the last complete line of the sample: the first may be a header or a count
    int commas = 0;
    int semis = 0;
    int lines = 0;
    boolean comment = false;
    for (int i = 0; i < n && lines < 20; i++) {
      byte c = head[i];
      if (c == '\n' || c == '\r') {
        lines++;
        comment = false;
      } else if (c == '#') {
        comment = true;
      } else if (!comment && c == ',') {
        commas++;
      } else if (!comment && c == ';') {
        semis++;
      }
    }
    return commas > 0 ? Delimiter.COMMA : semis > 0 ? Delimiter.SEMICOLON : Delimiter.WHITESPACE;
  }

  private static boolean isWhole(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean allNumbers(List<String> tokens) {
    Numbers nums = new Numbers();
    for (String t : tokens) {
      byte[] b = t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      try {
        nums.parseDouble(b, 0, b.length);
      } catch (Numbers.SyntaxException e) {
        return false;
      }
    }
    return true;
  }

  private static List<String> resolveColumns(TextLayout layout, List<String> header, int cols) {
    if (!layout.columns().isEmpty()) {
      return layout.columns();
    }
    if (header != null) {
      List<String> names = new ArrayList<>();
      for (String h : header) {
        String name = h.startsWith("//") ? h.substring(2) : h;
        int cut = 0;
        while (cut < name.length() && (Character.isLetterOrDigit(name.charAt(cut))
            || name.charAt(cut) == '_')) {
          cut++;
        }
        name = name.substring(0, cut);
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
      if (names.size() >= cols) {
        List<String> used = names.subList(0, cols);
        List<String> canon = used.stream().map(TextReader::canonical).toList();
        if (canon.contains("x") && canon.contains("y") && canon.contains("z")) {
          return used;
        }
      }
    }
    if (layout == TextLayout.PTS || layout.colorRange() == ColorRange.BYTE) {
      return switch (cols) {
        case 3 -> List.of("x", "y", "z");
        case 4 -> List.of("x", "y", "z", "intensity");
        case 6 -> List.of("x", "y", "z", "r", "g", "b");
        default -> List.of("x", "y", "z", "intensity", "r", "g", "b");
      };
    }
    return switch (cols) {
      case 1, 2 -> List.of("x", "y", "z");
      case 3 -> List.of("x", "y", "z");
      case 4 -> List.of("x", "y", "z", "intensity");
      case 6 -> List.of("x", "y", "z", "nx", "ny", "nz");
      case 7 -> List.of("x", "y", "z", "nx", "ny", "nz", "label");
      default -> List.of("x", "y", "z");
    };
  }

  /**
   * Returns the canonical role of a column name: {@code x y z nx ny nz r g b a intensity label _},
   * or the name itself for other channels.
   *
   * @param name a column or header name
   * @return its role
   */
  static String canonical(String name) {
    String s = name.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "x", "y", "z", "nx", "ny", "nz", "r", "g", "b", "a", "_" -> s;
      case "normal_x", "normalx" -> "nx";
      case "normal_y", "normaly" -> "ny";
      case "normal_z", "normalz" -> "nz";
      case "red" -> "r";
      case "green" -> "g";
      case "blue" -> "b";
      case "alpha" -> "a";
      case "intensity", "i", "scalar_intensity" -> "intensity";
      case "label", "labels", "class", "seg", "part" -> "label";
      default -> name;
    };
  }
}

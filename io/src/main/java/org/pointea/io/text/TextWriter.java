package org.pointea.io.text;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.io.internal.ByteSink;
import org.pointea.io.internal.OutColumn;
import org.pointea.io.text.TextLayout.ColorRange;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * Writes point clouds as text, one point per line, in a {@link TextWriteOptions} layout.
 *
 * <pre>{@code
 * TextWriter.write(Path.of("shape.txt"), cloud, TextWriteOptions.shapeNetPart());
 * }</pre>
 */
public final class TextWriter {
  private TextWriter() {}

  /**
   * Writes a cloud to a file (through a temporary sibling renamed into place).
   *
   * @param path destination
   * @param cloud the cloud
   * @param options layout and precision
   * @throws IOException on a write error
   * @throws IllegalArgumentException when the layout names a channel the cloud lacks
   */
  public static void write(Path path, PointCloud cloud, TextWriteOptions options)
      throws IOException {
    AtomicOutput.write(path, ch -> write(ch, cloud, options));
  }

  /** One output column: where its values come from. */
  private interface Source {
    void write(ByteSink s, int point) throws IOException;
  }

  /**
   * Writes a cloud to a channel.
   *
   * @param ch destination
   * @param cloud the cloud
   * @param options layout and precision
   * @throws IOException on a write error
   */
  public static void write(WritableByteChannel ch, PointCloud cloud, TextWriteOptions options)
      throws IOException {
    TextLayout layout = options.layout();
    List<String> columns = new ArrayList<>(layout.columns());
    boolean pts = options.format() == PointCloudFormat.PTS;
    if (columns.isEmpty()) {
      columns.addAll(List.of("x", "y", "z"));
      if (pts) {
        if (cloud.hasChannel(Channel.INTENSITY)) {
          columns.add("intensity");
        }
        if (cloud.hasColors()) {
          columns.addAll(List.of("r", "g", "b"));
        }
      } else {
        if (cloud.hasNormals()) {
          columns.addAll(List.of("nx", "ny", "nz"));
        }
        if (cloud.hasColors()) {
          columns.addAll(List.of("r", "g", "b"));
          if (cloud.floatChannel(Channel.COLORS).width() == 4) {
            columns.add("a");
          }
        }
        if (cloud.hasChannel(Channel.INTENSITY)) {
          columns.add("intensity");
        }
        if (cloud.hasLabels()) {
          columns.add("label");
        }
      }
    }
    boolean byteColors = layout.colorRange() == ColorRange.BYTE || pts;
    int decimals = options.decimals();
    double[] origin = cloud.origin();
    List<Source> sources = new ArrayList<>();
    for (String c : columns) {
      sources.add(source(cloud, TextReader.canonical(c), c, byteColors, decimals, origin));
    }
    char sep = switch (layout.delimiter()) {
      case COMMA -> ',';
      case SEMICOLON -> ';';
      case WHITESPACE -> ' ';
      case AUTO -> options.format() == PointCloudFormat.CSV ? ',' : ' ';
    };
    ByteSink s = new ByteSink(ch, ByteOrder.LITTLE_ENDIAN, 1 << 18);
    if (pts) {
      s.num(cloud.size()).ch('\n');
    }
    if (options.header()) {
      s.ascii(String.join(String.valueOf(sep), columns)).ch('\n');
    }
    int n = cloud.size();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < sources.size(); k++) {
        if (k > 0) {
          s.ch(sep);
        }
        sources.get(k).write(s, i);
      }
      s.ch('\n');
    }
    s.flush();
  }

  private static Source source(PointCloud cloud, String role, String name, boolean byteColors,
      int decimals, double[] origin) {
    switch (role) {
      case "x", "y", "z" -> {
        int a = "xyz".indexOf(role);
        var xyz = cloud.positionsBuffer();
        double o = origin[a];
        return (s, i) -> number(s, xyz.get(3 * i + a), o, decimals);
      }
      case "nx", "ny", "nz" -> {
        FloatChannel c = require(cloud, Channel.NORMALS, name);
        int a = "xyz".indexOf(role.charAt(1));
        var buf = c.buffer();
        return (s, i) -> number(s, buf.get(3 * i + a), 0, decimals);
      }
      case "r", "g", "b", "a" -> {
        FloatChannel c = require(cloud, Channel.COLORS, name);
        int a = "rgba".indexOf(role);
        int w = c.width();
        if (a >= w) {
          throw new IllegalArgumentException("the cloud's colours have no alpha");
        }
        var buf = c.buffer();
        if (byteColors) {
          return (s, i) -> s.num(OutColumn.toByte(buf.get(w * i + a)));
        }
        return (s, i) -> number(s, buf.get(w * i + a), 0, decimals);
      }
      case "intensity" -> {
        FloatChannel c = require(cloud, Channel.INTENSITY, name);
        var buf = c.buffer();
        return (s, i) -> number(s, buf.get(i), 0, decimals);
      }
      case "label" -> {
        if (!cloud.hasLabels()) {
          throw new IllegalArgumentException("the layout has a label column but the cloud has "
              + "no labels");
        }
        var buf = cloud.intChannel(Channel.LABELS).buffer();
        if (decimals >= 0) {
          return (s, i) -> s.fixed(buf.get(i), decimals);
        }
        return (s, i) -> s.num(buf.get(i));
      }
      case "_" -> {
        return (s, i) -> s.ch('0');
      }
      default -> {
        Channel ch = cloud.channel(name).orElseThrow(() -> new IllegalArgumentException(
            "the layout has a column '" + name + "' but the cloud has no such channel"));
        if (ch.width() != 1) {
          throw new IllegalArgumentException("channel '" + name + "' has width " + ch.width()
              + "; text columns hold one value");
        }
        if (ch instanceof IntChannel ic) {
          var buf = ic.buffer();
          return (s, i) -> s.num(buf.get(i));
        }
        var buf = ((FloatChannel) ch).buffer();
        return (s, i) -> number(s, buf.get(i), 0, decimals);
      }
    }
  }

  private static FloatChannel require(PointCloud cloud, String channel, String column) {
    if (!cloud.hasChannel(channel)) {
      throw new IllegalArgumentException("the layout has a '" + column + "' column but the cloud "
          + "has no " + channel);
    }
    return cloud.floatChannel(channel);
  }

  private static void number(ByteSink s, float v, double origin, int decimals)
      throws IOException {
    if (decimals >= 0) {
      s.fixed(origin + v, decimals);
    } else if (origin == 0) {
      s.shortest(v);
    } else {
      s.shortest(origin + v);
    }
  }

}

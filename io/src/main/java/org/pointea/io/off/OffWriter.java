package org.pointea.io.off;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.io.internal.ByteSink;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Writes triangle meshes (or a cloud's points, with no faces) as OFF, the way ModelNet stores
 * them: {@code OFF}, {@code nv nf 0}, one vertex per line, then {@code 3 a b c} per face. Vertices
 * with colours are written as {@code COFF}: each vertex line ends with {@code r g b a} as integers
 * 0..255 (Geomview's convention, what Open3D, trimesh and pointea's reader take).
 *
 * <pre>{@code
 * OffWriter.writeMesh(Path.of("chair_0001.off"), mesh, OffWriteOptions.DEFAULT);
 * }</pre>
 */
public final class OffWriter {
  private OffWriter() {}

  /**
   * Writes a mesh to a file (through a temporary sibling renamed into place).
   *
   * @param path destination
   * @param mesh the mesh
   * @param options header style and precision
   * @throws IOException on a write error
   */
  public static void writeMesh(Path path, TriangleMesh mesh, OffWriteOptions options)
      throws IOException {
    AtomicOutput.write(path, ch -> write(ch, mesh.vertices(), mesh.triangles(), options));
  }

  /**
   * Writes a cloud's points as an OFF with no faces.
   *
   * @param path destination
   * @param cloud the cloud
   * @param options header style and precision
   * @throws IOException on a write error
   */
  public static void write(Path path, PointCloud cloud, OffWriteOptions options)
      throws IOException {
    writeMesh(path, cloud, new int[0], options);
  }

  /**
   * Writes a mesh given as its vertices (a cloud: positions, and colours when it has them, which
   * make the file {@code COFF}) and packed triangle indices.
   *
   * @param path destination
   * @param vertices the vertices
   * @param triangles packed triangle indices into {@code vertices}
   * @param options header style and precision
   * @throws IOException on a write error
   */
  public static void writeMesh(Path path, PointCloud vertices, int[] triangles, OffWriteOptions options)
      throws IOException {
    float[] xyz = vertices.positions();
    double[] o = vertices.origin();
    if (o[0] != 0 || o[1] != 0 || o[2] != 0) {
      for (int i = 0; i < xyz.length; i++) {
        xyz[i] = (float) (xyz[i] + o[i % 3]);
      }
    }
    float[] colors = vertices.hasColors() ? vertices.colors() : null;
    int width = colors == null ? 0 : vertices.floatChannel(Channel.COLORS).width();
    AtomicOutput.write(path, ch -> write(ch, xyz, colors, width, triangles, options));
  }

  /**
   * Writes vertices and triangles to a channel.
   *
   * @param ch destination
   * @param xyz packed vertices
   * @param triangles packed triangle indices
   * @param options header style and precision
   * @throws IOException on a write error
   */
  public static void write(
      WritableByteChannel ch, float[] xyz, int[] triangles, OffWriteOptions options)
      throws IOException {
    write(ch, xyz, null, 0, triangles, options);
  }

  /**
   * Writes vertices, optional vertex colours and triangles to a channel.
   *
   * @param ch destination
   * @param xyz packed vertices
   * @param colors packed colours in [0, 1], {@code width} per vertex (3 RGB or 4 RGBA), or null
   * @param width values per colour
   * @param triangles packed triangle indices
   * @param options header style and precision
   * @throws IOException on a write error
   */
  public static void write(WritableByteChannel ch, float[] xyz, float[] colors, int width, int[] triangles,
      OffWriteOptions options) throws IOException {
    ByteSink s = new ByteSink(ch, ByteOrder.LITTLE_ENDIAN, 1 << 18);
    int nv = xyz.length / 3;
    int nf = triangles.length / 3;
    if (colors != null && (width < 3 || colors.length != (long) width * nv)) {
      throw new IllegalArgumentException(colors.length + " colour values for " + nv + " vertices of width " + width);
    }
    String keyword = colors != null ? "COFF" : "OFF";
    s.ascii(options.gluedHeader() ? keyword : keyword + "\n").num(nv).ch(' ').num(nf).ascii(" 0\n");
    for (int i = 0; i < xyz.length; i += 3) {
      for (int a = 0; a < 3; a++) {
        if (a > 0) {
          s.ch(' ');
        }
        if (options.decimals() < 0) {
          s.shortest(xyz[i + a]);
        } else {
          s.fixed(xyz[i + a], options.decimals());
        }
      }
      if (colors != null) {
        int v = i / 3 * width;
        for (int c = 0; c < 4; c++) {
          s.ch(' ').num(c < width ? byteOf(colors[v + c]) : 255);
        }
      }
      s.ch('\n');
    }
    for (int t = 0; t < triangles.length; t += 3) {
      s.ascii("3 ").num(triangles[t]).ch(' ').num(triangles[t + 1]).ch(' ').num(triangles[t + 2])
          .ch('\n');
    }
    s.flush();
  }

  /** A colour value in [0, 1] as 0..255 (rounded, clamped; NaN as 0). */
  private static int byteOf(float c) {
    if (!(c > 0)) {
      return 0;
    }
    return c >= 1 ? 255 : Math.round(c * 255f);
  }
}

package org.pointea.io.off;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.io.internal.ByteSink;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Writes triangle meshes (or a cloud's points, with no faces) as OFF, the way ModelNet stores
 * them: {@code OFF}, {@code nv nf 0}, one vertex per line, then {@code 3 a b c} per face.
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
    float[] xyz = cloud.positions();
    double[] o = cloud.origin();
    if (o[0] != 0 || o[1] != 0 || o[2] != 0) {
      for (int i = 0; i < xyz.length; i++) {
        xyz[i] = (float) (xyz[i] + o[i % 3]);
      }
    }
    AtomicOutput.write(path, ch -> write(ch, xyz, new int[0], options));
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
    ByteSink s = new ByteSink(ch, ByteOrder.LITTLE_ENDIAN, 1 << 18);
    int nv = xyz.length / 3;
    int nf = triangles.length / 3;
    s.ascii(options.gluedHeader() ? "OFF" : "OFF\n").num(nv).ch(' ').num(nf).ascii(" 0\n");
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
      s.ch('\n');
    }
    for (int t = 0; t < triangles.length; t += 3) {
      s.ascii("3 ").num(triangles[t]).ch(' ').num(triangles[t + 1]).ch(' ').num(triangles[t + 2])
          .ch('\n');
    }
    s.flush();
  }
}

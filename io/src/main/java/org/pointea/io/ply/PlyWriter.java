package org.pointea.io.ply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.io.internal.ByteSink;
import org.pointea.io.internal.CloudColumns;
import org.pointea.io.internal.OutColumn;
import org.pointea.io.ply.PlyHeader.Encoding;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Writes point clouds and triangle meshes as PLY (ascii, binary little or big endian).
 *
 * <p>A cloud's channels become vertex properties: {@code x y z} (float, or double when the cloud
 * has a global origin), {@code nx ny nz}, {@code red green blue [alpha]} (uchar by default),
 * {@code intensity}, {@code label}, and every other channel under its own name ({@code name_0},
 * {@code name_1}, ... for channels wider than one). Files are written to a temporary sibling and
 * renamed into place.
 *
 * <pre>{@code
 * PlyWriter.write(Path.of("out.ply"), cloud, PlyWriteOptions.binaryLittleEndian());
 * }</pre>
 */
public final class PlyWriter {
  private PlyWriter() {}

  /**
   * Writes a cloud.
   *
   * @param path destination
   * @param cloud the cloud
   * @param options encoding and colour type
   * @throws IOException on a write error
   */
  public static void write(Path path, PointCloud cloud, PlyWriteOptions options)
      throws IOException {
    AtomicOutput.write(path, ch -> write(ch, cloud, null, options));
  }

  /**
   * Writes a triangle mesh ({@code vertex} with normals when the mesh has them, and
   * {@code face} as {@code list uchar int vertex_indices}).
   *
   * @param path destination
   * @param mesh the mesh
   * @param options encoding
   * @throws IOException on a write error
   */
  public static void writeMesh(Path path, TriangleMesh mesh, PlyWriteOptions options)
      throws IOException {
    AtomicOutput.write(path, ch -> write(ch, mesh.toPointCloud(), mesh.triangles(), options));
  }

  /**
   * Writes a triangle mesh whose vertices carry channels (colours, labels, normals, any other):
   * every channel of {@code vertices} becomes a vertex property, as in {@link #write(Path,
   * PointCloud, PlyWriteOptions)}, followed by the {@code face} element.
   *
   * @param path destination
   * @param vertices the mesh's vertices with their channels
   * @param triangles packed vertex-index triples
   * @param options encoding and colour type
   * @throws IOException on a write error
   * @throws IllegalArgumentException when a triangle names a vertex that does not exist
   */
  public static void writeMesh(Path path, PointCloud vertices, int[] triangles,
      PlyWriteOptions options) throws IOException {
    int n = vertices.size();
    for (int t : triangles) {
      if (t < 0 || t >= n) {
        throw new IllegalArgumentException("triangle vertex " + t + " outside 0.." + (n - 1));
      }
    }
    try (AtomicOutput out = AtomicOutput.create(path)) {
      write(out.channel(), vertices, triangles, options);
      out.commit();
    }
  }

  /**
   * Writes a cloud, and optionally triangles, to a channel.
   *
   * @param ch destination
   * @param cloud vertices and their channels
   * @param triangles packed triangle indices, or null for a point cloud
   * @param options encoding and colour type
   * @throws IOException on a write error
   */
  public static void write(
      WritableByteChannel ch, PointCloud cloud, int[] triangles, PlyWriteOptions options)
      throws IOException {
    List<OutColumn> cols = CloudColumns.of(cloud, CloudColumns.Style.PLY, options.floatColors(),
        false);
    Encoding enc = options.encoding();
    ByteSink sink = new ByteSink(ch, enc.order() == null ? ByteOrder.LITTLE_ENDIAN : enc.order(),
        1 << 20);
    StringBuilder hdr = new StringBuilder(256);
    hdr.append("ply\nformat ").append(enc.keyword()).append(" 1.0\n");
    for (String c : options.comments()) {
      hdr.append("comment ").append(c).append('\n');
    }
    int n = cloud.size();
    hdr.append("element vertex ").append(n).append('\n');
    for (OutColumn c : cols) {
      hdr.append("property ").append(PlyHeader.nameOf(c.type())).append(' ').append(c.name())
          .append('\n');
    }
    if (triangles != null) {
      hdr.append("element face ").append(triangles.length / 3).append('\n');
      hdr.append("property list uchar int vertex_indices\n");
    }
    hdr.append("end_header\n");
    sink.ascii(hdr.toString());
    if (enc == Encoding.ASCII) {
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < cols.size(); k++) {
          if (k > 0) {
            sink.ch(' ');
          }
          cols.get(k).text(sink, i, ' ');
        }
        sink.ch('\n');
      }
      if (triangles != null) {
        for (int t = 0; t < triangles.length; t += 3) {
          sink.ascii("3 ").num(triangles[t]).ch(' ').num(triangles[t + 1]).ch(' ')
              .num(triangles[t + 2]).ch('\n');
        }
      }
    } else {
      int rec = CloudColumns.recordSize(cols);
      int block = Math.max(1, sink.capacity() / rec);
      for (int first = 0; first < n; first += block) {
        int m = Math.min(block, n - first);
        ByteBuffer b = sink.reserve(m * rec);
        int pos = b.position();
        CloudColumns.putRecords(cols, b, pos, rec, first, m);
        b.position(pos + m * rec);
      }
      if (triangles != null) {
        for (int t = 0; t < triangles.length; t += 3) {
          ByteBuffer b = sink.reserve(13);
          b.put((byte) 3).putInt(triangles[t]).putInt(triangles[t + 1]).putInt(triangles[t + 2]);
        }
      }
    }
    sink.flush();
  }
}

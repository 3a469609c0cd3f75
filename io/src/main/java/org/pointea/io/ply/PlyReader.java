package org.pointea.io.ply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.AsciiScanner;
import org.pointea.io.internal.BinaryCursor;
import org.pointea.io.internal.CloudAssembler;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.IntList;
import org.pointea.io.internal.ScalarType;
import org.pointea.io.ply.PlyHeader.Element;
import org.pointea.io.ply.PlyHeader.Encoding;
import org.pointea.io.ply.PlyHeader.Property;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Reads PLY files into point clouds (the {@code vertex} element) and triangle meshes
 * ({@code vertex} plus {@code face}, polygons fan-triangulated).
 *
 * <p>Vertex properties become channels as {@link org.pointea.io.internal.CloudAssembler} maps them
 * ({@code nx ny nz} normals, {@code red green blue [alpha]} colours scaled from uchar/ushort or kept
 * as floats, {@code intensity}, {@code label}, any other scalar as a channel of its own name); list
 * properties inside the vertex element and every element other than {@code vertex} and
 * {@code face} are skipped. Binary bodies are memory-mapped and decoded straight into the cloud's
 * arrays.
 *
 * <pre>{@code
 * PointCloud cloud = PlyReader.read(Path.of("bunny.ply"), ReadOptions.DEFAULT);
 * TriangleMesh mesh = PlyReader.readMesh(Path.of("bunny.ply"));
 * }</pre>
 */
public final class PlyReader {
  private static final int WINDOW = 1 << 28;
  private static final int SCRATCH_RECORDS = 4096;

  private PlyReader() {}

  /**
   * Reads the vertices of a PLY file as a point cloud.
   *
   * @param path the file
   * @param options read options
   * @return the cloud
   * @throws IOException when the file cannot be read or is malformed
   */
  public static PointCloud read(Path path, ReadOptions options) throws IOException {
    try (Input in = Input.open(path)) {
      return read(in, options);
    }
  }

  /**
   * Reads the vertices of a PLY input as a point cloud.
   *
   * @param in the input
   * @param options read options
   * @return the cloud
   * @throws IOException when the input cannot be read or is malformed
   */
  public static PointCloud read(Input in, ReadOptions options) throws IOException {
    return new Body(in, PlyHeader.read(in), options, false).run().cloud;
  }

  /**
   * Reads a PLY file as a triangle mesh.
   *
   * @param path the file
   * @return the mesh (vertex normals when the file has {@code nx ny nz})
   * @throws IOException when the file cannot be read or is malformed
   */
  public static TriangleMesh readMesh(Path path) throws IOException {
    try (Input in = Input.open(path)) {
      return readMesh(in);
    }
  }

  /**
   * Reads a PLY input as a triangle mesh.
   *
   * @param in the input
   * @return the mesh
   * @throws IOException when the input cannot be read or is malformed
   */
  public static TriangleMesh readMesh(Input in) throws IOException {
    ReadOptions opts = ReadOptions.builder().optChannels(Channel.NORMALS).optAutoOrigin(false)
        .build();
    Body body = new Body(in, PlyHeader.read(in), opts, true).run();
    PointCloud v = body.cloud;
    int[] tri = body.triangles == null ? new int[0] : body.triangles.toArray();
    return new TriangleMesh(v.positions(), tri, v.hasNormals() ? v.normals() : null);
  }

  /** One pass over the body. */
  private static final class Body {
    final Input in;
    final PlyHeader h;
    final ReadOptions options;
    final boolean wantFaces;
    PointCloud cloud;
    IntList triangles;
    AsciiScanner sc;
    long offset;
    Element vertex;

    Body(Input in, PlyHeader h, ReadOptions options, boolean wantFaces) {
      this.in = in;
      this.h = h;
      this.options = options;
      this.wantFaces = wantFaces;
    }

    Body run() throws IOException {
      vertex = h.element("vertex");
      if (vertex == null) {
        vertex = h.element("vertices");
      }
      if (vertex == null) {
        throw in.error(h.dataOffset(), "no 'vertex' element in the header");
      }
      if (h.encoding() == Encoding.ASCII) {
        sc = new AsciiScanner(in, h.dataOffset(), h.bodyLine(), (byte) 0, (byte) 0);
      }
      offset = h.dataOffset();
      for (Element e : h.elements()) {
        if (e == vertex) {
          cloud = h.encoding() == Encoding.ASCII ? vertexAscii(e) : vertexBinary(e);
        } else if (wantFaces && e.name().equals("face") && indexProperty(e) != null) {
          faces(e);
        } else {
          skip(e);
        }
      }
      options.progress().onProgress(1.0);
      return this;
    }

    // ---------------------------------------------------------------- vertex, binary

    private PointCloud vertexBinary(Element e) throws IOException {
      int n = (int) e.count();
      ByteOrder order = h.encoding().order();
      CloudAssembler asm = new CloudAssembler(n, options, in);
      int scalarSize = 0;
      for (Property p : e.properties()) {
        if (!p.isList()) {
          asm.field(p.name(), p.type(), 1, scalarSize);
          scalarSize += p.type().size();
        }
      }
      if (e.isFixedSize()) {
        long bytes = (long) n * scalarSize;
        in.require(offset, bytes, "element vertex (" + n + " records of " + scalarSize + " bytes)");
        asm.layout(offset);
        asm.locateRecords(offset, scalarSize);
        if (scalarSize == 0) {
          return asm.build(0, 1, null);
        }
        int perWindow = Math.max(1, WINDOW / scalarSize);
        for (int first = 0; first < n; first += perWindow) {
          int m = Math.min(perWindow, n - first);
          ByteBuffer b = in.map(offset + (long) first * scalarSize, (long) m * scalarSize,
              "vertex records").order(order);
          if (first == 0) {
            asm.decideOrigin(b, 0, scalarSize, m);
          }
          asm.decode(b, 0, scalarSize, first, m);
          options.progress().onProgress((double) (first + m) / n);
        }
        offset += bytes;
        return asm.build(0, 1, null);
      }
      // variable-size vertex records: gather the scalars of a block of records, then decode
      long min = e.minRecordBytes();
      if (min > 0 && n > (in.size() - offset) / min) {
        throw truncatedCount(e, min);
      }
      asm.layout(offset);
      BinaryCursor cur = new BinaryCursor(in, offset, order, "element vertex");
      ByteBuffer scratch = ByteBuffer.allocate(Math.max(1, SCRATCH_RECORDS * scalarSize))
          .order(order);
      for (int first = 0; first < n; first += SCRATCH_RECORDS) {
        int m = Math.min(SCRATCH_RECORDS, n - first);
        for (int r = 0; r < m; r++) {
          int dst = r * scalarSize;
          for (Property p : e.properties()) {
            if (p.isList()) {
              skipList(cur, p);
            } else {
              int sz = p.type().size();
              int i = cur.need(sz);
              scratch.put(dst, cur.buffer(), i, sz);
              cur.skip(sz);
              dst += sz;
            }
          }
        }
        if (first == 0) {
          asm.decideOrigin(scratch, 0, scalarSize, m);
        }
        asm.decode(scratch, 0, scalarSize, first, m);
      }
      offset = cur.position();
      return asm.build(0, 1, null);
    }

    private void skipList(BinaryCursor cur, Property p) throws IOException {
      long c = cur.readLong(p.countType());
      if (c < 0) {
        throw in.error(cur.position() - p.countType().size(),
            "negative list length " + c + " for property '" + p.name() + "'");
      }
      long bytes = c * p.type().size();
      if (bytes > cur.remaining()) {
        throw in.error(cur.position(), "truncated: list '" + p.name() + "' of " + c
            + " items needs " + bytes + " bytes but " + cur.remaining() + " remain");
      }
      cur.skip(bytes);
    }

    private PointCloudFormatException truncatedCount(Element e, long minBytes) {
      return in.error(offset, "truncated: element '" + e.name() + "' declares " + e.count()
          + " records of at least " + minBytes + " bytes but only " + (in.size() - offset)
          + " bytes remain");
    }

    // ---------------------------------------------------------------- vertex, ascii

    private PointCloud vertexAscii(Element e) throws IOException {
      int n = (int) e.count();
      int tokens = e.properties().size();
      long remaining = in.size() - sc.offset();
      if (tokens > 0 && (long) n * tokens > (remaining + 1) / 2) {
        throw in.error(sc.line(), sc.offset(), "truncated: element vertex declares " + n
            + " records of " + tokens + " values but only " + remaining + " bytes remain");
      }
      CloudAssembler asm = new CloudAssembler(n, options, in);
      for (Property p : e.properties()) {
        if (!p.isList()) {
          asm.field(p.name(), p.type(), 1, 0);
        }
      }
      asm.layout(sc.offset());
      if (asm.needsOrigin()) {
        peekOrigin(e, asm);
      }
      boolean simple = e.isFixedSize();
      for (int i = 0; i < n; i++) {
        if (simple) {
          asm.parseRecord(sc, i, false);
        } else {
          int k = 0;
          for (Property p : e.properties()) {
            if (p.isList()) {
              skipListAscii(p);
            } else {
              sc.next(p.name());
              asm.parseElement(k++, sc, i);
            }
          }
        }
        if ((i & 0xFFFF) == 0xFFFF) {
          options.progress().onProgress(sc.fraction());
        }
      }
      return asm.build(0, 1, null);
    }

    private void peekOrigin(Element e, CloudAssembler asm) throws IOException {
      AsciiScanner peek = new AsciiScanner(in, sc.offset(), sc.line(), (byte) 0, (byte) 0);
      double[] p = new double[3];
      long limit = Math.min(e.count(), 1000);
      for (long r = 0; r < limit; r++) {
        p[0] = p[1] = p[2] = 0;
        for (Property prop : e.properties()) {
          if (prop.isList()) {
            peek.next("list length");
            long c = peek.parseLong("list length", 0, Integer.MAX_VALUE);
            for (long k = 0; k < c; k++) {
              peek.next("list item");
            }
          } else {
            peek.next(prop.name());
            int axis = "xyz".indexOf(prop.name().toLowerCase(java.util.Locale.ROOT));
            if (prop.name().length() == 1 && axis >= 0) {
              p[axis] = peek.parseDouble(prop.name());
            }
          }
        }
        if (Double.isFinite(p[0]) && Double.isFinite(p[1]) && Double.isFinite(p[2])) {
          asm.decideOrigin(p[0], p[1], p[2]);
          return;
        }
      }
      asm.decideOrigin(0, 0, 0);
    }

    private long skipListAscii(Property p) throws IOException {
      sc.next("length of list '" + p.name() + "'");
      long c = sc.parseLong("length of list '" + p.name() + "'", 0, (long) p.countType().max());
      for (long k = 0; k < c; k++) {
        sc.next("item of list '" + p.name() + "'");
      }
      return c;
    }

    // ---------------------------------------------------------------- faces

    private Property indexProperty(Element e) {
      for (Property p : e.properties()) {
        if (p.isList() && (p.name().equals("vertex_indices") || p.name().equals("vertex_index"))
            && !p.type().isFloating()) {
          return p;
        }
      }
      return null;
    }

    private void faces(Element e) throws IOException {
      Property idx = indexProperty(e);
      int count = (int) e.count();
      long vertexCount = vertex.count();
      long remaining = in.size() - (sc != null ? sc.offset() : offset);
      long min = sc != null ? 2L * e.properties().size() - 1 : e.minRecordBytes();
      if (min > 0 && count > (remaining + 1) / min) {
        throw truncatedCount(e, min);
      }
      triangles = new IntList((int) Math.min(3L * count, 1 << 20));
      int[] poly = new int[16];
      BinaryCursor cur = sc == null
          ? new BinaryCursor(in, offset, h.encoding().order(), "element face") : null;
      for (int f = 0; f < count; f++) {
        for (Property p : e.properties()) {
          if (p != idx) {
            if (sc != null) {
              if (p.isList()) {
                skipListAscii(p);
              } else {
                sc.next(p.name());
              }
            } else if (p.isList()) {
              skipList(cur, p);
            } else {
              cur.skipChecked(p.type().size());
            }
            continue;
          }
          long c;
          if (sc != null) {
            sc.next("face vertex count");
            c = sc.parseLong("face vertex count", 0, (long) p.countType().max());
            if (c > (in.size() - sc.offset() + 1) / 2) {
              throw sc.error("face " + f + " claims " + c + " vertices but only "
                  + (in.size() - sc.offset()) + " bytes remain");
            }
          } else {
            c = cur.readLong(p.countType());
            if (c < 0 || c * p.type().size() > cur.remaining()) {
              throw in.error(cur.position(), "face " + f + " has a bad vertex count " + c);
            }
          }
          if (c > poly.length) {
            poly = new int[(int) Math.min(Math.max(c, 2L * poly.length), Integer.MAX_VALUE - 16)];
          }
          for (int k = 0; k < c; k++) {
            long v;
            if (sc != null) {
              sc.next("face vertex index");
              v = sc.parseLong("face vertex index", -1L << 31, (1L << 32) - 1);
            } else {
              v = cur.readLong(p.type());
            }
            if (v < 0 || v >= vertexCount) {
              throw in.error(sc != null ? sc.line() : -1,
                  sc != null ? sc.tokenOffset() : cur.position() - p.type().size(),
                  "face " + f + " refers to vertex " + v + " but there are " + vertexCount
                      + " vertices");
            }
            poly[k] = (int) v;
          }
          for (int k = 1; k + 1 < c; k++) {
            triangles.add(poly[0]);
            triangles.add(poly[k]);
            triangles.add(poly[k + 1]);
          }
        }
      }
      if (cur != null) {
        offset = cur.position();
      }
    }

    // ---------------------------------------------------------------- other elements

    private void skip(Element e) throws IOException {
      if (e.properties().isEmpty() || e.count() == 0) {
        return;
      }
      if (sc != null) {
        long remaining = in.size() - sc.offset();
        if (e.count() * e.properties().size() > (remaining + 1) / 2) {
          throw in.error(sc.line(), sc.offset(), "truncated: element '" + e.name() + "' declares "
              + e.count() + " records but only " + remaining + " bytes remain");
        }
        for (long r = 0; r < e.count(); r++) {
          for (Property p : e.properties()) {
            if (p.isList()) {
              skipListAscii(p);
            } else {
              sc.next(p.name());
            }
          }
        }
        return;
      }
      if (e.isFixedSize()) {
        long bytes = e.count() * e.minRecordBytes();
        in.require(offset, bytes, "element " + e.name());
        offset += bytes;
        return;
      }
      if (e.count() > (in.size() - offset) / e.minRecordBytes()) {
        throw truncatedCount(e, e.minRecordBytes());
      }
      BinaryCursor cur = new BinaryCursor(in, offset, h.encoding().order(), "element " + e.name());
      for (long r = 0; r < e.count(); r++) {
        for (Property p : e.properties()) {
          if (p.isList()) {
            skipList(cur, p);
          } else {
            cur.skipChecked(p.type().size());
          }
        }
      }
      offset = cur.position();
    }
  }

}

package org.pointea.io.off;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.AsciiScanner;
import org.pointea.io.internal.FloatList;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.IntList;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

/**
 * Reads OFF files as triangle meshes (polygons fan-triangulated: {@code (v0, vk, vk+1)}), or their
 * vertices as a point cloud.
 *
 * <p>Accepted: the optional {@code [ST][C][N]OFF} keyword, counts on the keyword's line or the next,
 * ModelNet's glued {@code OFF<nv> <nf> <ne>} (also after leading blanks), {@code #} comments
 * anywhere, blank lines, CRLF, and trailing per-face or per-vertex values (colours), which are
 * ignored for faces. {@code NOFF} vertex normals and {@code COFF} vertex colours are kept. Faces
 * with fewer than three vertices are dropped. Binary OFF and the {@code 4OFF}/{@code nOFF}
 * variants are rejected.
 *
 * <pre>{@code
 * TriangleMesh mesh = OffReader.readMesh(Path.of("ModelNet40/chair/train/chair_0001.off"));
 * }</pre>
 */
public final class OffReader {
  private static final Pattern KEYWORD = Pattern.compile("(ST)?(C)?(N)?(4)?(n)?OFF(.*)");

  private OffReader() {}

  /** What a parse produced. */
  private record Parsed(float[] xyz, float[] normals, float[] colors, int colorWidth,
      int[] triangles) {}

  /**
   * Reads an OFF file as a mesh.
   *
   * @param path the file
   * @return the mesh
   * @throws IOException when the file cannot be read or is malformed
   */
  public static TriangleMesh readMesh(Path path) throws IOException {
    try (Input in = Input.open(path)) {
      return readMesh(in);
    }
  }

  /**
   * Reads an OFF input as a mesh.
   *
   * @param in the input
   * @return the mesh (vertex normals for NOFF)
   * @throws IOException when the input cannot be read or is malformed
   */
  public static TriangleMesh readMesh(Input in) throws IOException {
    Parsed p = parse(in, true, ReadOptions.DEFAULT);
    return new TriangleMesh(p.xyz, p.triangles, p.normals);
  }

  /**
   * Reads the vertices of an OFF file as a point cloud.
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
   * Reads the vertices of an OFF input as a point cloud.
   *
   * @param in the input
   * @param options read options
   * @return the cloud (normals for NOFF, colours for COFF)
   * @throws IOException when the input cannot be read or is malformed
   */
  public static PointCloud read(Input in, ReadOptions options) throws IOException {
    Parsed p = parse(in, false, options);
    PointCloud.Builder b = PointCloud.builder(p.xyz);
    if (p.normals != null && options.wants(Channel.NORMALS)) {
      b.normals(p.normals);
    }
    if (p.colors != null && options.wants(Channel.COLORS)) {
      b.colors(p.colors, p.colorWidth);
    }
    PointCloud c = b.build();
    options.progress().onProgress(1.0);
    return options.removeNonFinite() ? c.removeNonFinite() : c;
  }

  private static Parsed parse(Input in, boolean faces, ReadOptions options) throws IOException {
    AsciiScanner sc = new AsciiScanner(in, 0, 1, (byte) '#', (byte) 0);
    if (!sc.nextLine()) {
      throw in.error(1, 0, "empty file: no OFF header");
    }
    sc.token("the OFF keyword");
    boolean normals = false;
    boolean colors = false;
    long[] counts = new long[3];
    int have = 0;
    Matcher m = KEYWORD.matcher(sc.text());
    if (m.matches()) {
      if (m.group(4) != null || m.group(5) != null) {
        throw sc.error("'" + sc.text() + "': 4D and n-dimensional OFF are not supported");
      }
      colors = m.group(2) != null;
      normals = m.group(3) != null;
      String rest = m.group(6);
      if (!rest.isEmpty()) {
        // ModelNet's glued header: OFF<nv> <nf> <ne>
        try {
          counts[have++] = Long.parseLong(rest);
        } catch (NumberFormatException e) {
          throw sc.error("bad OFF keyword '" + AsciiScanner.printable(sc.text()) + "'");
        }
      }
      if (have == 0 && sc.hasToken()) {
        sc.token("vertex count");
        if (sc.tokenIs("BINARY")) {
          throw sc.error("binary OFF is not supported");
        }
        counts[have++] = sc.parseLong("vertex count");
      }
    } else {
      counts[have++] = sc.parseLong("the OFF keyword or the vertex count");
    }
    // the remaining counts: on this line, or on the next lines
    while (have < 2) {
      if (!sc.hasToken()) {
        if (!sc.nextLine()) {
          throw in.error(sc.line(), sc.offset(), "the file ends before the vertex and face counts");
        }
      }
      sc.token("count");
      counts[have++] = sc.parseLong(have == 1 ? "vertex count" : "face count");
    }
    if (sc.hasToken()) {
      sc.token("edge count");
      counts[2] = sc.parseLong("edge count");
    }
    long nv = counts[0];
    long nf = counts[1];
    long remaining = in.size() - sc.offset();
    if (nv < 0 || nf < 0) {
      throw sc.error("negative count: " + nv + " vertices, " + nf + " faces");
    }
    if (nv > (remaining + 1) / 6 || (faces && nf > (remaining + 1) / 2)) {
      throw sc.error("truncated: " + nv + " vertices and " + nf + " faces cannot fit in the "
          + remaining + " bytes that remain");
    }
    int n = (int) nv;
    float[] xyz = new float[3 * n];
    float[] nrm = normals ? new float[3 * n] : null;
    FloatList col = colors ? new FloatList(4 * n) : null;
    int colorWidth = 0;
    float colorMax = 0;
    for (int i = 0; i < n; i++) {
      if (!sc.nextLine()) {
        throw in.error(sc.line(), sc.offset(), "the file ends after " + i + " of " + n
            + " vertices");
      }
      for (int a = 0; a < 3; a++) {
        sc.token("vertex coordinate");
        xyz[3 * i + a] = sc.parseFloat("vertex coordinate");
      }
      if (normals) {
        for (int a = 0; a < 3; a++) {
          sc.token("vertex normal");
          nrm[3 * i + a] = sc.parseFloat("vertex normal");
        }
      }
      if (colors) {
        int w = 0;
        float[] c = new float[4];
        while (w < 4 && sc.hasToken()) {
          sc.token("colour");
          c[w++] = sc.parseFloat("colour");
        }
        if (w != 3 && w != 4) {
          throw sc.error("vertex " + i + " has " + w + " colour values, expected 3 or 4");
        }
        if (colorWidth == 0) {
          colorWidth = w;
        }
        for (int k = 0; k < colorWidth; k++) {
          float v = k < w ? c[k] : 1f;
          col.add(v);
          colorMax = Math.max(colorMax, v);
        }
      }
      if ((i & 0xFFFF) == 0xFFFF) {
        options.progress().onProgress(sc.fraction());
      }
    }
    float[] colorArray = null;
    if (colors) {
      if (colorWidth == 0) {
        colorWidth = 3;
      }
      colorArray = col.toArray();
      if (colorMax > 1) {
        for (int k = 0; k < colorArray.length; k++) {
          colorArray[k] /= 255f;
        }
      }
    }
    if (!faces) {
      return new Parsed(xyz, nrm, colorArray, colorWidth, null);
    }
    IntList tri = new IntList((int) Math.min(3 * nf, 1 << 20));
    int[] poly = new int[16];
    for (long f = 0; f < nf; f++) {
      if (!sc.nextLine()) {
        throw in.error(sc.line(), sc.offset(), "the file ends after " + f + " of " + nf + " faces");
      }
      sc.token("face vertex count");
      long k = sc.parseLong("face vertex count");
      if (k < 0 || k > (in.size() - sc.offset() + 1) / 2) {
        throw sc.error("face " + f + " has a bad vertex count " + k);
      }
      if (k > poly.length) {
        poly = new int[(int) Math.max(k, 2L * poly.length)];
      }
      for (int j = 0; j < k; j++) {
        sc.token("face vertex index");
        poly[j] = (int) sc.parseLong("face vertex index", 0, n - 1L);
      }
      for (int j = 1; j + 1 < k; j++) {
        tri.add(poly[0]);
        tri.add(poly[j]);
        tri.add(poly[j + 1]);
      }
    }
    return new Parsed(xyz, nrm, colorArray, colorWidth, tri.toArray());
  }

}

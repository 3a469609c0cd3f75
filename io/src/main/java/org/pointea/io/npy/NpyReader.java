package org.pointea.io.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.CloudAssembler;
import org.pointea.io.internal.Input;
import org.pointea.io.internal.ScalarType;
import org.pointea.pointcloud.PointCloud;

/**
 * Reads NumPy {@code .npy} files (format versions 1, 2 and 3): general arrays, and point clouds
 * stored as {@code [N, C]} arrays with {@code C >= 3}.
 *
 * <p>Arrays: bool, int8..int64, uint8..uint32, float32 and float64 in either byte order; C order,
 * or Fortran order (transposed to C order on read). Structured dtypes, uint64, float16 and object
 * arrays are rejected with a {@link PointCloudFormatException}. Clouds: columns 0..2 are
 * {@code x y z}; with 6 columns, 3..5 are normals (the ModelNet {@code [N, 6]} convention);
 * otherwise the remaining columns become one channel {@code features}.
 *
 * <pre>{@code
 * NpyArray a = NpyReader.readArray(Path.of("labels.npy"));
 * PointCloud cloud = NpyReader.read(Path.of("points.npy"), ReadOptions.DEFAULT);
 * }</pre>
 */
public final class NpyReader {
  private static final int MAX_HEADER = 1 << 20;
  private static final int WINDOW = 1 << 28;

  private NpyReader() {}

  /** A parsed header. */
  record Header(NpyDtype dtype, ByteOrder order, boolean fortran, int[] shape, long dataOffset,
      int count) {}

  /**
   * Reads an array.
   *
   * @param path the file
   * @return the array
   * @throws IOException when the file cannot be read or is malformed
   */
  public static NpyArray readArray(Path path) throws IOException {
    try (Input in = Input.open(path)) {
      return readArray(in);
    }
  }

  /**
   * Reads an array.
   *
   * @param in the input
   * @return the array
   * @throws IOException when the input cannot be read or is malformed
   */
  public static NpyArray readArray(Input in) throws IOException {
    Header h = header(in);
    int n = h.count();
    long bytes = (long) n * h.dtype().size();
    in.require(h.dataOffset(), bytes, "array data of " + n + " x " + h.dtype().size() + " bytes");
    ScalarType t = h.dtype().scalarType();
    int s = h.dtype().size();
    Object data = java.lang.reflect.Array.newInstance(h.dtype().arrayClass().getComponentType(), n);
    int perWindow = WINDOW / s;
    for (int first = 0; first < n; first += perWindow) {
      int m = Math.min(perWindow, n - first);
      ByteBuffer b = in.map(h.dataOffset() + (long) first * s, (long) m * s, "array data")
          .order(h.order());
      switch (h.dtype()) {
        case FLOAT32 -> b.asFloatBuffer().get((float[]) data, first, m);
        case FLOAT64 -> b.asDoubleBuffer().get((double[]) data, first, m);
        case UINT32, INT64 -> {
          long[] a = (long[]) data;
          for (int i = 0; i < m; i++) {
            a[first + i] = t.getLong(b, i * s);
          }
        }
        case BOOL -> {
          int[] a = (int[]) data;
          for (int i = 0; i < m; i++) {
            a[first + i] = b.get(i) != 0 ? 1 : 0;
          }
        }
        default -> {
          int[] a = (int[]) data;
          for (int i = 0; i < m; i++) {
            a[first + i] = (int) t.getLong(b, i * s);
          }
        }
      }
    }
    if (h.fortran() && h.shape().length > 1) {
      data = fortranToC(data, h.shape());
    }
    return new NpyArray(h.shape(), h.dtype(), data);
  }

  /**
   * Reads a {@code [N, C]} array ({@code C >= 3}) as a point cloud.
   *
   * @param path the file
   * @param options read options
   * @return the cloud
   * @throws IOException when the file cannot be read, is malformed, or is not {@code [N, 3+]}
   */
  public static PointCloud read(Path path, ReadOptions options) throws IOException {
    try (Input in = Input.open(path)) {
      return read(in, options);
    }
  }

  /**
   * Reads a {@code [N, C]} array ({@code C >= 3}) as a point cloud.
   *
   * @param in the input
   * @param options read options
   * @return the cloud
   * @throws IOException when the input cannot be read, is malformed, or is not {@code [N, 3+]}
   */
  public static PointCloud read(Input in, ReadOptions options) throws IOException {
    Header h = header(in);
    int[] shape = h.shape();
    if (shape.length != 2 || shape[1] < 3) {
      throw in.error(0, "a point cloud is an [N, 3+] array, this one is "
          + java.util.Arrays.toString(shape));
    }
    if (h.dtype() == NpyDtype.BOOL) {
      throw in.error(0, "a point cloud cannot be a bool array");
    }
    int n = shape[0];
    int cols = shape[1];
    int s = h.dtype().size();
    long bytes = (long) n * cols * s;
    in.require(h.dataOffset(), bytes, "array data");
    CloudAssembler asm = new CloudAssembler(n, options, in);
    ScalarType t = h.dtype().scalarType();
    List<String> names = new ArrayList<>(List.of("x", "y", "z"));
    if (cols == 6) {
      names.addAll(List.of("nx", "ny", "nz"));
    }
    if (!h.fortran()) {
      for (int c = 0; c < names.size(); c++) {
        asm.field(names.get(c), t, 1, c * s);
      }
      if (cols > names.size()) {
        asm.field("features", t, cols - names.size(), names.size() * s);
      }
      int rec = Math.multiplyExact(cols, s);
      asm.layout(h.dataOffset());
      asm.locateRecords(h.dataOffset(), rec);
      int perWindow = Math.max(1, WINDOW / rec);
      for (int first = 0; first < n; first += perWindow) {
        int m = Math.min(perWindow, n - first);
        ByteBuffer b = in.map(h.dataOffset() + (long) first * rec, (long) m * rec, "array data")
            .order(h.order());
        if (first == 0) {
          asm.decideOrigin(b, 0, rec, m);
        }
        asm.decode(b, 0, rec, first, m);
      }
    } else {
      // column-major: transpose through the general array reader (bounded by the file size)
      return fromArray(readArray(in), options);
    }
    options.progress().onProgress(1.0);
    return asm.build(0, 1, null);
  }

  private static PointCloud fromArray(NpyArray a, ReadOptions options) {
    int n = a.shape()[0];
    int cols = a.shape()[1];
    double[] origin = new double[3];
    if (a.dtype() == NpyDtype.FLOAT64 && options.autoOrigin()) {
      for (int i = 0; i < n; i++) {
        double x = a.valueAsDouble(i * cols);
        double y = a.valueAsDouble(i * cols + 1);
        double z = a.valueAsDouble(i * cols + 2);
        if (Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z)) {
          double[] p = {x, y, z};
          for (int k = 0; k < 3; k++) {
            if (Math.abs(p[k]) > 1e5) {
              origin[k] = Math.rint(p[k] / 1000) * 1000;
            }
          }
          break;
        }
      }
    }
    float[] xyz = new float[3 * n];
    int extra = cols == 6 ? 0 : cols - 3;
    float[] nrm = cols == 6 ? new float[3 * n] : null;
    float[] feat = extra > 0 ? new float[extra * n] : null;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        xyz[3 * i + k] = (float) (a.valueAsDouble(i * cols + k) - origin[k]);
        if (nrm != null) {
          nrm[3 * i + k] = (float) a.valueAsDouble(i * cols + 3 + k);
        }
      }
      for (int k = 0; k < extra; k++) {
        feat[extra * i + k] = (float) a.valueAsDouble(i * cols + 3 + k);
      }
    }
    PointCloud.Builder b = PointCloud.builder(xyz);
    if (nrm != null && options.wants(org.pointea.pointcloud.Channel.NORMALS)) {
      b.normals(nrm);
    }
    if (feat != null && options.wants("features")) {
      b.channel("features", extra, feat);
    }
    if (origin[0] != 0 || origin[1] != 0 || origin[2] != 0) {
      b.origin(origin[0], origin[1], origin[2]);
    }
    options.progress().onProgress(1.0);
    PointCloud c = b.build();
    return options.removeNonFinite() ? c.removeNonFinite() : c;
  }

  private static Object fortranToC(Object data, int[] shape) {
    int n = java.lang.reflect.Array.getLength(data);
    Object out = java.lang.reflect.Array.newInstance(data.getClass().getComponentType(), n);
    int rank = shape.length;
    int[] idx = new int[rank];
    int[] fstride = new int[rank];
    int st = 1;
    for (int d = 0; d < rank; d++) {
      fstride[d] = st;
      st *= Math.max(shape[d], 1);
    }
    for (int c = 0; c < n; c++) {
      int f = 0;
      for (int d = 0; d < rank; d++) {
        f += idx[d] * fstride[d];
      }
      System.arraycopy(data, f, out, c, 1);
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out;
  }

  /**
   * Parses the header.
   *
   * @param in the input
   * @return the header
   * @throws IOException when it is malformed
   */
  static Header header(Input in) throws IOException {
    in.require(0, 10, "the NPY preamble");
    ByteBuffer pre = in.map(0, Math.min(in.size(), 12), "the NPY preamble");
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    for (int i = 0; i < 6; i++) {
      if (pre.get(i) != magic[i]) {
        throw in.error(0, "not an NPY file: no \\x93NUMPY magic");
      }
    }
    int major = pre.get(6) & 0xFF;
    long headerLen;
    long start;
    if (major == 1) {
      headerLen = pre.getShort(8) & 0xFFFF;
      start = 10;
    } else if (major == 2 || major == 3) {
      in.require(0, 12, "the NPY preamble");
      headerLen = pre.getInt(8) & 0xFFFFFFFFL;
      start = 12;
    } else {
      throw in.error(6, "unsupported NPY format version " + major);
    }
    if (headerLen > MAX_HEADER) {
      throw in.error(8, "NPY header of " + headerLen + " bytes is implausibly long");
    }
    in.require(start, headerLen, "the NPY header");
    byte[] hb = new byte[(int) headerLen];
    in.map(start, headerLen, "the NPY header").get(0, hb);
    for (int i = 0; i < hb.length; i++) {
      if ((hb[i] & 0xFF) >= 0x80 || (hb[i] < 0x20 && hb[i] != '\n' && hb[i] != '\t')) {
        throw in.error(start + i, String.format("byte 0x%02X in the NPY header", hb[i] & 0xFF));
      }
    }
    String text = new String(hb, StandardCharsets.US_ASCII);
    DictParser p = new DictParser(text, in, start);
    p.parse();
    if (p.descr == null || p.shape == null || p.fortran == null) {
      throw in.error(start, "NPY header lacks descr, fortran_order or shape: " + text.trim());
    }
    String d = p.descr;
    if (d.length() < 3) {
      throw in.error(start, "unsupported dtype '" + d + "'");
    }
    char orderChar = d.charAt(0);
    ByteOrder order = switch (orderChar) {
      case '<', '=', '|' -> ByteOrder.LITTLE_ENDIAN;
      case '>' -> ByteOrder.BIG_ENDIAN;
      default -> throw in.error(start, "unsupported dtype '" + d + "' (no byte-order mark)");
    };
    NpyDtype dtype = NpyDtype.ofCode(d.substring(1));
    if (dtype == null) {
      throw in.error(start, "unsupported dtype '" + d + "': pointea reads b1, i1..i8, u1..u4, "
          + "f4 and f8");
    }
    // All shape arithmetic in long, overflow-checked. Zero dimensions are counted as 1 for the
    // bound: an empty array of shape (0, 2^30) would still make every row 2^30 values wide, and
    // readers compute row sizes and strides from the other dimensions.
    long count = 1;
    long span = dtype.size();
    for (long dim : p.shape) {
      if (dim > Integer.MAX_VALUE - 16) {
        throw in.error(start, "dimension " + dim + " is larger than a Java array");
      }
      count = Math.multiplyExact(count, dim);
      span = Math.multiplyExact(span, Math.max(1, dim));
      if (span > Integer.MAX_VALUE - 16) {
        throw in.error(start, "shape " + p.shape + " of " + dtype.size() + "-byte items holds "
            + "more values than a Java array can (zero dimensions counted as 1)");
      }
    }
    int[] shape = new int[p.shape.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) (long) p.shape.get(i);
    }
    long dataOffset = start + headerLen;
    return new Header(dtype, order, p.fortran, shape, dataOffset, (int) count);
  }

  /** Parses the Python dict literal of an NPY header. */
  private static final class DictParser {
    final String s;
    final Input in;
    final long base;
    int i;
    String descr;
    Boolean fortran;
    List<Long> shape;

    DictParser(String s, Input in, long base) {
      this.s = s;
      this.in = in;
      this.base = base;
    }

    PointCloudFormatException error(String msg) {
      return in.error(base + Math.min(i, s.length()), msg + " in NPY header " + s.trim());
    }

    void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    void expect(char c) throws PointCloudFormatException {
      ws();
      if (i >= s.length() || s.charAt(i) != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    String string() throws PointCloudFormatException {
      ws();
      if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
        throw error("expected a string");
      }
      char q = s.charAt(i++);
      int start = i;
      while (i < s.length() && s.charAt(i) != q) {
        i++;
      }
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      return s.substring(start, i++);
    }

    void parse() throws PointCloudFormatException {
      expect('{');
      while (true) {
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
          i++;
          return;
        }
        String key = string();
        expect(':');
        ws();
        switch (key) {
          case "descr" -> {
            if (i < s.length() && s.charAt(i) == '[') {
              throw error("structured dtypes are not supported");
            }
            descr = string();
          }
          case "fortran_order" -> {
            if (s.startsWith("True", i)) {
              fortran = true;
              i += 4;
            } else if (s.startsWith("False", i)) {
              fortran = false;
              i += 5;
            } else {
              throw error("fortran_order must be True or False");
            }
          }
          case "shape" -> shape = tuple();
          default -> throw error("unknown key '" + key + "'");
        }
        ws();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        }
      }
    }

    List<Long> tuple() throws PointCloudFormatException {
      expect('(');
      List<Long> dims = new ArrayList<>();
      while (true) {
        ws();
        if (i < s.length() && s.charAt(i) == ')') {
          i++;
          return dims;
        }
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        if (start == i || i - start > 12) {
          throw error("bad dimension");
        }
        dims.add(Long.parseLong(s.substring(start, i)));
        if (dims.size() > 32) {
          throw error("more than 32 dimensions");
        }
        ws();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        } else if (i >= s.length() || s.charAt(i) != ')') {
          throw error("expected ',' or ')'");
        }
      }
    }
  }
}

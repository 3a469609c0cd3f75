package org.pointea.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Viewpoint;

/**
 * Turns the named, typed fields of a record-based format (PLY vertex properties, PCD fields, ROS
 * point fields, text columns) into a {@link PointCloud} with standard channels.
 *
 * <p>Field names are mapped as PCL and Open3D map them: {@code x y z}; {@code nx ny nz} or
 * {@code normal_x normal_y normal_z}; {@code red green blue [alpha]} (also {@code diffuse_*}),
 * integer colours scaled by the type's maximum, float colours kept; packed {@code rgb} /
 * {@code rgba} (4 bytes, {@code 0xAARRGGBB}); {@code intensity}; {@code label}. Every other
 * field becomes a channel of its own name: floating-point types as float channels, integer types
 * up to 32 bits as int channels (uint32 keeps its bits), 64-bit integers as float channels. Fields
 * named {@code _} are padding and skipped.
 *
 * <p>Use: declare fields with {@link #field}, call {@link #layout}, then decode records (binary
 * {@link #decode} / {@link #decodeField}, or text {@link #parseRecord}), then {@link #build}.
 */
public final class CloudAssembler {
  /** What a field element feeds. */
  enum Target {
    X, Y, Z, NX, NY, NZ, R, G, B, A, RGB_PACKED, RGBA_PACKED, INTENSITY, LABEL, FLOAT_EXTRA,
    INT_EXTRA, SKIP
  }

  private static final double ORIGIN_THRESHOLD = 1e5;
  private static final double ORIGIN_QUANTUM = 1000;

  /** One element of one field, with where it goes. */
  private static final class Op {
    final int field;
    final String fieldName;
    final ScalarType type;
    final int offset;
    final int count;
    Target target;
    float scale = 1f;
    float[] fdst;
    int[] idst;
    int width;
    int comp;

    Op(int field, String fieldName, ScalarType type, int offset, int count) {
      this.field = field;
      this.fieldName = fieldName;
      this.type = type;
      this.offset = offset;
      this.count = count;
    }
  }

  private record FieldDecl(String name, ScalarType type, int count, int offset, float colorScale) {}

  private final int n;
  private final ReadOptions options;
  private final Input in;
  private final List<FieldDecl> fields = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>();
  private final List<List<Op>> opsByField = new ArrayList<>();
  private long elements;
  private final Map<String, Object> extraArrays = new LinkedHashMap<>();
  private final Map<String, Integer> extraWidths = new LinkedHashMap<>();
  private float[] xyz;
  private float[] normals;
  private float[] colors;
  private int colorWidth;
  private float[] intensity;
  private int[] labels;
  private boolean anyPosition;
  private boolean doublePositions;
  private final double[] origin = new double[3];
  private boolean originDecided;
  private boolean laidOut;
  private boolean positionsOptional;
  private long where;
  private long recordsStart = -1;
  private long recordStride;

  /**
   * Starts a cloud of {@code n} points.
   *
   * @param n number of points (already bounded by the caller against the input size)
   * @param options read options (channel filter, origin)
   * @param in the input, for error messages
   */
  public CloudAssembler(int n, ReadOptions options, Input in) {
    this.n = n;
    this.options = options;
    this.in = in;
  }

  /**
   * Declares the next field of a record.
   *
   * @param name field name as written in the file
   * @param type element type
   * @param count elements per point
   * @param offset byte offset of the field within a binary record (ignored for text)
   */
  public void field(String name, ScalarType type, int count, int offset) {
    field(name, type, count, offset, Float.NaN);
  }

  /**
   * Declares the next field, forcing the colour scale for colour components.
   *
   * @param name field name
   * @param type element type
   * @param count elements per point
   * @param offset byte offset within a binary record
   * @param colorScale factor applied to colour components, NaN for the type's default
   */
  public void field(String name, ScalarType type, int count, int offset, float colorScale) {
    if (laidOut) {
      throw new IllegalStateException("fields are already laid out");
    }
    fields.add(new FieldDecl(name, type, count, offset, colorScale));
  }

  /** Returns the number of declared fields. */
  public int fieldCount() {
    return fields.size();
  }

  /**
   * Lets the records have no {@code x y z} fields (positions are then NaN), as PCL reads PCD files
   * that hold an image or descriptors. Every other format refuses such a cloud.
   */
  public void allowMissingPositions() {
    positionsOptional = true;
  }

  /**
   * Says where binary records start in the input, so that an error in a value can name its byte.
   *
   * @param start byte offset of record 0
   * @param stride bytes from one record to the next
   */
  public void locateRecords(long start, long stride) {
    recordsStart = start;
    recordStride = stride;
  }

  /** Returns true when the fields declare a position coordinate. */
  public boolean hasPositions() {
    return anyPosition;
  }

  /**
   * Assigns every field a target and allocates the arrays.
   *
   * <p>Refuses records that hold no value at all (no field, or only fields of count 0): the
   * caller's check "points x record size &le; bytes present" cannot bound a record of 0 bytes,
   * so such a header could make a few bytes claim billions of points. With at least one value per
   * record, and every value taking at least one byte (binary) or one character and a separator
   * (text), the arrays allocated here are at most {@code 28 + 4 x values} bytes per point.
   *
   * @param where byte offset of the record description (the header), named in errors
   * @throws PointCloudFormatException when a field cannot be used as declared, when the records
   *     hold no value, or when they hold no {@code x y z} and {@link #allowMissingPositions} was
   *     not called
   */
  public void layout(long where) throws PointCloudFormatException {
    laidOut = true;
    this.where = Math.max(0, where);
    long values = 0;
    for (FieldDecl d : fields) {
      values += Math.max(0, d.count());
    }
    if (values == 0) {
      throw in.error(this.where, "the records hold no values (no fields, or every COUNT is 0): "
          + n + " points of 0 bytes each cannot be read");
    }
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (int f = 0; f < fields.size(); f++) {
      byName.putIfAbsent(fields.get(f).name().toLowerCase(Locale.ROOT), f);
    }
    int[] pos = find(byName, "x", "y", "z");
    int[] nrm = find(byName, "nx", "ny", "nz");
    if (nrm == null) {
      nrm = find(byName, "normal_x", "normal_y", "normal_z");
    }
    int[] rgb = find(byName, "red", "green", "blue");
    Integer alpha = byName.get("alpha");
    if (rgb == null) {
      rgb = find(byName, "diffuse_red", "diffuse_green", "diffuse_blue");
      alpha = byName.get("diffuse_alpha");
    }
    if (rgb == null) {
      rgb = find(byName, "r", "g", "b");
      alpha = byName.get("a");
    }
    Set<Integer> used = new HashSet<>();
    Target[] fieldTarget = new Target[fields.size()];
    int[] fieldComp = new int[fields.size()];
    boolean positionsPresent = false;
    for (int a = 0; a < 3; a++) {
      Integer f = byName.get(new String[] {"x", "y", "z"}[a]);
      if (f != null && fields.get(f).count() == 1) {
        fieldTarget[f] = Target.values()[Target.X.ordinal() + a];
        used.add(f);
        positionsPresent = true;
        doublePositions |= fields.get(f).type() == ScalarType.FLOAT64;
      }
    }
    anyPosition = positionsPresent;
    if (!positionsPresent && !positionsOptional) {
      throw in.error(this.where, "no x, y, z fields: a point cloud needs positions (fields: "
          + fieldNames() + ")");
    }
    if (nrm != null && options.wants(Channel.NORMALS)) {
      for (int a = 0; a < 3; a++) {
        fieldTarget[nrm[a]] = Target.values()[Target.NX.ordinal() + a];
        used.add(nrm[a]);
      }
      normals = new float[3 * n];
    }
    if (rgb != null && options.wants(Channel.COLORS)) {
      colorWidth = alpha != null && fields.get(alpha).count() == 1 ? 4 : 3;
      for (int a = 0; a < 3; a++) {
        fieldTarget[rgb[a]] = Target.values()[Target.R.ordinal() + a];
        used.add(rgb[a]);
      }
      if (colorWidth == 4) {
        fieldTarget[alpha] = Target.A;
        used.add(alpha);
      }
      colors = new float[colorWidth * n];
    } else if (rgb == null) {
      for (String packed : new String[] {"rgb", "rgba"}) {
        Integer f = byName.get(packed);
        if (f != null && fields.get(f).count() == 1 && fields.get(f).type().size() == 4
            && colors == null && options.wants(Channel.COLORS)) {
          fieldTarget[f] = packed.equals("rgb") ? Target.RGB_PACKED : Target.RGBA_PACKED;
          colorWidth = packed.equals("rgb") ? 3 : 4;
          colors = new float[colorWidth * n];
          used.add(f);
        }
      }
    }
    if (rgb != null && !options.wants(Channel.COLORS)) {
      for (int a = 0; a < 3; a++) {
        used.add(rgb[a]);
        fieldTarget[rgb[a]] = Target.SKIP;
      }
    }
    Integer inten = byName.get("intensity");
    if (inten != null && fields.get(inten).count() == 1 && !used.contains(inten)) {
      used.add(inten);
      if (options.wants(Channel.INTENSITY)) {
        fieldTarget[inten] = Target.INTENSITY;
        intensity = new float[n];
      } else {
        fieldTarget[inten] = Target.SKIP;
      }
    }
    Integer label = byName.get("label");
    if (label == null) {
      label = byName.get("labels");
    }
    if (label != null && fields.get(label).count() == 1 && !used.contains(label)) {
      used.add(label);
      if (options.wants(Channel.LABELS)) {
        fieldTarget[label] = Target.LABEL;
        labels = new int[n];
      } else {
        fieldTarget[label] = Target.SKIP;
      }
    }
    Set<String> names = new HashSet<>(List.of(
        Channel.NORMALS, Channel.COLORS, Channel.INTENSITY, Channel.LABELS));
    for (int f = 0; f < fields.size(); f++) {
      FieldDecl d = fields.get(f);
      if (fieldTarget[f] != null) {
        continue;
      }
      if (d.name().equals("_") || d.name().isBlank() || d.count() == 0) {
        fieldTarget[f] = Target.SKIP;
        continue;
      }
      String name = unique(d.name(), names);
      if (!options.wants(name)) {
        fieldTarget[f] = Target.SKIP;
        continue;
      }
      names.add(name);
      boolean asInt = d.type().fitsInt() || d.type() == ScalarType.UINT32;
      fieldTarget[f] = asInt ? Target.INT_EXTRA : Target.FLOAT_EXTRA;
      long len = (long) n * d.count();
      if (len > Integer.MAX_VALUE - 16) {
        throw in.error(where, "field '" + d.name() + "' holds more than 2^31 values");
      }
      extraArrays.put(name, asInt ? new int[(int) len] : new float[(int) len]);
      extraWidths.put(name, d.count());
      fieldComp[f] = extraArrays.size() - 1;
    }
    if (3L * n > Integer.MAX_VALUE - 16) {
      throw in.error(where, n + " points do not fit in one array");
    }
    xyz = new float[3 * n];
    if (!positionsPresent) {
      java.util.Arrays.fill(xyz, Float.NaN);
    }
    List<String> extraNames = new ArrayList<>(extraArrays.keySet());
    for (int f = 0; f < fields.size(); f++) {
      FieldDecl d = fields.get(f);
      // one op per field; fields of COUNT > 1 are extra channels or skipped
      Op op = new Op(f, d.name(), d.type(), d.offset(), d.count());
      op.target = fieldTarget[f];
      switch (op.target) {
        case R, G, B, A -> {
          op.fdst = colors;
          op.width = colorWidth;
          op.comp = op.target.ordinal() - Target.R.ordinal();
          op.scale = !Float.isNaN(d.colorScale()) ? d.colorScale() : colorScale(d.type());
        }
        case RGB_PACKED, RGBA_PACKED -> {
          op.fdst = colors;
          op.width = colorWidth;
        }
        case NX, NY, NZ -> {
          op.fdst = normals;
          op.width = 3;
          op.comp = op.target.ordinal() - Target.NX.ordinal();
        }
        case X, Y, Z -> {
          op.fdst = xyz;
          op.width = 3;
          op.comp = op.target.ordinal() - Target.X.ordinal();
        }
        case INTENSITY -> {
          op.fdst = intensity;
          op.width = 1;
        }
        case LABEL -> {
          op.idst = labels;
          op.width = 1;
        }
        case FLOAT_EXTRA, INT_EXTRA -> {
          Object arr = extraArrays.get(extraNames.get(fieldComp[f]));
          if (arr instanceof float[] fa) {
            op.fdst = fa;
          } else {
            op.idst = (int[]) arr;
          }
          op.width = d.count();
        }
        case SKIP -> {}
      }
      ops.add(op);
      opsByField.add(List.of(op));
      elements += d.count();
    }
    if (!doublePositions || !options.autoOrigin()) {
      originDecided = true;
    }
  }

  private String fieldNames() {
    StringBuilder sb = new StringBuilder();
    for (int f = 0; f < fields.size() && f < 16; f++) {
      sb.append(f == 0 ? "" : " ").append(fields.get(f).name());
    }
    return fields.size() > 16 ? sb + " ..." : sb.toString();
  }

  private static float colorScale(ScalarType t) {
    return switch (t) {
      case UINT8, INT8 -> 1f / 255f;
      case UINT16, INT16 -> 1f / 65535f;
      case UINT32, INT32, UINT64, INT64 -> (float) (1.0 / 4294967295.0);
      case FLOAT32, FLOAT64 -> 1f;
    };
  }

  private static String unique(String name, Set<String> taken) {
    if (!taken.contains(name)) {
      return name;
    }
    for (int k = 2; ; k++) {
      String candidate = name + "_" + k;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  private int[] find(Map<String, Integer> byName, String a, String b, String c) {
    Integer fa = byName.get(a);
    Integer fb = byName.get(b);
    Integer fc = byName.get(c);
    if (fa == null || fb == null || fc == null) {
      return null;
    }
    if (fields.get(fa).count() != 1 || fields.get(fb).count() != 1 || fields.get(fc).count() != 1) {
      return null;
    }
    return new int[] {fa, fb, fc};
  }

  // ------------------------------------------------------------------ origin

  /**
   * Decides the global origin from the first point whose stored coordinates are finite, when
   * positions are stored in double precision; call before decoding binary records.
   *
   * @param buf records
   * @param base byte index of record 0
   * @param stride bytes per record
   * @param count records present
   */
  public void decideOrigin(ByteBuffer buf, int base, int stride, int count) {
    if (originDecided) {
      return;
    }
    double[] p = new double[3];
    for (int i = 0; i < count; i++) {
      boolean finite = true;
      for (int a = 0; a < 3; a++) {
        Op op = positionOp(a);
        p[a] = op == null ? 0 : op.type.getDouble(buf, base + i * stride + op.offset);
        finite &= Double.isFinite(p[a]);
      }
      if (finite) {
        decideOrigin(p[0], p[1], p[2]);
        return;
      }
    }
    originDecided = true;
  }

  /**
   * Decides the global origin from a known first finite point.
   *
   * @param x x
   * @param y y
   * @param z z
   */
  public void decideOrigin(double x, double y, double z) {
    if (originDecided) {
      return;
    }
    double[] p = {x, y, z};
    for (int a = 0; a < 3; a++) {
      if (Math.abs(p[a]) > ORIGIN_THRESHOLD && Double.isFinite(p[a])) {
        origin[a] = Math.rint(p[a] / ORIGIN_QUANTUM) * ORIGIN_QUANTUM;
      }
    }
    originDecided = true;
  }

  /** Returns true when the origin is still to be decided (text readers then peek a point). */
  public boolean needsOrigin() {
    return !originDecided;
  }

  private Op positionOp(int axis) {
    for (Op op : ops) {
      if (op.target.ordinal() == Target.X.ordinal() + axis) {
        return op;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ binary

  /**
   * Decodes {@code count} array-of-structures records into points {@code [first, first+count)}.
   *
   * @param buf the records, byte order set
   * @param base byte index of the first record in {@code buf}
   * @param stride bytes per record
   * @param first index of the first point
   * @param count number of records
   * @throws PointCloudFormatException when a value cannot be used (a non-integral label)
   */
  public void decode(ByteBuffer buf, int base, int stride, int first, int count)
      throws PointCloudFormatException {
    final int block = 4096;
    for (int s = 0; s < count; s += block) {
      int m = Math.min(block, count - s);
      for (Op op : ops) {
        decodeOp(op, buf, base + s * stride + op.offset, stride, first + s, m);
      }
    }
  }

  /**
   * Decodes one field stored as its own plane (PCD binary_compressed): element {@code c} of point
   * {@code i} is at {@code base + (i * count + c) * size}.
   *
   * @param field field index
   * @param buf the plane, byte order set
   * @param base byte index of the plane's first value
   * @param first index of the first point
   * @param count number of points
   * @throws PointCloudFormatException when a value cannot be used
   */
  public void decodeField(int field, ByteBuffer buf, int base, int first, int count)
      throws PointCloudFormatException {
    Op op = opsByField.get(field).get(0);
    decodeOp(op, buf, base, op.count * op.type.size(), first, count);
  }

  private void decodeOp(Op op, ByteBuffer b, int p, int stride, int first, int m)
      throws PointCloudFormatException {
    switch (op.target) {
      case SKIP -> {}
      case X, Y, Z -> {
        float[] dst = op.fdst;
        int d = 3 * first + op.comp;
        double o = origin[op.comp];
        if (op.type == ScalarType.FLOAT32 && o == 0) {
          for (int i = 0; i < m; i++, p += stride, d += 3) {
            dst[d] = b.getFloat(p);
          }
        } else {
          for (int i = 0; i < m; i++, p += stride, d += 3) {
            dst[d] = (float) (op.type.getDouble(b, p) - o);
          }
        }
      }
      case FLOAT_EXTRA -> {
        float[] dst = op.fdst;
        int w = op.width;
        int size = op.type.size();
        for (int c = 0; c < op.count; c++) {
          int q = p + c * size;
          int d = w * first + c;
          for (int i = 0; i < m; i++, q += stride, d += w) {
            dst[d] = op.type.getFloat(b, q);
          }
        }
      }
      case INT_EXTRA -> {
        int[] dst = op.idst;
        int w = op.width;
        int size = op.type.size();
        for (int c = 0; c < op.count; c++) {
          int q = p + c * size;
          int d = w * first + c;
          for (int i = 0; i < m; i++, q += stride, d += w) {
            dst[d] = (int) op.type.getLong(b, q);
          }
        }
      }
      case NX, NY, NZ, INTENSITY -> {
        float[] dst = op.fdst;
        int w = op.width;
        int d = w * first + op.comp;
        if (op.type == ScalarType.FLOAT32) {
          for (int i = 0; i < m; i++, p += stride, d += w) {
            dst[d] = b.getFloat(p);
          }
        } else {
          for (int i = 0; i < m; i++, p += stride, d += w) {
            dst[d] = op.type.getFloat(b, p);
          }
        }
      }
      case R, G, B, A -> {
        float[] dst = op.fdst;
        int w = op.width;
        int d = w * first + op.comp;
        if (op.type == ScalarType.UINT8) {
          for (int i = 0; i < m; i++, p += stride, d += w) {
            dst[d] = (b.get(p) & 0xFF) / 255f;
          }
        } else if (op.type.isFloating()) {
          float s = op.scale;
          for (int i = 0; i < m; i++, p += stride, d += w) {
            dst[d] = op.type.getFloat(b, p) * s;
          }
        } else {
          double max = 1.0 / op.scale;
          for (int i = 0; i < m; i++, p += stride, d += w) {
            dst[d] = (float) (op.type.getDouble(b, p) / max);
          }
        }
      }
      case RGB_PACKED, RGBA_PACKED -> {
        float[] dst = op.fdst;
        int w = op.width;
        int d = w * first;
        for (int i = 0; i < m; i++, p += stride, d += w) {
          unpack(b.getInt(p), dst, d, w);
        }
      }
      case LABEL -> {
        int[] dst = op.idst;
        int d = first;
        if (op.type.fitsInt() || op.type == ScalarType.UINT32) {
          for (int i = 0; i < m; i++, p += stride, d++) {
            dst[d] = (int) op.type.getLong(b, p);
          }
        } else {
          for (int i = 0; i < m; i++, p += stride, d++) {
            dst[d] = toIntLabel(op, op.type.getDouble(b, p), first + i, -1, -1);
          }
        }
      }
    }
  }

  private static void unpack(int bits, float[] dst, int d, int w) {
    dst[d] = ((bits >>> 16) & 0xFF) / 255f;
    dst[d + 1] = ((bits >>> 8) & 0xFF) / 255f;
    dst[d + 2] = (bits & 0xFF) / 255f;
    if (w == 4) {
      dst[d + 3] = (bits >>> 24) / 255f;
    }
  }

  private int toIntLabel(Op op, double v, int point, long line, long offset)
      throws PointCloudFormatException {
    if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      String msg = "field '" + op.fieldName + "' of point " + point + " is " + v
          + ", not an integer label";
      if (line > 0) {
        throw in.error(line, offset, msg);
      }
      long at = recordsStart >= 0 ? recordsStart + point * recordStride + op.offset : where;
      throw in.error(at, msg);
    }
    return (int) v;
  }

  // ------------------------------------------------------------------ text

  /**
   * Parses one record from text: one token per field element, in declaration order, from the
   * current line ({@code sameLine}) or from the token stream.
   *
   * @param sc the scanner
   * @param point point index
   * @param sameLine whether all tokens must be on the current line
   * @throws IOException on a read error or a bad token
   */
  public void parseRecord(AsciiScanner sc, int point, boolean sameLine) throws IOException {
    for (int k = 0, size = ops.size(); k < size; k++) {
      Op op = ops.get(k);
      for (int c = 0; c < op.count; c++) {
        if (sameLine) {
          sc.token(op.fieldName);
        } else {
          sc.next(op.fieldName);
        }
        parseOp(op, sc, point, c);
      }
    }
  }

  /**
   * Parses the current token as field element {@code k} of a point (for readers that walk fields
   * themselves).
   *
   * @param k element index over all fields, in declaration order
   * @param sc the scanner, positioned on the token
   * @param point point index
   * @throws IOException on a bad token
   */
  public void parseElement(int k, AsciiScanner sc, int point) throws IOException {
    parseOp(ops.get(k), sc, point, 0);
  }

  /** Returns the number of field elements (tokens) per record. */
  public long elementCount() {
    return elements;
  }

  private void parseOp(Op op, AsciiScanner sc, int point, int c) throws IOException {
    ScalarType t = op.type;
    switch (op.target) {
      case SKIP -> {}
      case X, Y, Z -> {
        double o = origin[op.comp];
        float v;
        if (t.isFloating()) {
          v = o == 0 ? sc.parseFloat(op.fieldName) : (float) (sc.parseDouble(op.fieldName) - o);
        } else {
          v = (float) (integer(op, sc) - o);
        }
        op.fdst[3 * point + op.comp] = v;
      }
      case NX, NY, NZ, INTENSITY, FLOAT_EXTRA -> op.fdst[op.width * point + op.comp + c] =
          t.isFloating() ? sc.parseFloat(op.fieldName) : (float) integer(op, sc);
      case R, G, B, A -> {
        float v;
        if (t.isFloating()) {
          v = sc.parseFloat(op.fieldName);
          v = op.scale == 1f / 255f ? v / 255f : v * op.scale;
        } else if (t == ScalarType.UINT8 && op.scale == 1f / 255f) {
          v = integer(op, sc) / 255f;
        } else {
          v = (float) (integer(op, sc) * (double) op.scale);
        }
        op.fdst[op.width * point + op.comp] = v;
      }
      case RGB_PACKED, RGBA_PACKED -> {
        int bits;
        if (t == ScalarType.FLOAT32) {
          bits = Float.floatToRawIntBits(sc.parseFloat(op.fieldName));
        } else {
          bits = (int) sc.parseLong(op.fieldName, Integer.MIN_VALUE, 0xFFFFFFFFL);
        }
        unpack(bits, op.fdst, op.width * point, op.width);
      }
      case LABEL, INT_EXTRA -> {
        int v;
        if (t.isFloating()) {
          v = toIntLabel(op, sc.parseDouble(op.fieldName), point, sc.line(), sc.tokenOffset());
        } else {
          v = (int) integer(op, sc);
        }
        op.idst[op.width * point + op.comp + c] = v;
      }
    }
  }

  private static long integer(Op op, AsciiScanner sc) throws PointCloudFormatException {
    ScalarType t = op.type;
    if (t == ScalarType.UINT64) {
      return sc.parseLong(op.fieldName, 0, Long.MAX_VALUE);
    }
    return sc.parseLong(op.fieldName, (long) t.min(), (long) t.max());
  }

  // ------------------------------------------------------------------ result

  /**
   * Returns the cloud.
   *
   * @param width points per row (0 or n for unorganized)
   * @param height rows (1 for unorganized)
   * @param viewpoint sensor pose, or null
   * @return the cloud, with non-finite points removed when the options ask for it
   */
  public PointCloud build(int width, int height, Viewpoint viewpoint) {
    PointCloud.Builder b = PointCloud.builder(xyz);
    if (normals != null) {
      b.normals(normals);
    }
    if (colors != null) {
      b.colors(colors, colorWidth);
    }
    if (intensity != null) {
      b.intensity(intensity);
    }
    if (labels != null) {
      b.labels(labels);
    }
    for (Map.Entry<String, Object> e : extraArrays.entrySet()) {
      int w = extraWidths.get(e.getKey());
      if (e.getValue() instanceof float[] fa) {
        b.channel(new FloatChannel(e.getKey(), w, fa));
      } else {
        b.channel(new IntChannel(e.getKey(), w, (int[]) e.getValue()));
      }
    }
    if (height > 1) {
      b.organized(width, height);
    }
    if (viewpoint != null) {
      b.viewpoint(viewpoint);
    }
    if (origin[0] != 0 || origin[1] != 0 || origin[2] != 0) {
      b.origin(origin[0], origin[1], origin[2]);
    }
    PointCloud cloud = b.build();
    return options.removeNonFinite() ? cloud.removeNonFinite() : cloud;
  }
}

package org.pointea.io.las;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.internal.AtomicOutput;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.DoubleChannel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * Writes a {@link PointCloud} as LAS (1.0 to 1.4, point formats 0 to 10), readable by laspy,
 * PDAL, LAStools and CloudCompare: the channels {@link LasReader} makes from LAS fields go back to
 * those fields, and every other channel (normals, curvature, a network's scores) becomes a typed
 * extra-bytes field described in the {@code LASF_Spec} 4 record. Coordinates are quantized with
 * the options' scale and offset and must fit LAS's 32-bit integers; points with a NaN coordinate
 * cannot be stored and are refused. The file is written to a temporary sibling and renamed into
 * place.
 *
 * <p>Value conventions: colours in [0, 1] become 16-bit; intensity is rounded to 16 bits (a
 * channel entirely in [0, 1], as KITTI's reflectance, is scaled by 65535 first); missing return
 * numbers are written as "return 1 of 1"; classes above 31, returns above 7, scanner channels,
 * overlap flags and NIR need formats 6-10 (chosen automatically).
 *
 * <pre>{@code
 * PointCloud tile = LasReader.read(Path.of("in.las"));
 * LasWriter.write(Path.of("out.las"), tile.select(ground),
 *     LasWriteOptions.builder().optVlrs(LasReader.readHeader(Path.of("in.las")).crsVlrs()).build());
 * }</pre>
 */
public final class LasWriter {
  private static final int CHUNK_POINTS = 1 << 14;
  private static final int VLR_HEADER = 54;
  private static final int EVLR_HEADER = 60;
  private static final int DESCRIPTOR = 192;
  private static final double WEEK_SECONDS = 604800;

  private LasWriter() {}

  /**
   * Writes a cloud with the default options.
   *
   * @param path destination
   * @param cloud the cloud
   * @throws IOException on a write error
   * @throws IllegalArgumentException when the cloud cannot be stored (NaN coordinates, values out
   *     of LAS's ranges)
   */
  public static void write(Path path, PointCloud cloud) throws IOException {
    write(path, cloud, LasWriteOptions.DEFAULT);
  }

  /**
   * Writes a cloud.
   *
   * @param path destination
   * @param cloud the cloud
   * @param options format, version, scale, offset, VLRs
   * @throws IOException on a write error
   * @throws IllegalArgumentException when the cloud cannot be stored (NaN coordinates, values out
   *     of LAS's ranges, a forced format that cannot hold a value)
   */
  public static void write(Path path, PointCloud cloud, LasWriteOptions options)
      throws IOException {
    Plan plan = new Plan(cloud, options);
    try (AtomicOutput out = AtomicOutput.create(path)) {
      plan.write(out.channel());
      out.commit();
    }
  }

  /** What to write: the format, the columns, the header values; computed before any byte. */
  private static final class Plan {
    final PointCloud cloud;
    final LasWriteOptions o;
    final int n;
    final LasPointFormat format;
    final int minor;
    final double[] scale;
    final double[] offset = new double[3];
    final int[][] raw;
    final double[] min = new double[3];
    final double[] max = new double[3];
    final List<Extra> extras = new ArrayList<>();
    final int recordLength;
    final float[] intensity;
    final float intensityScale;
    final int[] returnNumber;
    final int[] numberOfReturns;
    final int[] scanDirection;
    final int[] edge;
    final int[] classes;
    final int[] flags;
    final int[] scanner;
    final double[] scanAngle;
    final int[] userData;
    final int[] pointSource;
    final double[] gps;
    final float[] rgb;
    final int rgbWidth;
    final int[] nir;
    final double[][] wave;
    final long[] byReturn = new long[15];

    Plan(PointCloud cloud, LasWriteOptions o) {
      this.cloud = cloud;
      this.o = o;
      this.n = cloud.size();
      int nonFinite = cloud.countNonFinite();
      if (nonFinite > 0) {
        throw new IllegalArgumentException(nonFinite + " points have a NaN or infinite coordinate,"
            + " which LAS cannot store; remove them first (PointCloud.removeNonFinite, or"
            + " --remove-non-finite)");
      }
      intensity = floats(Channel.INTENSITY);
      intensityScale = intensity != null && inUnitRange(intensity) ? 65535f : 1f;
      returnNumber = ints(LasChannels.RETURN_NUMBER);
      numberOfReturns = ints(LasChannels.NUMBER_OF_RETURNS);
      scanDirection = ints(LasChannels.SCAN_DIRECTION_FLAG);
      edge = ints(LasChannels.EDGE_OF_FLIGHT_LINE);
      classes = ints(Channel.LABELS);
      flags = ints(LasChannels.CLASSIFICATION_FLAGS);
      scanner = ints(LasChannels.SCANNER_CHANNEL);
      scanAngle = doubles(LasChannels.SCAN_ANGLE);
      userData = ints(LasChannels.USER_DATA);
      pointSource = ints(LasChannels.POINT_SOURCE_ID);
      gps = doubles(LasChannels.GPS_TIME);
      rgb = cloud.hasColors() ? cloud.colors() : null;
      rgbWidth = rgb == null ? 0 : cloud.floatChannel(Channel.COLORS).width();
      nir = ints(LasChannels.NIR);
      boolean hasWave = LasChannels.WAVE.stream().allMatch(this::isScalar);
      wave = hasWave ? new double[7][] : null;
      if (hasWave) {
        for (int i = 0; i < 7; i++) {
          wave[i] = doubles(LasChannels.WAVE.get(i));
        }
      }
      // a scanner-channel channel comes from (and goes back to) formats 6-10
      boolean extended = max(classes) > 31 || max(returnNumber) > 7 || max(numberOfReturns) > 7
          || scanner != null || (max(flags) & 8) != 0 || nir != null;
      int id = o.pointFormat();
      if (id < 0) {
        id = extended
            ? (hasWave ? (rgb != null || nir != null ? 10 : 9)
                : nir != null ? 8 : rgb != null ? 7 : 6)
            : (hasWave ? (rgb != null ? 5 : 4)
                : gps != null ? (rgb != null ? 3 : 1) : (rgb != null ? 2 : 0));
      }
      format = new LasPointFormat(id);
      checkRanges();
      List<String> standard = new ArrayList<>(List.of(Channel.INTENSITY,
          LasChannels.RETURN_NUMBER, LasChannels.NUMBER_OF_RETURNS,
          LasChannels.SCAN_DIRECTION_FLAG, LasChannels.EDGE_OF_FLIGHT_LINE, Channel.LABELS,
          LasChannels.CLASSIFICATION_FLAGS, LasChannels.SCAN_ANGLE, LasChannels.USER_DATA,
          LasChannels.POINT_SOURCE_ID));
      if (format.isExtended()) {
        standard.add(LasChannels.SCANNER_CHANNEL);
      }
      if (format.hasGpsTime()) {
        standard.add(LasChannels.GPS_TIME);
      }
      if (format.hasRgb()) {
        standard.add(Channel.COLORS);
      }
      if (format.hasNir()) {
        standard.add(LasChannels.NIR);
      }
      if (format.hasWavePacket()) {
        standard.addAll(LasChannels.WAVE);
      }
      int at = format.baseSize();
      if (o.extraBytes()) {
        for (Channel ch : cloud.channels().values()) {
          if (standard.contains(ch.name()) && isScalarOrColors(ch)) {
            continue;
          }
          for (Extra e : Extra.of(ch, at)) {
            extras.add(e);
            at += e.size();
          }
        }
      }
      recordLength = at;
      int minMinor = Math.max(format.minMinorVersion(), extras.isEmpty() ? 0 : 4);
      minor = o.versionMinor() >= 0 ? o.versionMinor() : Math.max(minMinor, 2);
      if (minor < minMinor) {
        throw new IllegalArgumentException("LAS 1." + minor + " cannot hold point format " + id
            + (extras.isEmpty() ? "" : " with extra bytes") + "; use 1." + minMinor + " or later");
      }
      scale = o.scale();
      raw = quantize();
      if (returnNumber != null) {
        for (int v : returnNumber) {
          if (v >= 1 && v <= 15) {
            byReturn[v - 1]++;
          }
        }
      } else {
        byReturn[0] = n;
      }
    }

    private boolean isScalar(String name) {
      return cloud.channel(name).map(c -> c.width() == 1).orElse(false);
    }

    private static boolean isScalarOrColors(Channel ch) {
      return ch.width() == 1 || (ch.name().equals(Channel.COLORS) && ch instanceof FloatChannel);
    }

    private float[] floats(String name) {
      Channel c = cloud.channel(name).orElse(null);
      if (c == null || c.width() != 1) {
        return null;
      }
      if (c instanceof FloatChannel f) {
        return f.toArray();
      }
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = (float) c.valueAsDouble(i, 0);
      }
      return out;
    }

    private int[] ints(String name) {
      Channel c = cloud.channel(name).orElse(null);
      if (c == null || c.width() != 1) {
        return null;
      }
      if (c instanceof IntChannel ic) {
        return ic.toArray();
      }
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = (int) Math.rint(c.valueAsDouble(i, 0));
      }
      return out;
    }

    private double[] doubles(String name) {
      Channel c = cloud.channel(name).orElse(null);
      if (c == null || c.width() != 1) {
        return null;
      }
      if (c instanceof DoubleChannel d) {
        return d.toArray();
      }
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = c.valueAsDouble(i, 0);
      }
      return out;
    }

    private static boolean inUnitRange(float[] v) {
      boolean fraction = false;
      for (float x : v) {
        if (!(x >= 0 && x <= 1)) {
          return false;
        }
        fraction |= x != 0 && x != 1;
      }
      return fraction;
    }

    private static int max(int[] v) {
      int m = 0;
      if (v != null) {
        for (int x : v) {
          m = Math.max(m, x);
        }
      }
      return m;
    }

    /** Values that the chosen format cannot store are refused, naming the channel. */
    private void checkRanges() {
      boolean ext = format.isExtended();
      range(Channel.LABELS, classes, 0, ext ? 255 : 31);
      range(LasChannels.RETURN_NUMBER, returnNumber, 0, ext ? 15 : 7);
      range(LasChannels.NUMBER_OF_RETURNS, numberOfReturns, 0, ext ? 15 : 7);
      range(LasChannels.SCAN_DIRECTION_FLAG, scanDirection, 0, 1);
      range(LasChannels.EDGE_OF_FLIGHT_LINE, edge, 0, 1);
      range(LasChannels.CLASSIFICATION_FLAGS, flags, 0, ext ? 15 : 7);
      range(LasChannels.SCANNER_CHANNEL, scanner, 0, ext ? 3 : 0);
      range(LasChannels.USER_DATA, userData, 0, 255);
      range(LasChannels.POINT_SOURCE_ID, pointSource, 0, 65535);
      range(LasChannels.NIR, nir, 0, format.hasNir() ? 65535 : Integer.MAX_VALUE);
    }

    private void range(String name, int[] v, int lo, int hi) {
      if (v == null) {
        return;
      }
      for (int i = 0; i < v.length; i++) {
        if (v[i] < lo || v[i] > hi) {
          throw new IllegalArgumentException("channel '" + name + "' has " + v[i] + " at point "
              + i + "; LAS point format " + format.id() + " holds " + lo + " to " + hi
              + (format.isExtended() || hi == Integer.MAX_VALUE ? "" : " (formats 6-10 hold more)"));
        }
      }
    }

    /** Chooses the offsets, converts coordinates to integers, and computes the bounds. */
    private int[][] quantize() {
      double[] origin = cloud.origin();
      float[] xyz = cloud.positions();
      double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < 3; a++) {
          double v = origin[a] + xyz[3 * i + a];
          lo[a] = Math.min(lo[a], v);
          hi[a] = Math.max(hi[a], v);
        }
      }
      for (int a = 0; a < 3; a++) {
        if (o.offset() != null) {
          offset[a] = o.offset()[a];
        } else if (origin[a] != 0) {
          offset[a] = origin[a];
        } else {
          double mid = n == 0 ? 0 : (lo[a] + hi[a]) / 2;
          offset[a] = Math.abs(mid) > 1e5 ? Math.rint(mid / 1000) * 1000 : 0;
        }
      }
      int[][] q = new int[3][n];
      for (int a = 0; a < 3; a++) {
        double from = (lo[a] - offset[a]) / scale[a];
        double to = (hi[a] - offset[a]) / scale[a];
        if (n > 0 && (from < Integer.MIN_VALUE || to > Integer.MAX_VALUE)) {
          throw new IllegalArgumentException("xyz".charAt(a) + " spans [" + lo[a] + ", " + hi[a]
              + "], which does not fit LAS's 32-bit integers at scale " + scale[a] + " and offset "
              + offset[a] + "; use a coarser scale (LasWriteOptions.optScale)");
        }
        double shift = origin[a] - offset[a];
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        double inv = 1 / scale[a];
        for (int i = 0; i < n; i++) {
          int v = (int) Math.rint((shift + xyz[3 * i + a]) * inv);
          q[a][i] = v;
          lowest = Math.min(lowest, v);
          highest = Math.max(highest, v);
        }
        min[a] = n == 0 ? 0 : lowest * scale[a] + offset[a];
        max[a] = n == 0 ? 0 : highest * scale[a] + offset[a];
      }
      return q;
    }

    // -------------------------------------------------------------- bytes

    void write(WritableByteChannel ch) throws IOException {
      List<LasVlr> vlrs = new ArrayList<>();
      List<LasVlr> evlrs = new ArrayList<>();
      for (LasVlr v : o.vlrs()) {
        if (v.userId().equals(LasVlr.LASF_SPEC) && v.recordId() == 4) {
          continue; // the extra-bytes description is ours to write
        }
        if (v.extended() && minor >= 4) {
          evlrs.add(v);
        } else if (v.extended()) {
          throw new IllegalArgumentException("an extended VLR (" + v + ") needs LAS 1.4");
        } else {
          vlrs.add(v);
        }
      }
      if (!extras.isEmpty()) {
        vlrs.add(new LasVlr(LasVlr.LASF_SPEC, 4, "extra bytes", descriptors(), false));
      }
      int headerSize = minor >= 4 ? 375 : minor == 3 ? 235 : 227;
      long offsetToPoints = headerSize;
      for (LasVlr v : vlrs) {
        offsetToPoints += VLR_HEADER + v.data().length;
      }
      if (offsetToPoints > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("the VLRs exceed the 4 GB LAS allows before the points");
      }
      long pointBytes = (long) n * recordLength;
      long evlrStart = evlrs.isEmpty() ? 0 : offsetToPoints + pointBytes;
      ByteBuffer h = header(headerSize, offsetToPoints, vlrs.size(), evlrStart, evlrs.size());
      writeFully(ch, h);
      for (LasVlr v : vlrs) {
        writeFully(ch, vlrHeader(v));
        writeFully(ch, ByteBuffer.wrap(v.data()));
      }
      ByteBuffer b = ByteBuffer.allocate(Math.max(1, Math.min(n, CHUNK_POINTS)) * recordLength)
          .order(ByteOrder.LITTLE_ENDIAN);
      for (int first = 0; first < n; first += CHUNK_POINTS) {
        int m = Math.min(CHUNK_POINTS, n - first);
        b.clear();
        java.util.Arrays.fill(b.array(), 0, m * recordLength, (byte) 0);
        fill(b, first, m);
        b.limit(m * recordLength);
        writeFully(ch, b);
      }
      for (LasVlr v : evlrs) {
        writeFully(ch, vlrHeader(v));
        writeFully(ch, ByteBuffer.wrap(v.data()));
      }
    }

    private ByteBuffer header(int size, long pointOffset, int vlrCount, long evlrStart,
        int evlrCount) {
      ByteBuffer h = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
      h.put(0, "LASF".getBytes(StandardCharsets.US_ASCII));
      int encoding = 0;
      if (gps != null && format.hasGpsTime()) {
        for (double t : gps) {
          if (t > WEEK_SECONDS) {
            encoding |= 1; // adjusted standard GPS time
            break;
          }
        }
      }
      if (minor >= 4 && format.isExtended()) {
        encoding |= 1 << 4; // formats 6-10 carry their CRS as WKT
      }
      h.putShort(6, (short) encoding);
      h.put(24, (byte) 1);
      h.put(25, (byte) minor);
      ascii(h, 26, 32, o.systemIdentifier());
      ascii(h, 58, 32, o.generatingSoftware());
      LocalDate date = o.creationDate() != null ? o.creationDate() : LocalDate.now(ZoneOffset.UTC);
      h.putShort(90, (short) date.getDayOfYear());
      h.putShort(92, (short) date.getYear());
      h.putShort(94, (short) size);
      h.putInt(96, (int) pointOffset);
      h.putInt(100, vlrCount);
      h.put(104, (byte) format.id());
      h.putShort(105, (short) recordLength);
      boolean legacy = !format.isExtended();
      h.putInt(107, legacy ? n : 0);
      for (int r = 0; r < 5; r++) {
        h.putInt(111 + 4 * r, legacy ? (int) byReturn[r] : 0);
      }
      for (int a = 0; a < 3; a++) {
        h.putDouble(131 + 8 * a, scale[a]);
        h.putDouble(155 + 8 * a, offset[a]);
        h.putDouble(179 + 16 * a, max[a]);
        h.putDouble(187 + 16 * a, min[a]);
      }
      if (minor >= 3) {
        h.putLong(227, 0); // no waveform data packet record in this file
      }
      if (minor >= 4) {
        h.putLong(235, evlrStart);
        h.putInt(243, evlrCount);
        h.putLong(247, n);
        for (int r = 0; r < 15; r++) {
          h.putLong(255 + 8 * r, byReturn[r]);
        }
      }
      return h;
    }

    private static ByteBuffer vlrHeader(LasVlr v) {
      ByteBuffer b = ByteBuffer.allocate(v.extended() ? EVLR_HEADER : VLR_HEADER)
          .order(ByteOrder.LITTLE_ENDIAN);
      ascii(b, 2, 16, v.userId());
      b.putShort(18, (short) v.recordId());
      if (v.extended()) {
        b.putLong(20, v.data().length);
        ascii(b, 28, 32, v.description());
      } else {
        b.putShort(20, (short) v.data().length);
        ascii(b, 22, 32, v.description());
      }
      return b;
    }

    private byte[] descriptors() {
      ByteBuffer b = ByteBuffer.allocate(extras.size() * DESCRIPTOR).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < extras.size(); i++) {
        Extra e = extras.get(i);
        int base = i * DESCRIPTOR;
        int type = e.type() == Extra.RAW ? 0
            : e.type() + (e.count() == 2 ? 10 : e.count() == 3 ? 20 : 0);
        b.put(base + 2, (byte) type);
        if (e.type() == Extra.RAW) {
          b.put(base + 3, (byte) e.count()); // undocumented bytes: options holds their count
        }
        ascii(b, base + 4, 32, e.name());
        ascii(b, base + 160, 32, e.description());
      }
      return b.array();
    }

    /**
     * Writes records {@code [first, first + m)} into {@code b} (zeroed), field by field: one pass
     * over the chunk per field, as the reader decodes them.
     */
    private void fill(ByteBuffer b, int first, int m) {
      int rl = recordLength;
      boolean ext = format.isExtended();
      for (int a = 0; a < 3; a++) {
        int[] q = raw[a];
        for (int i = 0, p = 4 * a; i < m; i++, p += rl) {
          b.putInt(p, q[first + i]);
        }
      }
      if (intensity != null) {
        float s = intensityScale;
        for (int i = 0, p = 12; i < m; i++, p += rl) {
          b.putShort(p, (short) Math.max(0, Math.min(65535, Math.round(intensity[first + i] * s))));
        }
      }
      for (int i = 0, p = 0; i < m; i++, p += rl) {
        int k = first + i;
        int ret = returnNumber == null ? 1 : returnNumber[k];
        int rets = numberOfReturns == null ? 1 : numberOfReturns[k];
        int dir = scanDirection == null ? 0 : scanDirection[k];
        int edg = edge == null ? 0 : edge[k];
        int cls = classes == null ? 0 : classes[k];
        int fl = flags == null ? 0 : flags[k];
        if (ext) {
          int sc = scanner == null ? 0 : scanner[k];
          b.put(p + 14, (byte) (ret | rets << 4));
          b.put(p + 15, (byte) (fl | sc << 4 | dir << 6 | edg << 7));
          b.put(p + 16, (byte) cls);
        } else {
          b.put(p + 14, (byte) (ret | rets << 3 | dir << 6 | edg << 7));
          b.put(p + 15, (byte) (cls | fl << 5));
        }
      }
      if (userData != null) {
        for (int i = 0, p = 17; i < m; i++, p += rl) {
          b.put(p, (byte) userData[first + i]);
        }
      }
      if (scanAngle != null) {
        for (int i = 0, p = ext ? 18 : 16; i < m; i++, p += rl) {
          double angle = scanAngle[first + i];
          if (ext) {
            b.putShort(p, (short) Math.max(-30000, Math.min(30000, Math.rint(angle / 0.006))));
          } else {
            b.put(p, (byte) Math.max(-128, Math.min(127, Math.rint(angle))));
          }
        }
      }
      if (pointSource != null) {
        for (int i = 0, p = ext ? 20 : 18; i < m; i++, p += rl) {
          b.putShort(p, (short) pointSource[first + i]);
        }
      }
      if (format.hasGpsTime() && gps != null) {
        for (int i = 0, p = format.gpsOffset(); i < m; i++, p += rl) {
          b.putDouble(p, gps[first + i]);
        }
      }
      if (format.hasRgb() && rgb != null) {
        int w = rgbWidth;
        for (int c = 0; c < 3; c++) {
          for (int i = 0, p = format.rgbOffset() + 2 * c; i < m; i++, p += rl) {
            float v = rgb[w * (first + i) + c];
            int q = Float.isNaN(v) ? 0 : Math.max(0, Math.min(65535, Math.round(v * 65535)));
            b.putShort(p, (short) q);
          }
        }
      }
      if (format.hasNir() && nir != null) {
        for (int i = 0, p = format.rgbOffset() + 6; i < m; i++, p += rl) {
          b.putShort(p, (short) nir[first + i]);
        }
      }
      if (format.hasWavePacket() && wave != null) {
        for (int i = 0, p = format.waveOffset(); i < m; i++, p += rl) {
          int k = first + i;
          b.put(p, (byte) (int) wave[0][k]);
          b.putLong(p + 1, (long) wave[1][k]);
          b.putInt(p + 9, (int) (long) wave[2][k]);
          for (int f = 3; f < 7; f++) {
            b.putFloat(p + 13 + 4 * (f - 3), (float) wave[f][k]);
          }
        }
      }
      for (int e = 0; e < extras.size(); e++) {
        extras.get(e).fill(b, rl, first, m);
      }
    }
  }

  /** A channel (or one column of a wide channel) written as an extra-bytes field. */
  private record Extra(String name, int type, int count, Values channel, int firstComponent,
      int recordOffset, String description) {

    /** The channel's values, copied out once so that writing a record reads plain arrays. */
    record Values(int width, int[] ints, float[] floats, double[] doubles) {
      static Values of(Channel ch) {
        return ch instanceof IntChannel ic ? new Values(ch.width(), ic.toArray(), null, null)
            : ch instanceof FloatChannel fc ? new Values(ch.width(), null, fc.toArray(), null)
            : new Values(ch.width(), null, null, ((DoubleChannel) ch).toArray());
      }
    }

    static final int RAW = 0;
    static final int INT32 = 6;
    static final int FLOAT = 9;
    static final int DOUBLE = 10;

    /** Widths 1-3 as one field (2- and 3-element arrays), wider channels as one field each. */
    static List<Extra> of(Channel channel, int at) {
      Channel ch = channel;
      Values values = Values.of(ch);
      int type = ch instanceof IntChannel ? INT32 : ch instanceof FloatChannel ? FLOAT : DOUBLE;
      String name = ch.name();
      if (name.getBytes(StandardCharsets.UTF_8).length > 31) {
        throw new IllegalArgumentException("channel name '" + name + "' is longer than the 31 "
            + "bytes an extra-bytes field name holds");
      }
      List<Extra> out = new ArrayList<>();
      if (name.equals(Channel.NORMALS) && ch.width() == 3) {
        String[] axes = {"normal_x", "normal_y", "normal_z"};
        for (int c = 0; c < 3; c++) {
          out.add(new Extra(axes[c], type, 1, values, c, at + 4 * c, "unit normal"));
        }
        return out;
      }
      if (ch.width() <= 3) {
        out.add(new Extra(name, type, ch.width(), values, 0, at, ""));
        return out;
      }
      if (ch instanceof IntChannel ic && ch.width() <= 255 && isBytes(ic)) {
        // raw bytes (an undocumented or type-0 field as LasReader reads it): one field again
        out.add(new Extra(name, RAW, ch.width(), values, 0, at, ""));
        return out;
      }
      int size = type == DOUBLE ? 8 : 4;
      for (int c = 0; c < ch.width(); c++) {
        String part = name + "_" + c;
        if (part.length() > 31) {
          throw new IllegalArgumentException("channel name '" + part + "' is too long for LAS");
        }
        out.add(new Extra(part, type, 1, values, c, at + size * c, ""));
      }
      return out;
    }

    private static boolean isBytes(IntChannel ch) {
      for (int v : ch.toArray()) {
        if (v < 0 || v > 255) {
          return false;
        }
      }
      return true;
    }

    int size() {
      return type == RAW ? count : (type == DOUBLE ? 8 : 4) * count;
    }

    /** Writes the field of records {@code [first, first + m)}, {@code rl} bytes apart. */
    void fill(ByteBuffer b, int rl, int first, int m) {
      int w = channel.width();
      int size = type == RAW ? 1 : type == DOUBLE ? 8 : 4;
      for (int c = 0; c < count; c++) {
        int comp = type == RAW ? c : firstComponent + c;
        int p = recordOffset + c * size;
        int slot = first * w + comp;
        if (type == RAW) {
          int[] v = channel.ints();
          for (int i = 0; i < m; i++, p += rl, slot += w) {
            b.put(p, (byte) v[slot]);
          }
        } else if (channel.ints() != null) {
          int[] v = channel.ints();
          for (int i = 0; i < m; i++, p += rl, slot += w) {
            b.putInt(p, v[slot]);
          }
        } else if (channel.floats() != null) {
          float[] v = channel.floats();
          for (int i = 0; i < m; i++, p += rl, slot += w) {
            b.putFloat(p, v[slot]);
          }
        } else {
          double[] v = channel.doubles();
          for (int i = 0; i < m; i++, p += rl, slot += w) {
            b.putDouble(p, v[slot]);
          }
        }
      }
    }
  }

  private static void ascii(ByteBuffer b, int at, int len, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    b.put(at, bytes, 0, Math.min(len, bytes.length));
  }

  private static void writeFully(WritableByteChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}

package org.pointea.io.las;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.Input;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.DoubleChannel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * Reads LAS files, versions 1.0 to 1.4, point formats 0 to 10, into a {@link PointCloud}: the
 * scaled and offset coordinates (kept relative to a global {@linkplain PointCloud#origin() origin}
 * when they lie farther than 1e5 from zero, as UTM coordinates do, so that a float keeps them to
 * well under a millimetre), every field of the format as a channel ({@link LasChannels}: intensity,
 * returns, classification as {@code labels}, flags, scan angle, user data, point source, GPS time
 * in double, colours, NIR, wave packets) and every extra-bytes field as a channel of its own name
 * (scaled fields in double; float fields {@code normal_x, normal_y, normal_z} become the normals).
 * Colours are scaled to [0, 1] by 65535, or by 255 when no component
 * exceeds 255 (files that store 8-bit colours in LAS's 16-bit fields). LAZ files are refused with
 * a message saying how to decompress them.
 *
 * <pre>{@code
 * PointCloud tile = LasReader.read(Path.of("tile.las"));
 * int[] classes = tile.labels();                      // ASPRS classes: 2 ground, 6 building, ...
 * double[] t = tile.doubleChannel("gps_time").toArray();
 * LasHeader header = LasReader.readHeader(Path.of("tile.las"));   // scale, offset, CRS VLRs
 * }</pre>
 */
public final class LasReader {
  private static final int WINDOW = 1 << 26;
  private static final double ORIGIN_THRESHOLD = 1e5;
  private static final double ORIGIN_QUANTUM = 1000;
  private static final int MAX_POINTS = (Integer.MAX_VALUE - 16) / 3;

  private LasReader() {}

  /**
   * Reads the header, VLRs and EVLRs of a LAS (or LAZ) file without its points.
   *
   * @param path the file
   * @return the header
   * @throws IOException when the file cannot be read, is not LAS, or its header is inconsistent
   */
  public static LasHeader readHeader(Path path) throws IOException {
    try (Input in = Input.open(path)) {
      return LasHeaderReader.read(in);
    }
  }

  /**
   * Reads every point and field.
   *
   * @param path the file
   * @return the cloud
   * @throws IOException when the file cannot be read or is malformed
   */
  public static PointCloud read(Path path) throws IOException {
    return read(path, ReadOptions.DEFAULT);
  }

  /**
   * Reads the points with options (channels to keep, automatic origin, progress).
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
   * Reads a LAS file from an input (a file or bytes in memory).
   *
   * @param in the input
   * @param options read options
   * @return the cloud
   * @throws IOException when the input is malformed
   */
  public static PointCloud read(Input in, ReadOptions options) throws IOException {
    LasHeader h = LasHeaderReader.read(in);
    if (h.pointCount() > MAX_POINTS) {
      throw in.error(h.versionMinor() >= 4 ? 247 : 107, h.pointCount() + " points are more than"
          + " one cloud holds (" + MAX_POINTS + ")");
    }
    int n = (int) h.pointCount();
    Decoder d = new Decoder(h, n, options);
    int rl = h.pointRecordLength();
    int perWindow = Math.max(1, WINDOW / rl);
    if (n > 0) {
      d.decideOrigin(in.map(h.pointDataOffset(), rl, "the first point"));
    }
    for (int first = 0; first < n; first += perWindow) {
      int m = Math.min(perWindow, n - first);
      ByteBuffer b = in.map(h.pointDataOffset() + (long) first * rl, (long) m * rl,
          "point records");
      d.decode(b, first, m);
      options.progress().onProgress((double) (first + m) / n);
    }
    options.progress().onProgress(1.0);
    PointCloud cloud = d.build();
    return options.removeNonFinite() ? cloud.removeNonFinite() : cloud;
  }

  /** Decodes point records into channel arrays. */
  private static final class Decoder {
    private final LasHeader h;
    private final LasPointFormat f;
    private final int rl;
    private final double[] scale;
    private final double[] offset;
    private final double[] origin = new double[3];
    private final float[] xyz;
    private final float[] intensity;
    private final int[] returnNumber;
    private final int[] numberOfReturns;
    private final int[] scanDirection;
    private final int[] edge;
    private final int[] classification;
    private final int[] flags;
    private final int[] scannerChannel;
    private final float[] scanAngle;
    private final int[] userData;
    private final int[] pointSource;
    private final double[] gps;
    private final float[] rgb;
    private final int[] nir;
    private final int[] waveIndex;
    private final double[] waveOffset;
    private final int[] waveSize;
    private final float[] waveLocation;
    private final float[] waveXt;
    private final float[] waveYt;
    private final float[] waveZt;
    private final List<LasExtraDimension> extras = new ArrayList<>();
    private final List<Object> extraData = new ArrayList<>();
    private int rgbMax;

    Decoder(LasHeader h, int n, ReadOptions o) {
      this.h = h;
      this.f = h.pointFormat();
      this.rl = h.pointRecordLength();
      this.scale = h.scale();
      this.offset = h.offset();
      this.xyz = new float[3 * n];
      boolean ext = f.isExtended();
      intensity = o.wants(Channel.INTENSITY) ? new float[n] : null;
      returnNumber = ints(o, LasChannels.RETURN_NUMBER, n, true);
      numberOfReturns = ints(o, LasChannels.NUMBER_OF_RETURNS, n, true);
      scanDirection = ints(o, LasChannels.SCAN_DIRECTION_FLAG, n, true);
      edge = ints(o, LasChannels.EDGE_OF_FLIGHT_LINE, n, true);
      classification = ints(o, Channel.LABELS, n, true);
      flags = ints(o, LasChannels.CLASSIFICATION_FLAGS, n, true);
      scannerChannel = ints(o, LasChannels.SCANNER_CHANNEL, n, ext);
      scanAngle = o.wants(LasChannels.SCAN_ANGLE) ? new float[n] : null;
      userData = ints(o, LasChannels.USER_DATA, n, true);
      pointSource = ints(o, LasChannels.POINT_SOURCE_ID, n, true);
      gps = f.hasGpsTime() && o.wants(LasChannels.GPS_TIME) ? new double[n] : null;
      rgb = f.hasRgb() && o.wants(Channel.COLORS) ? new float[3 * n] : null;
      nir = ints(o, LasChannels.NIR, n, f.hasNir());
      boolean w = f.hasWavePacket();
      waveIndex = ints(o, LasChannels.WAVEPACKET_INDEX, n, w);
      waveOffset = w && o.wants(LasChannels.WAVEPACKET_OFFSET) ? new double[n] : null;
      waveSize = ints(o, LasChannels.WAVEPACKET_SIZE, n, w);
      waveLocation = floats(o, LasChannels.RETURN_POINT_WAVE_LOCATION, n, w);
      waveXt = floats(o, LasChannels.X_T, n, w);
      waveYt = floats(o, LasChannels.Y_T, n, w);
      waveZt = floats(o, LasChannels.Z_T, n, w);
      for (LasExtraDimension e : h.extraDimensions()) {
        if (!o.wants(e.name())) {
          continue;
        }
        extras.add(e);
        int len = n * e.count();
        extraData.add(e.isScaled() || e.dataType() == 5 || e.dataType() == 7 || e.dataType() == 8
            || e.dataType() == 10 ? new double[len] : e.dataType() == 9 ? new float[len]
            : new int[len]);
      }
    }

    private static int[] ints(ReadOptions o, String name, int n, boolean present) {
      return present && o.wants(name) ? new int[n] : null;
    }

    private static float[] floats(ReadOptions o, String name, int n, boolean present) {
      return present && o.wants(name) ? new float[n] : null;
    }

    /** Keeps coordinates farther than 1e5 from zero relative to the first point's kilometre. */
    void decideOrigin(ByteBuffer first) {
      for (int a = 0; a < 3; a++) {
        double v = first.getInt(4 * a) * scale[a] + offset[a];
        if (Math.abs(v) > ORIGIN_THRESHOLD) {
          origin[a] = Math.rint(v / ORIGIN_QUANTUM) * ORIGIN_QUANTUM;
        }
      }
    }

    void decode(ByteBuffer b, int first, int m) {
      double sx = scale[0];
      double sy = scale[1];
      double sz = scale[2];
      double ox = offset[0] - origin[0];
      double oy = offset[1] - origin[1];
      double oz = offset[2] - origin[2];
      boolean ext = f.isExtended();
      int gpsAt = f.gpsOffset();
      int rgbAt = f.rgbOffset();
      int waveAt = f.waveOffset();
      for (int i = 0, p = 0, k = first; i < m; i++, p += rl, k++) {
        xyz[3 * k] = (float) (b.getInt(p) * sx + ox);
        xyz[3 * k + 1] = (float) (b.getInt(p + 4) * sy + oy);
        xyz[3 * k + 2] = (float) (b.getInt(p + 8) * sz + oz);
        if (intensity != null) {
          intensity[k] = b.getShort(p + 12) & 0xFFFF;
        }
        int r = b.get(p + 14) & 0xFF;
        if (ext) {
          int fl = b.get(p + 15) & 0xFF;
          set(returnNumber, k, r & 0x0F);
          set(numberOfReturns, k, r >>> 4);
          set(flags, k, fl & 0x0F);
          set(scannerChannel, k, (fl >>> 4) & 3);
          set(scanDirection, k, (fl >>> 6) & 1);
          set(edge, k, fl >>> 7);
          set(classification, k, b.get(p + 16) & 0xFF);
          set(userData, k, b.get(p + 17) & 0xFF);
          if (scanAngle != null) {
            scanAngle[k] = (float) (b.getShort(p + 18) * 0.006);
          }
          set(pointSource, k, b.getShort(p + 20) & 0xFFFF);
        } else {
          int c = b.get(p + 15) & 0xFF;
          set(returnNumber, k, r & 7);
          set(numberOfReturns, k, (r >>> 3) & 7);
          set(scanDirection, k, (r >>> 6) & 1);
          set(edge, k, r >>> 7);
          set(classification, k, c & 0x1F);
          set(flags, k, c >>> 5);
          if (scanAngle != null) {
            scanAngle[k] = b.get(p + 16);
          }
          set(userData, k, b.get(p + 17) & 0xFF);
          set(pointSource, k, b.getShort(p + 18) & 0xFFFF);
        }
        if (gps != null) {
          gps[k] = b.getDouble(p + gpsAt);
        }
        if (rgb != null) {
          for (int c = 0; c < 3; c++) {
            int v = b.getShort(p + rgbAt + 2 * c) & 0xFFFF;
            rgbMax = Math.max(rgbMax, v);
            rgb[3 * k + c] = v;
          }
        }
        if (nir != null) {
          nir[k] = b.getShort(p + rgbAt + 6) & 0xFFFF;
        }
        if (waveIndex != null || waveOffset != null || waveSize != null || waveLocation != null
            || waveXt != null || waveYt != null || waveZt != null) {
          set(waveIndex, k, b.get(p + waveAt) & 0xFF);
          if (waveOffset != null) {
            waveOffset[k] = unsigned(b.getLong(p + waveAt + 1));
          }
          set(waveSize, k, b.getInt(p + waveAt + 9));
          setF(waveLocation, k, b.getFloat(p + waveAt + 13));
          setF(waveXt, k, b.getFloat(p + waveAt + 17));
          setF(waveYt, k, b.getFloat(p + waveAt + 21));
          setF(waveZt, k, b.getFloat(p + waveAt + 25));
        }
        for (int e = 0; e < extras.size(); e++) {
          extra(b, p, k, extras.get(e), extraData.get(e));
        }
      }
    }

    private static void set(int[] a, int k, int v) {
      if (a != null) {
        a[k] = v;
      }
    }

    private static void setF(float[] a, int k, float v) {
      if (a != null) {
        a[k] = v;
      }
    }

    private static double unsigned(long v) {
      return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    private static void extra(ByteBuffer b, int p, int k, LasExtraDimension e, Object out) {
      int at = p + e.recordOffset();
      int count = e.count();
      int es = e.elementSize();
      for (int c = 0; c < count; c++) {
        int q = at + c * es;
        int slot = k * count + c;
        switch (e.dataType()) {
          case 0, 1 -> store(out, slot, b.get(q) & 0xFF, e, c);
          case 2 -> store(out, slot, b.get(q), e, c);
          case 3 -> store(out, slot, b.getShort(q) & 0xFFFF, e, c);
          case 4 -> store(out, slot, b.getShort(q), e, c);
          case 5 -> store(out, slot, b.getInt(q) & 0xFFFFFFFFL, e, c);
          case 6 -> store(out, slot, b.getInt(q), e, c);
          case 7 -> store(out, slot, unsigned(b.getLong(q)), e, c);
          case 8 -> store(out, slot, (double) b.getLong(q), e, c);
          case 9 -> storeFloat(out, slot, b.getFloat(q), e, c);
          default -> store(out, slot, b.getDouble(q), e, c);
        }
      }
    }

    private static void store(Object out, int slot, double raw, LasExtraDimension e, int c) {
      if (out instanceof int[] a) {
        a[slot] = (int) raw;
      } else {
        double s = e.scale() == null ? 1 : e.scale()[c];
        double o = e.offset() == null ? 0 : e.offset()[c];
        ((double[]) out)[slot] = raw * s + o;
      }
    }

    private static void storeFloat(Object out, int slot, float raw, LasExtraDimension e, int c) {
      if (out instanceof float[] a) {
        a[slot] = raw;
      } else {
        store(out, slot, raw, e, c);
      }
    }

    PointCloud build() {
      PointCloud.Builder b = PointCloud.builder(xyz).origin(origin[0], origin[1], origin[2]);
      if (intensity != null) {
        b.intensity(intensity);
      }
      intChannel(b, LasChannels.RETURN_NUMBER, returnNumber);
      intChannel(b, LasChannels.NUMBER_OF_RETURNS, numberOfReturns);
      intChannel(b, LasChannels.SCAN_DIRECTION_FLAG, scanDirection);
      intChannel(b, LasChannels.EDGE_OF_FLIGHT_LINE, edge);
      if (classification != null) {
        b.labels(classification);
      }
      intChannel(b, LasChannels.CLASSIFICATION_FLAGS, flags);
      intChannel(b, LasChannels.SCANNER_CHANNEL, scannerChannel);
      if (scanAngle != null) {
        b.channel(LasChannels.SCAN_ANGLE, 1, scanAngle);
      }
      intChannel(b, LasChannels.USER_DATA, userData);
      intChannel(b, LasChannels.POINT_SOURCE_ID, pointSource);
      if (gps != null) {
        b.doubleChannel(LasChannels.GPS_TIME, 1, gps);
      }
      if (rgb != null) {
        float div = rgbMax <= 255 ? 255f : 65535f;
        for (int i = 0; i < rgb.length; i++) {
          rgb[i] /= div;
        }
        b.colors(rgb, 3);
      }
      intChannel(b, LasChannels.NIR, nir);
      intChannel(b, LasChannels.WAVEPACKET_INDEX, waveIndex);
      if (waveOffset != null) {
        b.doubleChannel(LasChannels.WAVEPACKET_OFFSET, 1, waveOffset);
      }
      intChannel(b, LasChannels.WAVEPACKET_SIZE, waveSize);
      floatChannel(b, LasChannels.RETURN_POINT_WAVE_LOCATION, waveLocation);
      floatChannel(b, LasChannels.X_T, waveXt);
      floatChannel(b, LasChannels.Y_T, waveYt);
      floatChannel(b, LasChannels.Z_T, waveZt);
      int[] normals = normalFields();
      if (normals != null) {
        float[] nxyz = new float[xyz.length];
        for (int a = 0; a < 3; a++) {
          float[] col = (float[]) extraData.get(normals[a]);
          for (int k = 0; k < col.length; k++) {
            nxyz[3 * k + a] = col[k];
          }
        }
        b.normals(nxyz);
      }
      for (int e = 0; e < extras.size(); e++) {
        LasExtraDimension x = extras.get(e);
        Object data = extraData.get(e);
        if (normals != null && (e == normals[0] || e == normals[1] || e == normals[2])) {
          continue;
        }
        if (data instanceof int[] a) {
          b.channel(new IntChannel(x.name(), x.count(), a));
        } else if (data instanceof float[] a) {
          b.channel(new FloatChannel(x.name(), x.count(), a));
        } else {
          b.channel(new DoubleChannel(x.name(), x.count(), (double[]) data));
        }
      }
      return b.build();
    }

    /** The float extra-bytes fields normal_x, normal_y, normal_z (as LasWriter writes normals). */
    private int[] normalFields() {
      int[] at = {-1, -1, -1};
      for (int e = 0; e < extras.size(); e++) {
        LasExtraDimension x = extras.get(e);
        int a = List.of("normal_x", "normal_y", "normal_z").indexOf(x.name());
        if (a >= 0 && x.count() == 1 && extraData.get(e) instanceof float[]) {
          at[a] = e;
        }
      }
      return at[0] >= 0 && at[1] >= 0 && at[2] >= 0 ? at : null;
    }

    private static void intChannel(PointCloud.Builder b, String name, int[] data) {
      if (data != null) {
        b.intChannel(name, 1, data);
      }
    }

    private static void floatChannel(PointCloud.Builder b, String name, float[] data) {
      if (data != null) {
        b.channel(name, 1, data);
      }
    }
  }
}

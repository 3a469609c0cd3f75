package org.pointea.io.pcd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.pointea.io.ReadOptions;
import org.pointea.io.internal.AsciiScanner;
import org.pointea.io.internal.CloudAssembler;
import org.pointea.io.internal.Input;
import org.pointea.io.pcd.PcdHeader.Field;
import org.pointea.pointcloud.PointCloud;

/**
 * Reads PCD files (v0.5 and v0.7; ascii, binary, binary_compressed) into point clouds.
 *
 * <p>Fields map to channels as PCL names them: {@code x y z}; {@code normal_x normal_y normal_z};
 * packed {@code rgb} / {@code rgba} (the bits of a 4-byte field as {@code 0xAARRGGBB}, whether the
 * TYPE is F, U or I); {@code intensity}; {@code label}; every other field a channel of its own
 * name and width COUNT; {@code _} padding skipped. Organized clouds keep WIDTH x HEIGHT and their NaN
 * points (unless the options remove them); the VIEWPOINT is kept. A file without x/y/z (an image
 * stored as PCD, a descriptor cloud) reads with NaN positions and its fields as channels. Bytes after
 * the last point (PCL pads binary files to a page) are ignored.
 *
 * <pre>{@code
 * PointCloud cloud = PcdReader.read(Path.of("office1.pcd"), ReadOptions.DEFAULT);
 * cloud.width();   // 640
 * }</pre>
 */
public final class PcdReader {
  private static final int WINDOW = 1 << 28;

  private PcdReader() {}

  /**
   * Reads a PCD file.
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
   * Reads a PCD input.
   *
   * @param in the input
   * @param options read options
   * @return the cloud
   * @throws IOException when the input cannot be read or is malformed
   */
  public static PointCloud read(Input in, ReadOptions options) throws IOException {
    PcdHeader h = PcdHeader.read(in);
    int n = h.points();
    CloudAssembler asm = new CloudAssembler(n, options, in);
    asm.allowMissingPositions(); // as PCL: an image or descriptors stored as PCD (docs/formats.md)
    PointCloud cloud = switch (h.encoding()) {
      case ASCII -> ascii(in, h, asm, options);
      case BINARY -> binary(in, h, asm, options);
      case BINARY_COMPRESSED -> compressed(in, h, asm, options);
    };
    options.progress().onProgress(1.0);
    return cloud;
  }

  private static void declare(PcdHeader h, CloudAssembler asm, boolean skipPadding) {
    for (Field f : h.fields()) {
      if (skipPadding && f.isPadding()) {
        continue;
      }
      asm.field(f.name(), f.type(), f.count(), f.offset());
    }
  }

  private static PointCloud binary(Input in, PcdHeader h, CloudAssembler asm, ReadOptions options)
      throws IOException {
    int n = h.points();
    int step = h.pointStep();
    long bytes = (long) n * step;
    in.require(h.dataOffset(), bytes, "binary data of " + n + " points x " + step + " bytes");
    declare(h, asm, false);
    asm.layout(h.dataOffset());
    asm.locateRecords(h.dataOffset(), step);
    if (step == 0) {
      return asm.build(h.width(), h.height(), h.viewpoint());
    }
    int perWindow = Math.max(1, WINDOW / step);
    for (int first = 0; first < n; first += perWindow) {
      int m = Math.min(perWindow, n - first);
      ByteBuffer b = in.map(h.dataOffset() + (long) first * step, (long) m * step, "point data");
      if (first == 0) {
        asm.decideOrigin(b, 0, step, m);
      }
      asm.decode(b, 0, step, first, m);
      options.progress().onProgress((double) (first + m) / n);
    }
    return asm.build(h.width(), h.height(), h.viewpoint());
  }

  private static PointCloud compressed(
      Input in, PcdHeader h, CloudAssembler asm, ReadOptions options) throws IOException {
    int n = h.points();
    long off = h.dataOffset();
    ByteBuffer sizes = in.map(off, 8, "the compressed/uncompressed size words");
    long compressed = sizes.getInt(0) & 0xFFFFFFFFL;
    long uncompressed = sizes.getInt(4) & 0xFFFFFFFFL;
    long needed = 0;
    for (Field f : h.fields()) {
      if (!f.isPadding()) {
        needed += (long) n * f.bytes();
      }
    }
    in.require(off + 8, compressed, "the LZF stream of " + compressed + " bytes");
    if (uncompressed < needed) {
      throw in.error(off + 4, "uncompressed size " + uncompressed + " is smaller than the "
          + needed + " bytes that " + n + " points need");
    }
    if (uncompressed > compressed * Lzf.MAX_RATIO + 64) {
      throw in.error(off + 4, "uncompressed size " + uncompressed + " cannot come from "
          + compressed + " LZF bytes");
    }
    if (uncompressed > Integer.MAX_VALUE - 64 || compressed > Integer.MAX_VALUE - 64) {
      throw in.error(off, "binary_compressed payloads over 2 GiB are not supported");
    }
    declare(h, asm, true);
    asm.layout(off);
    if (needed == 0) {
      return asm.build(h.width(), h.height(), h.viewpoint());
    }
    byte[] packed = new byte[(int) compressed];
    in.map(off + 8, compressed, "the LZF stream").get(0, packed);
    byte[] raw = new byte[(int) uncompressed];
    int got;
    try {
      got = Lzf.decompress(packed, 0, packed.length, raw, 0, raw.length);
    } catch (Lzf.LzfException e) {
      throw in.error(off + 8 + e.inputOffset(), "malformed LZF data: " + e.getMessage());
    }
    if (got != uncompressed) {
      throw in.error(off + 8 + compressed, "LZF data decompressed to " + got
          + " bytes, the header says " + uncompressed);
    }
    options.progress().onProgress(0.5);
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int[] planes = new int[h.fields().size()];
    long base = 0;
    for (int fi = 0; fi < h.fields().size(); fi++) {
      Field f = h.fields().get(fi);
      if (f.isPadding()) {
        planes[fi] = -1;
        continue;
      }
      planes[fi] = (int) base;
      base += (long) n * f.bytes();
    }
    originFromPlanes(h, asm, b, planes);
    int field = 0;
    for (int fi = 0; fi < h.fields().size(); fi++) {
      if (planes[fi] >= 0) {
        asm.decodeField(field++, b, planes[fi], 0, n);
      }
    }
    return asm.build(h.width(), h.height(), h.viewpoint());
  }

  private static void originFromPlanes(
      PcdHeader h, CloudAssembler asm, ByteBuffer b, int[] planes) {
    if (!asm.needsOrigin()) {
      return;
    }
    Field[] axis = new Field[3];
    int[] base = new int[3];
    for (int fi = 0; fi < h.fields().size(); fi++) {
      Field f = h.fields().get(fi);
      int a = "xyz".indexOf(f.name());
      if (f.name().length() == 1 && a >= 0 && f.count() == 1 && planes[fi] >= 0) {
        axis[a] = f;
        base[a] = planes[fi];
      }
    }
    for (int i = 0; i < h.points(); i++) {
      double[] p = new double[3];
      boolean finite = true;
      for (int a = 0; a < 3; a++) {
        p[a] = axis[a] == null ? 0 : axis[a].type().getDouble(b, base[a] + i * axis[a].bytes());
        finite &= Double.isFinite(p[a]);
      }
      if (finite) {
        asm.decideOrigin(p[0], p[1], p[2]);
        return;
      }
    }
    asm.decideOrigin(0, 0, 0);
  }

  private static PointCloud ascii(Input in, PcdHeader h, CloudAssembler asm, ReadOptions options)
      throws IOException {
    int n = h.points();
    long tokens = 0;
    for (Field f : h.fields()) {
      tokens += f.count();
    }
    long remaining = in.size() - h.dataOffset();
    if (tokens > 0 && n * tokens > (remaining + 1) / 2) {
      throw in.error(h.bodyLine(), h.dataOffset(), "truncated: " + n + " points of " + tokens
          + " values need more than the " + remaining + " bytes that remain");
    }
    declare(h, asm, false);
    asm.layout(h.dataOffset());
    AsciiScanner sc = new AsciiScanner(in, h.dataOffset(), h.bodyLine(), (byte) '#', (byte) 0);
    if (asm.needsOrigin()) {
      peekOrigin(in, h, asm);
    }
    for (int i = 0; i < n; i++) {
      if (!sc.nextLine()) {
        throw in.error(sc.line(), sc.offset(), "the data ends after " + i + " of " + n
            + " points");
      }
      asm.parseRecord(sc, i, true);
      if (sc.hasToken()) {
        sc.token("end of line");
        throw sc.error("point " + i + " has more than " + tokens + " values");
      }
      if ((i & 0xFFFF) == 0xFFFF) {
        options.progress().onProgress(sc.fraction());
      }
    }
    return asm.build(h.width(), h.height(), h.viewpoint());
  }

  private static void peekOrigin(Input in, PcdHeader h, CloudAssembler asm) throws IOException {
    AsciiScanner sc = new AsciiScanner(in, h.dataOffset(), h.bodyLine(), (byte) '#', (byte) 0);
    for (int i = 0; i < Math.min(h.points(), 1000) && sc.nextLine(); i++) {
      double[] p = new double[3];
      for (Field f : h.fields()) {
        for (int c = 0; c < f.count(); c++) {
          sc.token(f.name());
          int a = "xyz".indexOf(f.name());
          if (f.name().length() == 1 && a >= 0) {
            p[a] = sc.parseDouble(f.name());
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
}

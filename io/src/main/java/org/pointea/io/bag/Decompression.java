package org.pointea.io.bag;

import io.airlift.compress.zstd.ZstdDecompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.pointea.io.PointCloudFormatException;

/**
 * Decompresses chunks (MCAP: zstd, lz4; ROS 1: bz2, lz4; rosbag2: zstd per message) to the size
 * their record declares: zstd with airlift's pure-Java decoder ({@code io.airlift:aircompressor}),
 * bzip2 with commons-compress, LZ4 frames with {@link Lz4Frame} (linked blocks included).
 *
 * <p>Allocation follows the bytes present: a declared size within {@value #RATIO} times the
 * compressed size is allocated at once (LZ4 cannot expand further: a larger claim is an error); a
 * larger zstd or bzip2 claim is decompressed into a buffer that grows with the output, so a few
 * bytes cannot make the reader allocate gigabytes. The output must be exactly the declared size.
 */
final class Decompression {
  /** The largest chunk read: 1 GiB. */
  static final long MAX_CHUNK = 1L << 30;
  /** Declared-to-compressed ratio up to which the output is allocated at once. */
  static final int RATIO = 256;
  private static final int STEP = 1 << 16;

  private Decompression() {}

  /**
   * Returns true for the names of "no compression".
   *
   * @param compression the name in the record
   * @return whether the bytes are stored as they are
   */
  static boolean isNone(String compression) {
    return compression.isEmpty() || compression.equals("none");
  }

  /**
   * Decompresses one chunk.
   *
   * @param compression {@code zstd}, {@code lz4} or {@code bz2}
   * @param src compressed bytes
   * @param off first compressed byte
   * @param len compressed length
   * @param declared uncompressed size the record declares
   * @param source file name, for messages
   * @param at file offset of the chunk record, for messages
   * @return exactly {@code declared} bytes
   * @throws PointCloudFormatException when the bytes do not decompress to the declared size
   */
  static byte[] decompress(String compression, byte[] src, int off, int len, long declared,
      String source, long at) throws PointCloudFormatException {
    String kind = compression.toLowerCase(Locale.ROOT);
    if (!kind.equals("zstd") && !kind.equals("lz4") && !kind.equals("bz2")) {
      throw new PointCloudFormatException(source, -1, at, "unsupported chunk compression '"
          + compression + "' (pointea reads none, zstd, lz4 and bz2)");
    }
    if (declared < 0 || declared > MAX_CHUNK) {
      throw new PointCloudFormatException(source, -1, at, "chunk declares "
          + Long.toUnsignedString(declared) + " uncompressed bytes, more than the "
          + MAX_CHUNK + " pointea reads in one chunk");
    }
    int size = (int) declared;
    boolean atOnce = declared <= (long) len * RATIO + STEP;
    try {
      if (kind.equals("lz4")) {
        if (!atOnce) {
          throw new PointCloudFormatException(source, -1, at, "lz4 chunk of " + len
              + " bytes declares " + declared + " uncompressed bytes, more than LZ4 expands to");
        }
        byte[] out = new byte[size];
        Lz4Frame.decode(src, off, len, out);
        return out;
      }
      if (kind.equals("zstd") && atOnce) {
        byte[] out = new byte[size];
        int n = new ZstdDecompressor().decompress(src, off, len, out, 0, size);
        if (n != size) {
          throw mismatch(source, at, kind, n, declared);
        }
        return out;
      }
      try (InputStream in = stream(kind, new ByteArrayInputStream(src, off, len))) {
        return drain(in, size, atOnce, kind, source, at);
      }
    } catch (PointCloudFormatException e) {
      throw e;
    } catch (IOException | RuntimeException | Lz4Frame.Lz4Exception e) {
      throw new PointCloudFormatException(source, -1, at, kind + " chunk of " + len
          + " bytes does not decompress: " + describe(e), e);
    }
  }

  private static InputStream stream(String kind, InputStream raw) throws IOException {
    return kind.equals("zstd") ? new ZstdInputStream(raw) : new BZip2CompressorInputStream(raw);
  }

  private static byte[] drain(InputStream in, int size, boolean atOnce, String kind, String source,
      long at) throws IOException {
    byte[] out = new byte[atOnce ? size : Math.min(size, STEP)];
    int n = 0;
    while (n < size) {
      if (n == out.length) {
        out = Arrays.copyOf(out, (int) Math.min(size, 2L * out.length));
      }
      int r = in.read(out, n, out.length - n);
      if (r < 0) {
        throw mismatch(source, at, kind, n, size);
      }
      n += r;
    }
    if (in.read() >= 0) {
      throw new PointCloudFormatException(source, -1, at, kind
          + " chunk decompresses to more than the " + size + " bytes its record declares");
    }
    return out;
  }

  private static PointCloudFormatException mismatch(String source, long at, String kind, long got,
      long declared) {
    return new PointCloudFormatException(source, -1, at, kind + " chunk decompresses to " + got
        + " bytes but its record declares " + declared);
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}

package org.pointea.io.bag;

/**
 * Decodes the LZ4 frame format (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md) into
 * a caller-sized array, with linked blocks (each block may refer to the 64 KB before it), which
 * the LZ4F library writes by default and so MCAP's C++ writer (rosbag2) does.
 *
 * <p>Why not a library: lz4-java's frame stream rejects linked blocks, and commons-compress's
 * decodes them at 1/35 of Python's {@code lz4.frame} speed (measured: docs/bags.md). This decoder
 * is cross-checked against lz4-java and the {@code lz4} command line in the tests. Header,
 * block and content checksums are skipped (an MCAP chunk carries its own CRC32); every length
 * and back-reference is checked against the input and the output.
 */
final class Lz4Frame {
  private static final int MAGIC = 0x184D2204;
  private static final int SKIPPABLE_MASK = 0xFFFFFFF0;
  private static final int SKIPPABLE = 0x184D2A50;
  private static final int MIN_MATCH = 4;

  /** A decoding failure, with the input offset (relative to the start of the frame data). */
  static final class Lz4Exception extends Exception {
    private static final long serialVersionUID = 1L;

    Lz4Exception(long at, String message) {
      super("at compressed byte " + at + ": " + message);
    }
  }

  private Lz4Frame() {}

  /**
   * Decodes every frame of {@code src[off, off + len)} into {@code out}, which must be filled
   * exactly.
   *
   * @param src the compressed bytes
   * @param off first byte
   * @param len number of bytes
   * @param out the output, sized to the declared uncompressed size
   * @throws Lz4Exception when the bytes are not LZ4 frames or do not fill {@code out} exactly
   */
  static void decode(byte[] src, int off, int len, byte[] out) throws Lz4Exception {
    int end = off + len;
    int in = off;
    int o = 0;
    boolean any = false;
    while (in < end) {
      int magic = u32(src, in, end, off, "frame magic");
      if ((magic & SKIPPABLE_MASK) == SKIPPABLE) {
        long size = u32(src, in + 4, end, off, "skippable frame size") & 0xFFFFFFFFL;
        if (size > end - in - 8) {
          throw new Lz4Exception(in - off, "skippable frame of " + size + " bytes overruns the input");
        }
        in += 8 + (int) size;
        continue;
      }
      if (magic != MAGIC) {
        throw new Lz4Exception(in - off, any ? "trailing bytes after the last frame"
            : "not an LZ4 frame (magic 0x" + Integer.toHexString(magic) + ")");
      }
      any = true;
      in += 4;
      int flg = byteAt(src, in, end, off, "frame descriptor");
      int bd = byteAt(src, in + 1, end, off, "frame descriptor");
      if ((flg >>> 6) != 1) {
        throw new Lz4Exception(in - off, "frame version " + (flg >>> 6) + " (only 1 exists)");
      }
      boolean independent = (flg & 0x20) != 0;
      boolean blockChecksum = (flg & 0x10) != 0;
      boolean contentSize = (flg & 0x08) != 0;
      boolean contentChecksum = (flg & 0x04) != 0;
      boolean dictId = (flg & 0x01) != 0;
      if (dictId) {
        throw new Lz4Exception(in - off, "frame needs an external dictionary");
      }
      int maxBlock = switch ((bd >>> 4) & 7) {
        case 4 -> 1 << 16;
        case 5 -> 1 << 18;
        case 6 -> 1 << 20;
        case 7 -> 1 << 22;
        default -> throw new Lz4Exception(in + 1 - off, "invalid block maximum size code "
            + ((bd >>> 4) & 7));
      };
      int descriptor = 2 + (contentSize ? 8 : 0) + 1;
      if (descriptor > end - in) {
        throw new Lz4Exception(in - off, "truncated frame descriptor");
      }
      in += descriptor; // FLG, BD, content size, header checksum
      int frameStart = o;
      while (true) {
        int at = in;
        int word = u32(src, in, end, off, "block size");
        in += 4;
        if (word == 0) {
          break; // end mark
        }
        boolean stored = word < 0;
        int size = word & 0x7FFFFFFF;
        if (size > maxBlock || size > end - in) {
          throw new Lz4Exception(at - off, "block of " + size + " bytes "
              + (size > maxBlock ? "exceeds the frame's maximum of " + maxBlock
                  : "overruns the input (" + (end - in) + " bytes remain)"));
        }
        if (stored) {
          if (size > out.length - o) {
            throw new Lz4Exception(at - off, "output exceeds the declared " + out.length + " bytes");
          }
          System.arraycopy(src, in, out, o, size);
          o += size;
        } else {
          o = block(src, in, in + size, out, o, independent ? o : frameStart, off);
        }
        in += size + (blockChecksum ? 4 : 0);
        if (in > end) {
          throw new Lz4Exception(end - off, "truncated block checksum");
        }
      }
      in += contentChecksum ? 4 : 0;
      if (in > end) {
        throw new Lz4Exception(end - off, "truncated content checksum");
      }
    }
    if (o != out.length) {
      throw new Lz4Exception(len, "decoded " + o + " bytes but " + out.length + " were declared");
    }
  }

  /**
   * Decodes one LZ4 block into {@code out} at {@code o}; matches may reach back to {@code floor}.
   *
   * @return the output position after the block
   */
  private static int block(byte[] src, int in, int end, byte[] out, int o, int floor, int base)
      throws Lz4Exception {
    while (true) {
      if (in >= end) {
        throw new Lz4Exception(in - base, "truncated block: no sequence token");
      }
      int token = src[in++] & 0xFF;
      int literals = token >>> 4;
      if (literals == 15) {
        int b;
        do {
          if (in >= end) {
            throw new Lz4Exception(in - base, "truncated literal length");
          }
          b = src[in++] & 0xFF;
          literals += b;
        } while (b == 255 && literals < Integer.MAX_VALUE - 255);
      }
      if (literals > end - in || literals > out.length - o) {
        throw new Lz4Exception(in - base, literals > end - in
            ? "literal run of " + literals + " bytes overruns the block"
            : "output exceeds the declared " + out.length + " bytes");
      }
      System.arraycopy(src, in, out, o, literals);
      in += literals;
      o += literals;
      if (in == end) {
        return o; // the last sequence has literals only
      }
      if (end - in < 2) {
        throw new Lz4Exception(in - base, "truncated match offset");
      }
      int offset = (src[in] & 0xFF) | (src[in + 1] & 0xFF) << 8;
      in += 2;
      if (offset == 0 || offset > o - floor) {
        throw new Lz4Exception(in - 2 - base, "match offset " + offset + " reaches before the "
            + (o - floor) + " bytes decoded so far");
      }
      int length = token & 15;
      if (length == 15) {
        int b;
        do {
          if (in >= end) {
            throw new Lz4Exception(in - base, "truncated match length");
          }
          b = src[in++] & 0xFF;
          length += b;
        } while (b == 255 && length < Integer.MAX_VALUE - 255);
      }
      length += MIN_MATCH;
      if (length > out.length - o) {
        throw new Lz4Exception(in - base, "output exceeds the declared " + out.length + " bytes");
      }
      int from = o - offset;
      if (offset >= length) {
        System.arraycopy(out, from, out, o, length);
        o += length;
      } else {
        // overlapping: the match repeats its last `offset` bytes; copy in growing runs
        int copied = 0;
        while (copied < length) {
          int run = Math.min(length - copied, o + copied - from);
          System.arraycopy(out, from, out, o + copied, run);
          copied += run;
        }
        o += length;
      }
    }
  }

  private static int u32(byte[] b, int at, int end, int base, String what) throws Lz4Exception {
    if (end - at < 4) {
      throw new Lz4Exception(at - base, "truncated " + what);
    }
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
  }

  private static int byteAt(byte[] b, int at, int end, int base, String what) throws Lz4Exception {
    if (at >= end) {
      throw new Lz4Exception(at - base, "truncated " + what);
    }
    return b[at] & 0xFF;
  }
}

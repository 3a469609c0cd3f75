package org.pointea.io.pcd;

/**
 * The LZF codec as liblzf and PCL's {@code lzf.cpp} define it, on raw streams (no framing): the
 * payload of a PCD {@code binary_compressed} body.
 *
 * <p>Hand-written instead of taken from {@code com.ning:compress-lzf} because that library's public
 * API frames data in 64 KiB "ZV" chunks, and its raw block decoders leave malformed back-references
 * to array bounds checks (or to {@code Unsafe}); this decoder checks every literal run and
 * back-reference against both buffers and reports the input offset of the first bad token.
 *
 * <pre>{@code
 * byte[] packed = new byte[Lzf.maxCompressedLength(raw.length)];
 * int n = Lzf.compress(raw, 0, raw.length, packed, 0);
 * byte[] back = new byte[raw.length];
 * Lzf.decompress(packed, 0, n, back, 0, back.length);   // returns raw.length
 * }</pre>
 */
public final class Lzf {
  /** Largest expansion of the uncompressed size over the compressed size (a 3-byte token copies 264 bytes). */
  public static final int MAX_RATIO = 88;

  private static final int HLOG = 16;
  private static final int HSIZE = 1 << HLOG;
  private static final int MAX_LIT = 1 << 5;
  private static final int MAX_OFF = 1 << 13;
  private static final int MAX_REF = (1 << 8) + (1 << 3);

  private Lzf() {}

  /** A malformed stream: {@link #inputOffset()} is the offset of the bad token in the input. */
  public static final class LzfException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int inputOffset;

    LzfException(String message, int inputOffset) {
      super(message, null, false, false);
      this.inputOffset = inputOffset;
    }

    /** Returns the offset of the offending token, relative to the start of the stream. */
    public int inputOffset() {
      return inputOffset;
    }
  }

  /**
   * Decompresses a raw LZF stream.
   *
   * @param in compressed bytes
   * @param inOff first byte of the stream
   * @param inLen stream length
   * @param out destination
   * @param outOff first byte written
   * @param outLen room in {@code out}
   * @return number of bytes written
   * @throws LzfException when the stream is malformed or does not fit in {@code outLen}
   */
  public static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
      throws LzfException {
    int ip = inOff;
    int ie = inOff + inLen;
    int op = outOff;
    int oe = outOff + outLen;
    while (ip < ie) {
      int tokenAt = ip - inOff;
      int ctrl = in[ip++] & 0xFF;
      if (ctrl < MAX_LIT) {
        int len = ctrl + 1;
        if (len > oe - op) {
          throw new LzfException("literal run of " + len + " bytes overflows the output", tokenAt);
        }
        if (len > ie - ip) {
          throw new LzfException("literal run of " + len + " bytes runs past the input", tokenAt);
        }
        System.arraycopy(in, ip, out, op, len);
        ip += len;
        op += len;
      } else {
        int len = ctrl >>> 5;
        int ref = op - ((ctrl & 0x1F) << 8) - 1;
        if (len == 7) {
          if (ip >= ie) {
            throw new LzfException("back-reference cut short", tokenAt);
          }
          len += in[ip++] & 0xFF;
        }
        if (ip >= ie) {
          throw new LzfException("back-reference cut short", tokenAt);
        }
        ref -= in[ip++] & 0xFF;
        len += 2;
        if (len > oe - op) {
          throw new LzfException("back-reference of " + len + " bytes overflows the output",
              tokenAt);
        }
        if (ref < outOff) {
          throw new LzfException("back-reference before the start of the output", tokenAt);
        }
        if (op - ref >= len) {
          System.arraycopy(out, ref, out, op, len);
          op += len;
        } else {
          for (int k = 0; k < len; k++) {
            out[op++] = out[ref++];
          }
        }
      }
    }
    return op - outOff;
  }

  /**
   * Returns a buffer size that always holds the compressed form of {@code n} bytes.
   *
   * @param n uncompressed size
   * @return the bound
   */
  public static int maxCompressedLength(int n) {
    long m = n + (long) n / 32 + 16;
    if (m > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(n + " bytes are too many to compress at once");
    }
    return (int) m;
  }

  /**
   * Compresses bytes into a raw LZF stream (liblzf's algorithm: a 3-byte hash of recent
   * positions, matches of 3..264 bytes within 8 KiB).
   *
   * @param in bytes to compress
   * @param inOff first byte
   * @param inLen number of bytes
   * @param out destination, at least {@link #maxCompressedLength(int)} of {@code inLen} long
   * @param outOff first byte written
   * @return the compressed length (0 for empty input)
   */
  public static int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff) {
    if (inLen == 0) {
      return 0;
    }
    if (out.length - outOff < maxCompressedLength(inLen)) {
      throw new IllegalArgumentException("output buffer too small");
    }
    int[] htab = new int[HSIZE];
    int ip = inOff;
    int end = inOff + inLen;
    int op = outOff;
    int lit = 0;
    op++; // start run
    if (inLen >= 3) {
      int hval = ((in[ip] & 0xFF) << 8) | (in[ip + 1] & 0xFF);
      while (ip < end - 2) {
        hval = (hval << 8) | (in[ip + 2] & 0xFF);
        int slot = hash(hval);
        int ref = htab[slot] - 1;
        htab[slot] = ip + 1;
        int off = ip - ref - 1;
        if (ref >= inOff && ref < ip && off < MAX_OFF
            && in[ref] == in[ip] && in[ref + 1] == in[ip + 1] && in[ref + 2] == in[ip + 2]) {
          int len = 2;
          int maxlen = Math.min(end - ip - len, MAX_REF);
          out[op - lit - 1] = (byte) (lit - 1); // stop run
          if (lit == 0) {
            op--; // undo run if length is zero
          }
          do {
            len++;
          } while (len < maxlen && in[ref + len] == in[ip + len]);
          len -= 2; // len is now #octets - 1
          ip++;
          if (len < 7) {
            out[op++] = (byte) ((off >>> 8) + (len << 5));
          } else {
            out[op++] = (byte) ((off >>> 8) + (7 << 5));
            out[op++] = (byte) (len - 7);
          }
          out[op++] = (byte) off;
          lit = 0;
          op++; // start run
          ip += len + 1;
          if (ip >= end - 2) {
            break;
          }
          --ip;
          hval = ((in[ip] & 0xFF) << 8) | (in[ip + 1] & 0xFF);
          hval = (hval << 8) | (in[ip + 2] & 0xFF);
          htab[hash(hval)] = ip + 1;
          ip++;
        } else {
          lit++;
          out[op++] = in[ip++];
          if (lit == MAX_LIT) {
            out[op - lit - 1] = (byte) (lit - 1);
            lit = 0;
            op++;
          }
        }
      }
    }
    while (ip < end) {
      lit++;
      out[op++] = in[ip++];
      if (lit == MAX_LIT) {
        out[op - lit - 1] = (byte) (lit - 1);
        lit = 0;
        op++;
      }
    }
    out[op - lit - 1] = (byte) (lit - 1); // end run
    if (lit == 0) {
      op--;
    }
    return op - outOff;
  }

  private static int hash(int h) {
    return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
  }
}

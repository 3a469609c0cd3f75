package org.pointea.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A buffered writer of binary values and ASCII text onto a channel.
 *
 * <p>Binary writers {@link #reserve} room for a block of records and fill the returned buffer with
 * absolute or relative puts; text writers use the number methods, which print floats in their
 * shortest round-trip form (so text reads back bit for bit) or with a fixed number of decimals.
 */
public final class ByteSink {
  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

  private final WritableByteChannel out;
  private ByteBuffer buf;
  private long written;

  /**
   * Creates a sink.
   *
   * @param out destination
   * @param order byte order of binary values
   * @param capacity buffer size in bytes
   */
  public ByteSink(WritableByteChannel out, ByteOrder order, int capacity) {
    this.out = out;
    this.buf = ByteBuffer.allocateDirect(capacity).order(order);
  }

  /** Returns the number of bytes written so far (flushed or buffered). */
  public long position() {
    return written + buf.position();
  }

  /** Returns the buffer's capacity, the largest block {@link #reserve} accepts without growing. */
  public int capacity() {
    return buf.capacity();
  }

  /**
   * Makes room for {@code n} bytes and returns the buffer, positioned where they go.
   *
   * @param n bytes about to be written
   * @return the buffer
   * @throws IOException on a write error
   */
  public ByteBuffer reserve(int n) throws IOException {
    if (buf.remaining() < n) {
      flush();
      if (buf.capacity() < n) {
        buf = ByteBuffer.allocateDirect(n).order(buf.order());
      }
    }
    return buf;
  }

  /**
   * Writes the buffered bytes to the channel.
   *
   * @throws IOException on a write error
   */
  public void flush() throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      written += out.write(buf);
    }
    buf.clear();
  }

  /**
   * Writes bytes.
   *
   * @param bytes the bytes
   * @throws IOException on a write error
   */
  public void bytes(byte[] bytes) throws IOException {
    int off = 0;
    while (off < bytes.length) {
      int n = Math.min(bytes.length - off, buf.capacity());
      reserve(n).put(bytes, off, n);
      off += n;
    }
  }

  /**
   * Writes ASCII text.
   *
   * @param s the text
   * @return this sink
   * @throws IOException on a write error
   */
  public ByteSink ascii(String s) throws IOException {
    bytes(s.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /**
   * Writes one ASCII character.
   *
   * @param c the character
   * @return this sink
   * @throws IOException on a write error
   */
  public ByteSink ch(char c) throws IOException {
    reserve(1).put((byte) c);
    return this;
  }

  /**
   * Writes a whole number in decimal.
   *
   * @param v the value
   * @return this sink
   * @throws IOException on a write error
   */
  public ByteSink num(long v) throws IOException {
    ByteBuffer b = reserve(20);
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return ascii(Long.toString(v));
      }
      b.put((byte) '-');
      v = -v;
    }
    int start = b.position();
    do {
      b.put((byte) ('0' + (v % 10)));
      v /= 10;
    } while (v != 0);
    reverse(b, start, b.position() - 1);
    return this;
  }

  private static void reverse(ByteBuffer b, int i, int j) {
    for (; i < j; i++, j--) {
      byte t = b.get(i);
      b.put(i, b.get(j));
      b.put(j, t);
    }
  }

  /**
   * Writes a float in its shortest round-trip decimal form; {@code nan}, {@code inf}, {@code -inf}
   * for the special values (the spelling PCL and NumPy read).
   *
   * @param v the value
   * @return this sink
   * @throws IOException on a write error
   */
  public ByteSink shortest(float v) throws IOException {
    if (!Float.isFinite(v)) {
      return ascii(Float.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
    }
    if (v == (int) v && Math.abs(v) < 1e7f && Float.floatToRawIntBits(v) != 0x80000000) {
      return num((int) v);
    }
    return ascii(Float.toString(v));
  }

  /**
   * Writes a double in its shortest round-trip decimal form.
   *
   * @param v the value
   * @return this sink
   * @throws IOException on a write error
   */
  public ByteSink shortest(double v) throws IOException {
    if (!Double.isFinite(v)) {
      return ascii(Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
    }
    if (v == (long) v && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) {
      return num((long) v);
    }
    return ascii(Double.toString(v));
  }

  /**
   * Writes a value with exactly {@code decimals} digits after the point, as C's {@code %.Nf}.
   *
   * @param v the value
   * @param decimals digits after the point, 0 to 9
   * @return this sink
   * @throws IOException on a write error
   */
  public ByteSink fixed(double v, int decimals) throws IOException {
    if (!Double.isFinite(v)) {
      return ascii(Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
    }
    double scaled = Math.abs(v) * POW10[decimals];
    if (scaled >= 9e15) {
      return ascii(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }
    long r = Math.round(scaled);
    long p = (long) POW10[decimals];
    ByteBuffer b = reserve(40);
    if (v < 0 || (v == 0 && 1 / v < 0)) {
      b.put((byte) '-');
    }
    num(r / p);
    if (decimals > 0) {
      b = reserve(decimals + 1);
      b.put((byte) '.');
      long frac = r % p;
      int start = b.position();
      for (int i = 0; i < decimals; i++) {
        b.put((byte) ('0' + frac % 10));
        frac /= 10;
      }
      reverse(b, start, b.position() - 1);
    }
    return this;
  }
}

package org.pointea.io.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sequential reading of variable-length binary records (PLY list properties) over windows of an
 * {@link Input}; every read is checked against the input's real size first.
 */
public final class BinaryCursor {
  private static final int WINDOW = 1 << 28;

  private final Input in;
  private final ByteOrder order;
  private final String what;
  private ByteBuffer window;
  private long windowStart;
  private long pos;

  /**
   * Starts reading at {@code start}.
   *
   * @param in the input
   * @param start first byte
   * @param order byte order of values
   * @param what what is being read, for messages
   */
  public BinaryCursor(Input in, long start, ByteOrder order, String what) {
    this.in = in;
    this.order = order;
    this.what = what;
    this.pos = start;
    this.windowStart = start;
    this.window = ByteBuffer.allocate(0);
  }

  /** Returns the absolute position of the next byte. */
  public long position() {
    return pos;
  }

  /** Returns the number of bytes between the position and the end of the input. */
  public long remaining() {
    return in.size() - pos;
  }

  /**
   * Makes {@code n} bytes at the position readable and returns the buffer index where they start.
   *
   * @param n bytes needed
   * @return index in {@link #buffer()}
   * @throws IOException when the input ends before
   */
  public int need(int n) throws IOException {
    long rel = pos - windowStart;
    if (rel + n > window.limit()) {
      in.require(pos, n, what);
      long len = Math.min(in.size() - pos, WINDOW);
      window = in.map(pos, len, what).order(order);
      windowStart = pos;
      rel = 0;
    }
    return (int) rel;
  }

  /** Returns the current window (valid after {@link #need}). */
  public ByteBuffer buffer() {
    return window;
  }

  /**
   * Advances the position.
   *
   * @param n bytes
   */
  public void skip(long n) {
    pos += n;
  }

  /**
   * Reads one value as a long (integers) and advances.
   *
   * @param t the type
   * @return the value
   * @throws IOException when the input ends
   */
  public long readLong(ScalarType t) throws IOException {
    int i = need(t.size());
    pos += t.size();
    return t.getLong(window, i);
  }

  /**
   * Reads one value as a double and advances.
   *
   * @param t the type
   * @return the value
   * @throws IOException when the input ends
   */
  public double readDouble(ScalarType t) throws IOException {
    int i = need(t.size());
    pos += t.size();
    return t.getDouble(window, i);
  }

  /**
   * Skips bytes that must be present.
   *
   * @param n bytes
   * @throws IOException when the input ends before
   */
  public void skipChecked(long n) throws IOException {
    in.require(pos, n, what);
    pos += n;
  }
}

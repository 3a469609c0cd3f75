package org.pointea.io.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.pointea.io.PointCloudFormatException;

/**
 * Bounded random access to a file or an in-memory byte array, with errors that name the source.
 *
 * <p>Files are memory-mapped region by region ({@link #map}), so a reader copies bytes once, from
 * the page cache into the cloud's arrays. Every access is checked against the real size first:
 * a count in a header can never make a reader touch (or allocate for) bytes that are not there.
 */
public final class Input implements Closeable {
  /** The largest region {@link #map} hands out at once. */
  public static final int MAX_MAP = Integer.MAX_VALUE - 64;

  private final String name;
  private final FileChannel channel;
  private final ByteBuffer memory;
  private final long size;

  private Input(String name, FileChannel channel, ByteBuffer memory, long size) {
    this.name = name;
    this.channel = channel;
    this.memory = memory;
    this.size = size;
  }

  /**
   * Opens a file for reading.
   *
   * @param path the file
   * @return the input
   * @throws IOException when it cannot be opened
   */
  public static Input open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new Input(path.toString(), ch, null, ch.size());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Wraps bytes held in memory (not copied).
   *
   * @param bytes the content
   * @param name the name used in error messages
   * @return the input
   */
  public static Input of(byte[] bytes, String name) {
    return new Input(name, null, ByteBuffer.wrap(bytes), bytes.length);
  }

  /** Returns the name used in error messages. */
  public String name() {
    return name;
  }

  /** Returns the size in bytes. */
  public long size() {
    return size;
  }

  /**
   * Checks that {@code length} bytes starting at {@code offset} are present.
   *
   * @param offset first byte
   * @param length number of bytes
   * @param what what those bytes hold, for the message
   * @throws PointCloudFormatException when the input ends before
   */
  public void require(long offset, long length, String what) throws PointCloudFormatException {
    if (offset < 0 || length < 0 || offset > size || length > size - offset) {
      throw error(
          Math.min(Math.max(offset, 0), size),
          "truncated: "
              + what
              + " needs "
              + length
              + " bytes at byte "
              + offset
              + " but the input has "
              + size
              + " bytes");
    }
  }

  /**
   * Returns the region {@code [offset, offset + length)} as a buffer positioned at 0, in
   * little-endian order; checked against the size first.
   *
   * @param offset first byte
   * @param length number of bytes, at most {@link #MAX_MAP}
   * @param what what the region holds, for the message
   * @return a read-only view of the region
   * @throws IOException when the region is not present or cannot be mapped
   */
  public ByteBuffer map(long offset, long length, String what) throws IOException {
    require(offset, length, what);
    if (length > MAX_MAP) {
      throw new IllegalArgumentException("region of " + length + " bytes is too large to map");
    }
    ByteBuffer b;
    if (memory != null) {
      b = memory.slice((int) offset, (int) length);
    } else if (length == 0) {
      b = ByteBuffer.allocate(0);
    } else {
      b = channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
    }
    return b.order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Copies bytes starting at {@code position} into {@code dst}.
   *
   * @param position first byte to read
   * @param dst destination
   * @param off first index written
   * @param len most bytes to copy
   * @return bytes copied; 0 at the end of the input
   * @throws IOException on a read error
   */
  public int read(long position, byte[] dst, int off, int len) throws IOException {
    if (position >= size || len <= 0) {
      return 0;
    }
    int n = (int) Math.min(len, size - position);
    if (memory != null) {
      memory.get((int) position, dst, off, n);
      return n;
    }
    ByteBuffer target = ByteBuffer.wrap(dst, off, n);
    int total = 0;
    while (target.hasRemaining()) {
      int r = channel.read(target, position + total);
      if (r <= 0) {
        break;
      }
      total += r;
    }
    return total;
  }

  /**
   * Returns a format error at a byte offset.
   *
   * @param offset byte offset
   * @param detail what is wrong
   * @return the exception, to throw
   */
  public PointCloudFormatException error(long offset, String detail) {
    return new PointCloudFormatException(name, -1, offset, detail);
  }

  /**
   * Returns a format error at a text line.
   *
   * @param line 1-based line
   * @param offset byte offset
   * @param detail what is wrong
   * @return the exception, to throw
   */
  public PointCloudFormatException error(long line, long offset, String detail) {
    return new PointCloudFormatException(name, line, offset, detail);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }
}

package org.pointea.io.bag;

import java.nio.charset.StandardCharsets;
import org.pointea.io.PointCloudFormatException;

/**
 * Bounded little-endian reading of the fields of one record held in memory (a record read from the
 * file, or a decompressed chunk): every length is checked against the bytes that remain, and
 * errors give the file's name and the byte offset in the file (for bytes inside a compressed chunk,
 * the chunk's offset, with the offset within the uncompressed chunk in the message).
 */
final class Fields {
  private final String source;
  private final byte[] b;
  private final int end;
  private final long fileBase;
  private final long chunkOffset;
  private int pos;

  private Fields(String source, byte[] b, int start, int end, long fileBase, long chunkOffset) {
    this.source = source;
    this.b = b;
    this.pos = start;
    this.end = end;
    this.fileBase = fileBase;
    this.chunkOffset = chunkOffset;
  }

  /**
   * Reads bytes that were read from the file as they are.
   *
   * @param source file name for messages
   * @param b the bytes
   * @param start first byte to read
   * @param end end (exclusive)
   * @param fileOffsetOfB the file offset of {@code b[0]}
   * @return the reader
   */
  static Fields inFile(String source, byte[] b, int start, int end, long fileOffsetOfB) {
    return new Fields(source, b, start, end, fileOffsetOfB, -1);
  }

  /**
   * Reads bytes of a decompressed chunk.
   *
   * @param source file name for messages
   * @param b the uncompressed chunk
   * @param start first byte to read
   * @param end end (exclusive)
   * @param chunkOffset the file offset of the chunk record
   * @return the reader
   */
  static Fields inChunk(String source, byte[] b, int start, int end, long chunkOffset) {
    return new Fields(source, b, start, end, -1, chunkOffset);
  }

  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  byte[] array() {
    return b;
  }

  /** Returns the file offset of the position, or the chunk's offset inside a chunk. */
  long fileOffset(int at) {
    return fileBase >= 0 ? fileBase + at : chunkOffset;
  }

  PointCloudFormatException error(int at, String detail) {
    if (fileBase >= 0) {
      return new PointCloudFormatException(source, -1, fileBase + at, detail);
    }
    return new PointCloudFormatException(source, -1, chunkOffset,
        "in the chunk at byte " + chunkOffset + ", at uncompressed byte " + at + ": " + detail);
  }

  void need(long n, String what) throws PointCloudFormatException {
    if (n < 0 || n > end - pos) {
      throw error(pos, "truncated: " + what + " needs " + n + " bytes but " + (end - pos)
          + " remain");
    }
  }

  int u8(String what) throws PointCloudFormatException {
    need(1, what);
    return b[pos++] & 0xFF;
  }

  int u16(String what) throws PointCloudFormatException {
    need(2, what);
    int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  long u32(String what) throws PointCloudFormatException {
    need(4, what);
    long v = u32At(b, pos);
    pos += 4;
    return v;
  }

  long u64(String what) throws PointCloudFormatException {
    need(8, what);
    long v = u32At(b, pos) | u32At(b, pos + 4) << 32;
    pos += 8;
    return v;
  }

  /**
   * Reads a 32-bit length and checks that many bytes remain.
   *
   * @param what the field, for messages
   * @return the length
   * @throws PointCloudFormatException when it exceeds what remains
   */
  int length32(String what) throws PointCloudFormatException {
    int at = pos;
    long n = u32(what + " length");
    if (n > end - pos) {
      throw error(at, "truncated: " + what + " length " + n + " exceeds the " + (end - pos)
          + " bytes that remain");
    }
    return (int) n;
  }

  /**
   * Reads a 64-bit length and checks that many bytes remain.
   *
   * @param what the field, for messages
   * @return the length
   * @throws PointCloudFormatException when it exceeds what remains
   */
  int length64(String what) throws PointCloudFormatException {
    int at = pos;
    long n = u64(what + " length");
    if (n < 0 || n > end - pos) {
      throw error(at, "truncated: " + what + " length " + Long.toUnsignedString(n)
          + " exceeds the " + (end - pos) + " bytes that remain");
    }
    return (int) n;
  }

  /** Reads a string prefixed with its 32-bit byte length (MCAP's string). */
  String string(String what) throws PointCloudFormatException {
    int n = length32(what);
    String s = new String(b, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** Skips {@code n} bytes, which must remain. */
  void skip(long n, String what) throws PointCloudFormatException {
    need(n, what);
    pos += (int) n;
  }

  static long u32At(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }
}

package org.pointea.io.internal;

import java.nio.ByteBuffer;

/**
 * The numeric element types of binary point-cloud formats (PLY property types, PCD TYPE/SIZE pairs,
 * ROS {@code PointField} datatypes, NPY dtypes).
 */
public enum ScalarType {
  /** Signed 8-bit integer. */
  INT8(1, true, false),
  /** Unsigned 8-bit integer. */
  UINT8(1, false, false),
  /** Signed 16-bit integer. */
  INT16(2, true, false),
  /** Unsigned 16-bit integer. */
  UINT16(2, false, false),
  /** Signed 32-bit integer. */
  INT32(4, true, false),
  /** Unsigned 32-bit integer. */
  UINT32(4, false, false),
  /** Signed 64-bit integer. */
  INT64(8, true, false),
  /** Unsigned 64-bit integer. */
  UINT64(8, false, false),
  /** IEEE 754 binary32. */
  FLOAT32(4, true, true),
  /** IEEE 754 binary64. */
  FLOAT64(8, true, true);

  private final int size;
  private final boolean signed;
  private final boolean floating;

  ScalarType(int size, boolean signed, boolean floating) {
    this.size = size;
    this.signed = signed;
    this.floating = floating;
  }

  /** Returns the size in bytes. */
  public int size() {
    return size;
  }

  /** Returns true for the two floating-point types. */
  public boolean isFloating() {
    return floating;
  }

  /** Returns true for the signed integer types and the floating-point types. */
  public boolean isSigned() {
    return signed;
  }

  /** Returns true for integer types whose every value fits in a Java {@code int}. */
  public boolean fitsInt() {
    return !floating && (size < 4 || this == INT32);
  }

  /** Returns the smallest value of an integer type (as a double), or -MAX for floats. */
  public double min() {
    return switch (this) {
      case INT8 -> Byte.MIN_VALUE;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      case INT64 -> Long.MIN_VALUE;
      case UINT8, UINT16, UINT32, UINT64 -> 0;
      case FLOAT32 -> -Float.MAX_VALUE;
      case FLOAT64 -> -Double.MAX_VALUE;
    };
  }

  /** Returns the largest value of an integer type (as a double), or MAX for floats. */
  public double max() {
    return switch (this) {
      case INT8 -> Byte.MAX_VALUE;
      case UINT8 -> 255;
      case INT16 -> Short.MAX_VALUE;
      case UINT16 -> 65535;
      case INT32 -> Integer.MAX_VALUE;
      case UINT32 -> 4294967295.0;
      case INT64 -> Long.MAX_VALUE;
      case UINT64 -> 18446744073709551615.0;
      case FLOAT32 -> Float.MAX_VALUE;
      case FLOAT64 -> Double.MAX_VALUE;
    };
  }

  /**
   * Reads one value as a double (64-bit integers lose precision above 2^53).
   *
   * @param b buffer with its byte order set
   * @param index absolute byte index
   * @return the value
   */
  public double getDouble(ByteBuffer b, int index) {
    return switch (this) {
      case INT8 -> b.get(index);
      case UINT8 -> b.get(index) & 0xFF;
      case INT16 -> b.getShort(index);
      case UINT16 -> b.getShort(index) & 0xFFFF;
      case INT32 -> b.getInt(index);
      case UINT32 -> b.getInt(index) & 0xFFFFFFFFL;
      case INT64 -> (double) b.getLong(index);
      case UINT64 -> unsignedToDouble(b.getLong(index));
      case FLOAT32 -> b.getFloat(index);
      case FLOAT64 -> b.getDouble(index);
    };
  }

  /**
   * Reads one value as a float: float32 exactly, other types rounded once.
   *
   * @param b buffer with its byte order set
   * @param index absolute byte index
   * @return the value
   */
  public float getFloat(ByteBuffer b, int index) {
    return switch (this) {
      case INT8 -> b.get(index);
      case UINT8 -> b.get(index) & 0xFF;
      case INT16 -> b.getShort(index);
      case UINT16 -> b.getShort(index) & 0xFFFF;
      case INT32 -> b.getInt(index);
      case UINT32 -> (float) (b.getInt(index) & 0xFFFFFFFFL);
      case INT64 -> (float) b.getLong(index);
      case UINT64 -> (float) unsignedToDouble(b.getLong(index));
      case FLOAT32 -> b.getFloat(index);
      case FLOAT64 -> (float) b.getDouble(index);
    };
  }

  /**
   * Reads one integer value as its raw bits widened to a long (unsigned types zero-extended,
   * uint64 as its two's-complement bits); floats are not integers and return their value
   * truncated.
   *
   * @param b buffer with its byte order set
   * @param index absolute byte index
   * @return the value
   */
  public long getLong(ByteBuffer b, int index) {
    return switch (this) {
      case INT8 -> b.get(index);
      case UINT8 -> b.get(index) & 0xFF;
      case INT16 -> b.getShort(index);
      case UINT16 -> b.getShort(index) & 0xFFFF;
      case INT32 -> b.getInt(index);
      case UINT32 -> b.getInt(index) & 0xFFFFFFFFL;
      case INT64, UINT64 -> b.getLong(index);
      case FLOAT32 -> (long) b.getFloat(index);
      case FLOAT64 -> (long) b.getDouble(index);
    };
  }

  private static double unsignedToDouble(long v) {
    double d = (double) (v >>> 1) * 2.0;
    return d + (v & 1);
  }
}

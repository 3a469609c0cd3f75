package org.pointea.io.ros;

import java.util.Objects;
import org.pointea.io.internal.ScalarType;

/**
 * A {@code sensor_msgs/PointField}: a named field at a byte offset within each point, of a
 * datatype, repeated {@code count} times.
 *
 * @param name field name ({@code x}, {@code rgb}, {@code intensity}, ...)
 * @param offset byte offset from the start of the point
 * @param datatype one of {@link #INT8} .. {@link #FLOAT64}
 * @param count number of elements
 */
public record PointField(String name, int offset, int datatype, int count) {
  /** {@code int8}. */
  public static final int INT8 = 1;
  /** {@code uint8}. */
  public static final int UINT8 = 2;
  /** {@code int16}. */
  public static final int INT16 = 3;
  /** {@code uint16}. */
  public static final int UINT16 = 4;
  /** {@code int32}. */
  public static final int INT32 = 5;
  /** {@code uint32}. */
  public static final int UINT32 = 6;
  /** {@code float32}. */
  public static final int FLOAT32 = 7;
  /** {@code float64}. */
  public static final int FLOAT64 = 8;

  /** Validates the field. */
  public PointField {
    Objects.requireNonNull(name, "name");
    if (offset < 0 || count < 0) {
      throw new IllegalArgumentException("field '" + name + "': negative offset or count");
    }
    if (datatype < INT8 || datatype > FLOAT64) {
      throw new IllegalArgumentException("field '" + name + "': datatype " + datatype
          + " is not one of 1..8");
    }
  }

  /** Returns the element type. */
  public ScalarType type() {
    return typeOf(datatype);
  }

  /** Returns the bytes the field occupies in a point. */
  public long bytes() {
    return (long) type().size() * count;
  }

  /**
   * Returns the element type of a datatype code.
   *
   * @param datatype 1..8
   * @return the type, or null for other codes
   */
  public static ScalarType typeOf(int datatype) {
    return switch (datatype) {
      case INT8 -> ScalarType.INT8;
      case UINT8 -> ScalarType.UINT8;
      case INT16 -> ScalarType.INT16;
      case UINT16 -> ScalarType.UINT16;
      case INT32 -> ScalarType.INT32;
      case UINT32 -> ScalarType.UINT32;
      case FLOAT32 -> ScalarType.FLOAT32;
      case FLOAT64 -> ScalarType.FLOAT64;
      default -> null;
    };
  }

  /**
   * Returns the datatype code of an element type.
   *
   * @param t the type
   * @return 1..8
   * @throws IllegalArgumentException for 64-bit integers, which ROS cannot express
   */
  public static int datatypeOf(ScalarType t) {
    return switch (t) {
      case INT8 -> INT8;
      case UINT8 -> UINT8;
      case INT16 -> INT16;
      case UINT16 -> UINT16;
      case INT32 -> INT32;
      case UINT32 -> UINT32;
      case FLOAT32 -> FLOAT32;
      case FLOAT64 -> FLOAT64;
      case INT64, UINT64 -> throw new IllegalArgumentException("ROS has no 64-bit integer field");
    };
  }
}

package org.pointea.io.npy;

import org.pointea.io.internal.ScalarType;

/**
 * The NumPy element types pointea reads and writes, with the Java array that holds them:
 * {@code int[]} for bool and integers up to 32 bits signed / 16 bits unsigned, {@code long[]} for
 * uint32 and int64, {@code float[]} and {@code double[]} for the floats.
 */
public enum NpyDtype {
  /** {@code |b1}, held as 0/1 in an {@code int[]}. */
  BOOL("b1", ScalarType.UINT8),
  /** {@code i1}. */
  INT8("i1", ScalarType.INT8),
  /** {@code u1}. */
  UINT8("u1", ScalarType.UINT8),
  /** {@code i2}. */
  INT16("i2", ScalarType.INT16),
  /** {@code u2}. */
  UINT16("u2", ScalarType.UINT16),
  /** {@code i4}. */
  INT32("i4", ScalarType.INT32),
  /** {@code u4}, held in a {@code long[]}. */
  UINT32("u4", ScalarType.UINT32),
  /** {@code i8}, held in a {@code long[]}. */
  INT64("i8", ScalarType.INT64),
  /** {@code f4}. */
  FLOAT32("f4", ScalarType.FLOAT32),
  /** {@code f8}. */
  FLOAT64("f8", ScalarType.FLOAT64);

  private final String code;
  private final ScalarType scalar;

  NpyDtype(String code, ScalarType scalar) {
    this.code = code;
    this.scalar = scalar;
  }

  /** Returns the kind-and-size code without byte order ({@code f4}, {@code u1}, ...). */
  public String code() {
    return code;
  }

  /** Returns the bytes per element. */
  public int size() {
    return scalar.size();
  }

  /** Returns the element type as stored. */
  public ScalarType scalarType() {
    return scalar;
  }

  /** Returns the Java array class that holds this type's values. */
  public Class<?> arrayClass() {
    return switch (this) {
      case BOOL, INT8, UINT8, INT16, UINT16, INT32 -> int[].class;
      case UINT32, INT64 -> long[].class;
      case FLOAT32 -> float[].class;
      case FLOAT64 -> double[].class;
    };
  }

  /**
   * Returns the dtype of a code without byte order.
   *
   * @param code such as {@code f4}
   * @return the dtype, or null when unsupported
   */
  public static NpyDtype ofCode(String code) {
    for (NpyDtype d : values()) {
      if (d.code.equals(code)) {
        return d;
      }
    }
    return null;
  }
}

package org.pointea.io.npy;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as NumPy stores it: a shape, a dtype, and the values in C (row-major)
 * order in one Java array ({@code int[]}, {@code long[]}, {@code float[]} or {@code double[]}, see
 * {@link NpyDtype#arrayClass()}).
 *
 * <p>The data array is shared, not copied: treat it as read-only.
 *
 * <pre>{@code
 * NpyArray labels = NpyReader.readArray(Path.of("pred.npy"));   // int64 [S, N]
 * int[] flat = labels.toIntArray();
 * NpyWriter.writeArray(Path.of("out.npy"), NpyArray.ofInts(flat, labels.shape()));
 * }</pre>
 *
 * @param shape the dimensions (empty for a scalar)
 * @param dtype the element type
 * @param data the values in C order
 */
public record NpyArray(int[] shape, NpyDtype dtype, Object data) {

  /** Validates that the data matches the dtype and the shape. */
  public NpyArray {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(data, "data");
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
      }
    }
    if (!dtype.arrayClass().isInstance(data)) {
      throw new IllegalArgumentException(dtype + " values belong in a "
          + dtype.arrayClass().getSimpleName() + ", got " + data.getClass().getSimpleName());
    }
    int len = java.lang.reflect.Array.getLength(data);
    if (len != n) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
          + " values, the data has " + len);
    }
  }

  /** Returns a float32 array; takes ownership of {@code data}. */
  public static NpyArray ofFloats(float[] data, int... shape) {
    return new NpyArray(shape, NpyDtype.FLOAT32, data);
  }

  /** Returns a float64 array; takes ownership of {@code data}. */
  public static NpyArray ofDoubles(double[] data, int... shape) {
    return new NpyArray(shape, NpyDtype.FLOAT64, data);
  }

  /** Returns an int32 array; takes ownership of {@code data}. */
  public static NpyArray ofInts(int[] data, int... shape) {
    return new NpyArray(shape, NpyDtype.INT32, data);
  }

  /** Returns an int64 array; takes ownership of {@code data}. */
  public static NpyArray ofLongs(long[] data, int... shape) {
    return new NpyArray(shape, NpyDtype.INT64, data);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Returns the number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Returns the number of values. */
  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** Returns the {@code float[]} of a float32 array (shared). */
  public float[] floats() {
    return typed(float[].class);
  }

  /** Returns the {@code double[]} of a float64 array (shared). */
  public double[] doubles() {
    return typed(double[].class);
  }

  /** Returns the {@code int[]} of a bool/int8/uint8/int16/uint16/int32 array (shared). */
  public int[] ints() {
    return typed(int[].class);
  }

  /** Returns the {@code long[]} of a uint32/int64 array (shared). */
  public long[] longs() {
    return typed(long[].class);
  }

  private <T> T typed(Class<T> c) {
    if (!c.isInstance(data)) {
      throw new IllegalStateException("a " + dtype + " array holds a "
          + data.getClass().getSimpleName() + ", not a " + c.getSimpleName());
    }
    return c.cast(data);
  }

  /**
   * Returns the values as ints: integer types directly (64-bit values checked), floats only when
   * every value is a whole number in the int range (labels saved as floats).
   *
   * @return a new array of the values
   * @throws IllegalStateException when a value is not an int
   */
  public int[] toIntArray() {
    int n = size();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double v = valueAsDouble(i);
      if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalStateException("value " + v + " at flat index " + i + " is not an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /**
   * Returns the values converted to floats.
   *
   * @return a new array of the values
   */
  public float[] toFloatArray() {
    int n = size();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = data instanceof double[] d ? (float) d[i] : (float) valueAsDouble(i);
    }
    return out;
  }

  /**
   * Returns one value, by flat C-order index, as a double.
   *
   * @param i flat index
   * @return the value
   */
  public double valueAsDouble(int i) {
    if (data instanceof int[] a) {
      return a[i];
    } else if (data instanceof long[] a) {
      return a[i];
    } else if (data instanceof float[] a) {
      return a[i];
    }
    return ((double[]) data)[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a
        && Arrays.equals(a.shape, shape)
        && a.dtype == dtype
        && Arrays.deepEquals(new Object[] {a.data}, new Object[] {data});
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(shape), dtype,
        Arrays.deepHashCode(new Object[] {data}));
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype.name().toLowerCase(java.util.Locale.ROOT) + " "
        + Arrays.toString(shape) + "]";
  }
}

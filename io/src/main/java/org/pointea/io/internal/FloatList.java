package org.pointea.io.internal;

import java.util.Arrays;

/** A growable {@code float[]} for readers that learn the count as they go. */
public final class FloatList {
  private float[] data;
  private int size;

  /**
   * Creates an empty list.
   *
   * @param capacity initial capacity (callers bound it by the input size)
   */
  public FloatList(int capacity) {
    data = new float[Math.max(capacity, 16)];
  }

  /**
   * Appends a value.
   *
   * @param v the value
   */
  public void add(float v) {
    if (size == data.length) {
      grow(size + 1);
    }
    data[size++] = v;
  }

  private void grow(int min) {
    long cap = Math.max((long) data.length * 3 / 2 + 16, min);
    if (cap > Integer.MAX_VALUE - 16) {
      if (min > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("more than 2^31 values");
      }
      cap = Integer.MAX_VALUE - 16;
    }
    data = Arrays.copyOf(data, (int) cap);
  }

  /** Returns the number of values. */
  public int size() {
    return size;
  }

  /**
   * Returns one value.
   *
   * @param i index
   * @return the value
   */
  public float get(int i) {
    return data[i];
  }

  /**
   * Replaces one value.
   *
   * @param i index
   * @param v the value
   */
  public void set(int i, float v) {
    data[i] = v;
  }

  /** Returns the values in an array of exactly {@link #size()} (the backing array when it fits). */
  public float[] toArray() {
    return data.length == size ? data : Arrays.copyOf(data, size);
  }
}

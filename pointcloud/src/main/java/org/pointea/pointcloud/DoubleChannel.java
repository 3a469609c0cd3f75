package org.pointea.pointcloud;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A per-point channel of {@code double} values, for attributes a float cannot hold exactly: LAS
 * GPS time (seconds since 1980 or of the GPS week, kept to the microsecond), or scaled 64-bit
 * values; immutable.
 */
public final class DoubleChannel implements Channel {
  private final String name;
  private final int width;
  private final double[] data;

  /**
   * Creates a channel that takes ownership of {@code data} (it is not copied: do not modify it
   * afterwards).
   *
   * @param name channel name, non-blank
   * @param width values per point, at least 1
   * @param data packed values, a multiple of {@code width} long
   */
  public DoubleChannel(String name, int width, double[] data) {
    Objects.requireNonNull(data, "data");
    this.name = ChannelChecks.name(name);
    this.width = ChannelChecks.width(name, width, data.length);
    this.data = data;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int size() {
    return data.length / width;
  }

  /**
   * Returns one value.
   *
   * @param point point index
   * @param component component within the point
   * @return the value
   */
  public double get(int point, int component) {
    Objects.checkIndex(point, size());
    Objects.checkIndex(component, width);
    return data[point * width + component];
  }

  @Override
  public double valueAsDouble(int point, int component) {
    return get(point, component);
  }

  /** Returns a copy of the packed values. */
  public double[] toArray() {
    return data.clone();
  }

  /**
   * Copies the packed values into a caller-owned buffer.
   *
   * @param dest destination array
   * @param offset first index written in {@code dest}
   */
  public void copyTo(double[] dest, int offset) {
    System.arraycopy(data, 0, dest, offset, data.length);
  }

  /** Returns a read-only view of the packed values, without copying. */
  public DoubleBuffer buffer() {
    return DoubleBuffer.wrap(data).asReadOnlyBuffer();
  }

  @Override
  public DoubleChannel select(int[] indices) {
    double[] out = new double[indices.length * width];
    int n = size();
    for (int i = 0; i < indices.length; i++) {
      int src = Objects.checkIndex(indices[i], n);
      System.arraycopy(data, src * width, out, i * width, width);
    }
    return new DoubleChannel(name, width, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DoubleChannel c
        && c.name.equals(name)
        && c.width == width
        && Arrays.equals(c.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, width, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return name + "(double x" + width + ")";
  }
}

package org.pointea.pointcloud;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/** A per-point channel of {@code float} values; immutable. */
public final class FloatChannel implements Channel {
  private final String name;
  private final int width;
  private final float[] data;

  /**
   * Creates a channel that takes ownership of {@code data} (it is not copied: do not modify it
   * afterwards).
   *
   * @param name channel name, non-blank
   * @param width values per point, at least 1
   * @param data packed values, a multiple of {@code width} long
   */
  public FloatChannel(String name, int width, float[] data) {
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
  public float get(int point, int component) {
    Objects.checkIndex(point, size());
    Objects.checkIndex(component, width);
    return data[point * width + component];
  }

  @Override
  public double valueAsDouble(int point, int component) {
    return get(point, component);
  }

  /** Returns a copy of the packed values. */
  public float[] toArray() {
    return data.clone();
  }

  /**
   * Copies the packed values into a caller-owned buffer.
   *
   * @param dest destination array
   * @param offset first index written in {@code dest}
   */
  public void copyTo(float[] dest, int offset) {
    System.arraycopy(data, 0, dest, offset, data.length);
  }

  /** Returns a read-only view of the packed values, without copying. */
  public FloatBuffer buffer() {
    return FloatBuffer.wrap(data).asReadOnlyBuffer();
  }

  @Override
  public FloatChannel select(int[] indices) {
    float[] out = new float[indices.length * width];
    int n = size();
    if (width == 1) {
      for (int i = 0; i < indices.length; i++) {
        out[i] = data[Objects.checkIndex(indices[i], n)];
      }
    } else if (width == 3) {
      // the common width (normals, RGB): element copies beat a call to arraycopy per point
      for (int i = 0; i < indices.length; i++) {
        int src = 3 * Objects.checkIndex(indices[i], n);
        out[3 * i] = data[src];
        out[3 * i + 1] = data[src + 1];
        out[3 * i + 2] = data[src + 2];
      }
    } else {
      for (int i = 0; i < indices.length; i++) {
        int src = Objects.checkIndex(indices[i], n);
        System.arraycopy(data, src * width, out, i * width, width);
      }
    }
    return new FloatChannel(name, width, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatChannel c
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
    return name + "(float x" + width + ")";
  }
}

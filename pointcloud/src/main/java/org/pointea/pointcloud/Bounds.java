package org.pointea.pointcloud;

/**
 * An axis-aligned bounding box.
 *
 * <p>The box of an empty set of points is {@link #EMPTY}: its minimum is {@code +Inf} and its
 * maximum {@code -Inf} on every axis, so {@link #isEmpty()} is true and {@link #extent(int)} is
 * negative.
 *
 * @param minX smallest x
 * @param minY smallest y
 * @param minZ smallest z
 * @param maxX largest x
 * @param maxY largest y
 * @param maxZ largest z
 */
public record Bounds(float minX, float minY, float minZ, float maxX, float maxY, float maxZ) {

  /** The box of no points. */
  public static final Bounds EMPTY =
      new Bounds(
          Float.POSITIVE_INFINITY,
          Float.POSITIVE_INFINITY,
          Float.POSITIVE_INFINITY,
          Float.NEGATIVE_INFINITY,
          Float.NEGATIVE_INFINITY,
          Float.NEGATIVE_INFINITY);

  /**
   * Returns the box of the finite points among the first {@code n} of a packed array; points with
   * a NaN or infinite coordinate are left out.
   *
   * @param xyz packed positions
   * @param n number of points to look at
   * @return the box, or {@link #EMPTY} when no point is finite
   */
  public static Bounds of(float[] xyz, int n) {
    if (n < 0 || 3L * n > xyz.length) {
      throw new IllegalArgumentException(
          "n = " + n + " points do not fit in an array of " + xyz.length + " floats");
    }
    float x0 = Float.POSITIVE_INFINITY, y0 = x0, z0 = x0;
    float x1 = Float.NEGATIVE_INFINITY, y1 = x1, z1 = x1;
    for (int i = 0, o = 0; i < n; i++, o += 3) {
      float x = xyz[o], y = xyz[o + 1], z = xyz[o + 2];
      if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
        continue;
      }
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
    return new Bounds(x0, y0, z0, x1, y1, z1);
  }

  /** Returns true when the box holds no point. */
  public boolean isEmpty() {
    return !(minX <= maxX && minY <= maxY && minZ <= maxZ);
  }

  /**
   * Returns the size of the box along an axis.
   *
   * @param axis 0 for x, 1 for y, 2 for z
   * @return {@code max - min} along that axis
   */
  public float extent(int axis) {
    return switch (axis) {
      case 0 -> maxX - minX;
      case 1 -> maxY - minY;
      case 2 -> maxZ - minZ;
      default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
    };
  }

  /** Returns the minimum corner as {@code {x, y, z}}. */
  public float[] min() {
    return new float[] {minX, minY, minZ};
  }

  /** Returns the maximum corner as {@code {x, y, z}}. */
  public float[] max() {
    return new float[] {maxX, maxY, maxZ};
  }

  /** Returns the centre of the box as {@code {x, y, z}}. */
  public float[] center() {
    return new float[] {(minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2};
  }

  @Override
  public String toString() {
    return isEmpty()
        ? "Bounds[empty]"
        : String.format(
            java.util.Locale.ROOT,
            "Bounds[(%g, %g, %g) .. (%g, %g, %g)]",
            minX, minY, minZ, maxX, maxY, maxZ);
  }
}

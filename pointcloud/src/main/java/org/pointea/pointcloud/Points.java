package org.pointea.pointcloud;

/**
 * Argument checks and small helpers for packed point arrays ({@code x0,y0,z0,x1,...}) shared by the
 * algorithms of this module.
 *
 * <p>Every method throws {@link IllegalArgumentException} with a message naming the argument, so a
 * bad call fails at the boundary instead of deep inside a kernel.
 */
public final class Points {
  private Points() {}

  /**
   * Checks that {@code xyz} holds at least {@code n} packed points.
   *
   * @param xyz packed positions
   * @param n number of points used
   * @param what argument name for the message
   * @throws IllegalArgumentException when {@code n < 0} or the array is too short
   */
  public static void checkPacked(float[] xyz, int n, String what) {
    if (xyz == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (n < 0 || 3L * n > xyz.length) {
      throw new IllegalArgumentException(
          what + ": " + n + " points do not fit in an array of " + xyz.length + " floats");
    }
  }

  /**
   * Checks that the first {@code n} packed points are finite.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param what argument name for the message
   * @throws IllegalArgumentException naming the first point with a NaN or infinite coordinate
   */
  public static void requireFinite(float[] xyz, int n, String what) {
    int bad = firstNonFinite(xyz, n);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          what
              + ": point "
              + bad
              + " is not finite ("
              + xyz[3 * bad]
              + ", "
              + xyz[3 * bad + 1]
              + ", "
              + xyz[3 * bad + 2]
              + "); remove such points first, e.g. with PointCloud.removeNonFinite()");
    }
  }

  /**
   * Returns the index of the first of the {@code n} packed points with a NaN or infinite
   * coordinate, or -1 when all are finite.
   *
   * @param xyz packed positions
   * @param n number of points
   * @return index or -1
   */
  public static int firstNonFinite(float[] xyz, int n) {
    for (int i = 0; i < n; i++) {
      if (!isFinite(xyz, i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns true when point {@code i} has three finite coordinates.
   *
   * @param xyz packed positions
   * @param i point index
   * @return whether it is finite
   */
  public static boolean isFinite(float[] xyz, int i) {
    int o = 3 * i;
    // x - x is 0 for finite x and NaN for NaN or infinite x
    float s = (xyz[o] - xyz[o]) + (xyz[o + 1] - xyz[o + 1]) + (xyz[o + 2] - xyz[o + 2]);
    return s == 0f;
  }

  /**
   * Returns the squared distance between point {@code i} of {@code a} and point {@code j} of
   * {@code b}, computed in float as {@code dx*dx + dy*dy + dz*dz} (the formula every kernel of this
   * module uses, so results compare exactly).
   *
   * @param a packed positions
   * @param i point in {@code a}
   * @param b packed positions
   * @param j point in {@code b}
   * @return squared Euclidean distance
   */
  public static float distance2(float[] a, int i, float[] b, int j) {
    float dx = a[3 * i] - b[3 * j];
    float dy = a[3 * i + 1] - b[3 * j + 1];
    float dz = a[3 * i + 2] - b[3 * j + 2];
    return dx * dx + dy * dy + dz * dz;
  }

  /**
   * Checks a non-negative count.
   *
   * @param value the count
   * @param what argument name
   * @return the value
   */
  public static int checkNonNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
    return value;
  }

  /**
   * Checks that an output buffer has room for {@code needed} values.
   *
   * @param length the buffer's length
   * @param needed values to be written
   * @param what argument name
   */
  public static void checkCapacity(int length, long needed, String what) {
    if (needed > length) {
      throw new IllegalArgumentException(
          what + " needs room for " + needed + " values, has " + length);
    }
  }
}

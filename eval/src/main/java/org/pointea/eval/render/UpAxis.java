package org.pointea.eval.render;

import java.util.Locale;

/**
 * Which world axis points up in the rendered views. ModelNet's resampled text files and
 * ShapeNet-part are y-up; robots, PCL and raw ModelNet OFF meshes are usually z-up.
 */
public enum UpAxis {
  /** +x is up. */
  X,
  /** +y is up (the default: the ShapeNet / ModelNet-resampled convention). */
  Y,
  /** +z is up (ROS, PCL, lidar). */
  Z;

  /** Returns the index of this axis in a packed xyz triple. */
  public int index() {
    return ordinal();
  }

  /**
   * Maps a vector from the view frame (right-handed: {@code l1} horizontal, {@code l2} up,
   * {@code l3} horizontal towards the front viewer) to world coordinates.
   *
   * @param l1 first horizontal component
   * @param l2 up component
   * @param l3 second horizontal component
   * @param dest receives world {@code x, y, z}
   */
  void toWorld(double l1, double l2, double l3, double[] dest) {
    switch (this) {
      case Y -> {
        dest[0] = l1;
        dest[1] = l2;
        dest[2] = l3;
      }
      case Z -> { // front camera on -y, x to the right, z up
        dest[0] = l1;
        dest[1] = -l3;
        dest[2] = l2;
      }
      case X -> { // front camera on -z, y to the right, x up
        dest[0] = l2;
        dest[1] = l1;
        dest[2] = -l3;
      }
      default -> throw new AssertionError(this);
    }
  }

  /**
   * Parses {@code x}, {@code y} or {@code z} (case-insensitive).
   *
   * @param name the axis name
   * @return the axis
   */
  public static UpAxis parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "x" -> X;
      case "y" -> Y;
      case "z" -> Z;
      default -> throw new IllegalArgumentException("up axis must be x, y or z, got '" + name + "'");
    };
  }
}

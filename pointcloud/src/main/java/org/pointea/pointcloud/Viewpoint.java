package org.pointea.pointcloud;

/**
 * The sensor pose a cloud was acquired from: an origin and an orientation quaternion, as PCL keeps
 * in {@code sensor_origin_} / {@code sensor_orientation_} and the PCD {@code VIEWPOINT} line
 * stores ({@code tx ty tz qw qx qy qz}).
 *
 * @param tx origin x
 * @param ty origin y
 * @param tz origin z
 * @param qw quaternion w
 * @param qx quaternion x
 * @param qy quaternion y
 * @param qz quaternion z
 */
public record Viewpoint(
    double tx, double ty, double tz, double qw, double qx, double qy, double qz) {

  /** The identity pose: origin 0, no rotation (PCD's default {@code VIEWPOINT 0 0 0 1 0 0 0}). */
  public static final Viewpoint IDENTITY = new Viewpoint(0, 0, 0, 1, 0, 0, 0);

  /** Validates that every component is finite. */
  public Viewpoint {
    double[] all = {tx, ty, tz, qw, qx, qy, qz};
    for (double v : all) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "viewpoint components must be finite, got " + java.util.Arrays.toString(all));
      }
    }
  }

  /** Returns true for the identity pose. */
  public boolean isIdentity() {
    return equals(IDENTITY);
  }
}

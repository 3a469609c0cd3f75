package org.pointea.pointcloud.segmentation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A plane found by {@link PlaneSegmentation}: the model {@code a x + b y + c z + d = 0} with a unit
 * normal {@code (a, b, c)}, the inlier indices, and how well it fits.
 *
 * @param a normal x
 * @param b normal y
 * @param c normal z
 * @param d offset: {@code -normal · p} for any point p of the plane
 * @param inliers indices of the points within the distance threshold, ascending
 * @param fitness inliers / points
 * @param rmse root mean square distance of the inliers to the plane
 * @param iterations hypotheses evaluated (fewer than asked when the probability bound stopped the
 *     search early)
 */
public record PlaneFit(double a, double b, double c, double d, int[] inliers, double fitness,
    double rmse, int iterations) {

  /** Checks the inliers are present. */
  public PlaneFit {
    Objects.requireNonNull(inliers, "inliers");
  }

  /** Returns the model {@code {a, b, c, d}}. */
  public double[] model() {
    return new double[] {a, b, c, d};
  }

  /** Returns true when no plane was found (fewer than three points off a line). */
  public boolean isEmpty() {
    return inliers.length == 0;
  }

  /**
   * Returns the signed distance of a point to the plane.
   *
   * @param x x
   * @param y y
   * @param z z
   * @return {@code a x + b y + c z + d}
   */
  public double signedDistance(double x, double y, double z) {
    return a * x + b * y + c * z + d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlaneFit p && Arrays.equals(p.model(), model())
        && Arrays.equals(p.inliers, inliers) && p.iterations == iterations;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(model()), Arrays.hashCode(inliers), iterations);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "PlaneFit[%.6fx + %.6fy + %.6fz + %.6f = 0, %d inliers, fitness %.4f, rmse %.6g, %d"
            + " iterations]", a, b, c, d, inliers.length, fitness, rmse, iterations);
  }
}

package org.pointea.pointcloud.registration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of a registration, as Open3D's {@code RegistrationResult}: the transformation that
 * maps the source onto the target, the fraction of source points with a correspondence within
 * the maximum distance ({@code fitness}), and the RMS distance of those correspondences ({@code
 * inlier_rmse}).
 *
 * @param transformation row-major 4x4 ({@link Transforms})
 * @param fitness corresponding source points / source points
 * @param inlierRmse root mean square distance of the correspondences (0 when there are none)
 * @param correspondences pairs {@code source, target}, flattened, in source order
 * @param iterations transformation updates made (0 for an evaluation)
 */
public record RegistrationResult(double[] transformation, double fitness, double inlierRmse,
    int[] correspondences, int iterations) {

  /** Checks the shapes. */
  public RegistrationResult {
    Transforms.check(transformation);
    Objects.requireNonNull(correspondences, "correspondences");
    if (correspondences.length % 2 != 0) {
      throw new IllegalArgumentException("correspondences come in pairs");
    }
    transformation = transformation.clone();
  }

  /** Returns a copy of the transformation. */
  @Override
  public double[] transformation() {
    return transformation.clone();
  }

  /** Returns the number of correspondences. */
  public int correspondenceCount() {
    return correspondences.length / 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistrationResult r && Arrays.equals(r.transformation, transformation)
        && r.fitness == fitness && r.inlierRmse == inlierRmse
        && Arrays.equals(r.correspondences, correspondences) && r.iterations == iterations;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(transformation), fitness, inlierRmse, iterations);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RegistrationResult[fitness %.6f, inlier_rmse %.6g, %d"
        + " correspondences, %d iterations]", fitness, inlierRmse, correspondenceCount(),
        iterations);
  }
}

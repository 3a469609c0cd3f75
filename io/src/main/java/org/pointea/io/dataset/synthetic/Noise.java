package org.pointea.io.dataset.synthetic;

import org.apache.commons.rng.UniformRandomProvider;

/** Gaussian draws for the synthetic generators (Box-Muller, both values used). */
final class Noise {
  private Noise() {}

  /**
   * Adds N(0, sigma^2) to every value.
   *
   * @param values the values, changed in place
   * @param sigma the standard deviation
   * @param rng the generator
   */
  static void jitter(float[] values, double sigma, UniformRandomProvider rng) {
    if (sigma <= 0) {
      return;
    }
    for (int i = 0; i < values.length; i += 2) {
      double u1 = 1 - rng.nextDouble(); // (0, 1]
      double u2 = rng.nextDouble();
      double r = sigma * Math.sqrt(-2 * Math.log(u1));
      values[i] += (float) (r * Math.cos(2 * Math.PI * u2));
      if (i + 1 < values.length) {
        values[i + 1] += (float) (r * Math.sin(2 * Math.PI * u2));
      }
    }
  }
}

package org.pointea.io.dataset.synthetic;

import java.nio.file.Path;
import java.time.Duration;
import org.pointea.io.dataset.DatasetLayout;

/**
 * What a synthetic dataset writer produced.
 *
 * @param root the folder written (the dataset's root, ready for the loaders)
 * @param layout the layout written
 * @param shapes number of shapes
 * @param bytes total size of the files written
 * @param elapsed time taken
 */
public record SynthesisReport(
    Path root, DatasetLayout layout, int shapes, long bytes, Duration elapsed) {

  /** Returns the shapes written per second. */
  public double shapesPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s > 0 ? shapes / s : Double.POSITIVE_INFINITY;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d shapes (%s, %.1f MB) in %.2f s, %.0f shapes/s,"
        + " at %s", shapes, layout.name(), bytes / 1e6, elapsed.toNanos() / 1e9,
        shapesPerSecond(), root);
  }
}

package org.pointea.io;

/**
 * Receives the progress of a long read or write, as Open3D's IO progress callback does.
 *
 * <p>Called from the reading thread with a fraction in {@code [0, 1]}, at most every few megabytes,
 * and once with {@code 1.0} at the end. Implementations should return quickly.
 *
 * <pre>{@code
 * ReadOptions opts = ReadOptions.builder()
 *     .optProgress(f -> System.out.printf("%.0f%%%n", 100 * f)).build();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores every update. */
  ProgressListener NONE = fraction -> {};

  /**
   * Reports progress.
   *
   * @param fraction the part done, in {@code [0, 1]}
   */
  void onProgress(double fraction);
}

package org.pointea.io.dataset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link CachedDataset#prepare(DatasetProgress)} did.
 *
 * @param status whether the cache was read, built, or the data was built without a cache
 * @param reason why it was built ({@code "no cache file yet"}, {@code "the source files
 *     changed"}, ...), or {@code "valid"} when it was read
 * @param cacheFile the cache file, or null without a cache
 * @param layout the layout read
 * @param root the dataset folder
 * @param shapes number of shapes
 * @param elapsed time taken
 */
public record PrepareReport(Status status, String reason, Path cacheFile, DatasetLayout layout,
    Path root, int shapes, Duration elapsed) {

  /** How the samples were obtained. */
  public enum Status {
    /** Read from a valid cache file. */
    LOADED,
    /** Built and written to the cache file. */
    BUILT,
    /** Built in memory; caching was disabled. */
    BUILT_UNCACHED
  }

  /** Returns the cache file, when there is one. */
  public Optional<Path> cache() {
    return Optional.ofNullable(cacheFile);
  }

  @Override
  public String toString() {
    String what = switch (status) {
      case LOADED -> "loaded " + cacheFile;
      case BUILT -> "built " + cacheFile + " (" + reason + ")";
      case BUILT_UNCACHED -> "built in memory (cache disabled)";
    };
    return shapes + " shapes of " + layout.title() + " at " + root + ": " + what + " in "
        + elapsed.toMillis() + " ms";
  }
}

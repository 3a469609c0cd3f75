package org.pointea.tools.cli;

import java.nio.file.Path;
import org.pointea.io.dataset.CachedDataset;

/**
 * The {@code --cache-dir DIR} option of the commands that read datasets: it names the folder of
 * the preprocessing caches through {@link CachedDataset#CACHE_DIR_PROPERTY} for the duration of
 * one command (restored after it, as commands also run in-process in tests and embedders).
 */
final class CacheDirOption {
  private CacheDirOption() {}

  /**
   * Sets the cache folder for the datasets the command opens.
   *
   * @param dir the folder, or null to leave the default
   * @return the previous value of the property, for {@link #restore}
   */
  static String set(Path dir) {
    String previous = System.getProperty(CachedDataset.CACHE_DIR_PROPERTY);
    if (dir != null) {
      System.setProperty(CachedDataset.CACHE_DIR_PROPERTY, dir.toAbsolutePath().toString());
    }
    return previous;
  }

  /**
   * Puts the property back as it was.
   *
   * @param previous what {@link #set} returned
   */
  static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(CachedDataset.CACHE_DIR_PROPERTY);
    } else {
      System.setProperty(CachedDataset.CACHE_DIR_PROPERTY, previous);
    }
  }
}

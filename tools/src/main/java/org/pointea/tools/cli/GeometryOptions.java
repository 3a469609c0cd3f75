package org.pointea.tools.cli;

import java.util.Locale;
import org.pointea.pointcloud.filters.Convention;

/** Argument checks shared by the geometry commands, each failing as a one-line user error. */
final class GeometryOptions {
  private GeometryOptions() {}

  /**
   * Parses {@code --convention}.
   *
   * @param value {@code open3d} or {@code pcl}, any case
   * @return the convention
   */
  static Convention convention(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "open3d" -> Convention.OPEN3D;
      case "pcl" -> Convention.PCL;
      default -> throw new UserException("--convention must be open3d or pcl, got '" + value
          + "'");
    };
  }

  /**
   * Returns an option's value, failing when it is missing.
   *
   * @param value the value or null
   * @param option the option's name
   * @param context what needs it
   * @param <T> the type
   * @return the value
   */
  static <T> T require(T value, String option, String context) {
    if (value == null) {
      throw new UserException(context + " needs " + option);
    }
    return value;
  }

  /**
   * Fails when an option was given where it does not apply.
   *
   * @param value the value or null
   * @param option the option's name
   * @param appliesTo where it applies
   */
  static void forbid(Object value, String option, String appliesTo) {
    if (value != null) {
      throw new UserException(option + " applies to " + appliesTo + " only");
    }
  }

  /**
   * Checks {@code --threads}.
   *
   * @param threads the value
   */
  static void checkThreads(int threads) {
    if (threads < 0) {
      throw new UserException("--threads must be 0 (all) or more, got " + threads);
    }
  }
}

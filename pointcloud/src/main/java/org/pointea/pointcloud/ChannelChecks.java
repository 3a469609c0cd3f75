package org.pointea.pointcloud;

/** Argument checks shared by the channel classes. */
final class ChannelChecks {
  private ChannelChecks() {}

  static String name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("channel name must not be blank");
    }
    return name;
  }

  static int width(String name, int width, int length) {
    if (width < 1) {
      throw new IllegalArgumentException(
          "channel '" + name + "': width must be at least 1, got " + width);
    }
    if (length % width != 0) {
      throw new IllegalArgumentException(
          "channel '" + name + "': " + length + " values are not a multiple of width " + width);
    }
    return width;
  }
}

package org.pointea.eval.render;

import java.util.Locale;

/** What gives a rendered point its colour. */
public enum ColorBy {
  /** Labels if the cloud has them, else its colours, else height. */
  AUTO,
  /** The {@code labels} channel, through the label {@link Palette}. */
  LABEL,
  /** The coordinate along the up axis, through the viridis colour map. */
  HEIGHT,
  /** The {@code normals} channel mapped to RGB as {@code (n + 1) / 2}. */
  NORMAL,
  /** The {@code colors} channel (RGB or RGBA floats in [0, 1]). */
  RGB;

  /**
   * Parses a name as the command line spells it: {@code auto}, {@code label}, {@code height},
   * {@code normal} or {@code rgb} (case-insensitive; {@code labels}, {@code normals} and
   * {@code color} are accepted too).
   *
   * @param name the name
   * @return the value
   * @throws IllegalArgumentException for any other name
   */
  public static ColorBy parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "label", "labels" -> LABEL;
      case "height" -> HEIGHT;
      case "normal", "normals" -> NORMAL;
      case "rgb", "color", "colors" -> RGB;
      default -> throw new IllegalArgumentException(
          "unknown colouring '" + name + "': use label, height, normal, rgb or auto");
    };
  }
}

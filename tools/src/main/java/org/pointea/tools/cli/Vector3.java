package org.pointea.tools.cli;

import picocli.CommandLine;

/**
 * A point or direction given on the command line as {@code X,Y,Z}.
 *
 * @param x first coordinate
 * @param y second coordinate
 * @param z third coordinate
 */
public record Vector3(float x, float y, float z) {

  /** Returns {@code {x, y, z}}. */
  public float[] toArray() {
    return new float[] {x, y, z};
  }

  /** Parses {@code X,Y,Z}: three finite numbers separated by commas. */
  public static final class Converter implements CommandLine.ITypeConverter<Vector3> {
    @Override
    public Vector3 convert(String value) {
      String[] parts = value.split(",", -1);
      if (parts.length != 3) {
        throw new CommandLine.TypeConversionException("expected X,Y,Z (three numbers), got '"
            + value + "'");
      }
      float[] v = new float[3];
      for (int i = 0; i < 3; i++) {
        try {
          v[i] = Float.parseFloat(parts[i].strip());
        } catch (NumberFormatException e) {
          throw new CommandLine.TypeConversionException("'" + parts[i].strip()
              + "' is not a number in '" + value + "'");
        }
        if (!Float.isFinite(v[i])) {
          throw new CommandLine.TypeConversionException("expected finite numbers, got '" + value
              + "'");
        }
      }
      return new Vector3(v[0], v[1], v[2]);
    }
  }
}

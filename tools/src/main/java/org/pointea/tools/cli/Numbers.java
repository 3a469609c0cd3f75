package org.pointea.tools.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/**
 * A list of numbers given on the command line as {@code A,B,C,...} (e.g. box corners, a 4x4
 * matrix); {@code inf} and {@code -inf} stand for the infinities, NaN is refused.
 *
 * @param values the numbers
 */
public record Numbers(double[] values) {

  /** Returns the count. */
  public int size() {
    return values.length;
  }

  /**
   * Returns the values, checking their count.
   *
   * @param option the option's name, for the message
   * @param count the count expected
   * @return the values
   * @throws UserException when the count differs
   */
  public double[] exactly(String option, int count) {
    if (values.length != count) {
      throw new UserException(option + " takes " + count + " comma-separated numbers, got "
          + values.length);
    }
    return values.clone();
  }

  /**
   * Parses numbers separated by commas, or by white space.
   *
   * @param text the text
   * @param what where it came from, for messages
   * @return the numbers
   * @throws IllegalArgumentException naming the first bad number
   */
  public static double[] parse(String text, String what) {
    String[] parts = text.strip().split("[,\\s]+");
    if (parts.length == 1 && parts[0].isEmpty()) {
      throw new IllegalArgumentException(what + ": no numbers");
    }
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].toLowerCase(Locale.ROOT);
      double d;
      if (p.equals("inf") || p.equals("+inf")) {
        d = Double.POSITIVE_INFINITY;
      } else if (p.equals("-inf")) {
        d = Double.NEGATIVE_INFINITY;
      } else {
        try {
          d = Double.parseDouble(p);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(what + ": '" + parts[i] + "' is not a number");
        }
      }
      if (Double.isNaN(d)) {
        throw new IllegalArgumentException(what + ": NaN is not allowed");
      }
      v[i] = d;
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Numbers n && Arrays.equals(n.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }

  /** Parses {@code A,B,...}. */
  public static final class Converter implements CommandLine.ITypeConverter<Numbers> {
    @Override
    public Numbers convert(String value) {
      try {
        return new Numbers(parse(value, "'" + value + "'"));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}

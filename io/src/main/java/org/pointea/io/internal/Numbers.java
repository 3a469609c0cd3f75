package org.pointea.io.internal;

import java.nio.charset.StandardCharsets;

/**
 * Exact decimal parsing from bytes, without building strings on the common path.
 *
 * <p>Numbers with few significant digits and a small exponent (almost every value in point-cloud
 * text files) take an exact fast path: the mantissa and the power of ten are both exactly
 * representable, so one IEEE division or multiplication rounds correctly. Everything else goes
 * through {@link Float#parseFloat} / {@link Double#parseDouble}, which round correctly too. Either
 * way the result is the correctly rounded value, so text written with the shortest round-trip
 * representation reads back bit for bit.
 *
 * <p>Accepted syntax: optional sign, digits with an optional fraction, an optional exponent; and
 * {@code nan}, {@code inf}, {@code infinity} in any case with an optional sign. An instance keeps
 * scratch state: use one per thread.
 */
public final class Numbers {
  private static final float[] POW10F = {
    1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
  };
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  /** Thrown (without a stack trace) when a token is not a number; callers add the position. */
  public static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException() {
      super("not a number", null, false, false);
    }
  }

  private static final SyntaxException SYNTAX = new SyntaxException();

  private static final int FAST = 0;
  private static final int SLOW = 1;
  private static final int NAN = 2;
  private static final int INF = 3;

  private long mantissa;
  private int exponent;
  private boolean negative;

  /**
   * Parses a float from {@code b[s, e)}.
   *
   * @param b bytes
   * @param s first byte
   * @param e end (exclusive)
   * @return the correctly rounded float
   * @throws SyntaxException when the bytes are not a number
   */
  public float parseFloat(byte[] b, int s, int e) throws SyntaxException {
    switch (scan(b, s, e)) {
      case NAN:
        return Float.NaN;
      case INF:
        return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
      case FAST:
        if (mantissa < (1L << 24) && exponent >= -10 && exponent <= 10) {
          float f = (float) mantissa;
          f = exponent >= 0 ? f * POW10F[exponent] : f / POW10F[-exponent];
          return negative ? -f : f;
        }
        break;
      default:
        break;
    }
    return Float.parseFloat(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
  }

  /**
   * Parses a double from {@code b[s, e)}.
   *
   * @param b bytes
   * @param s first byte
   * @param e end (exclusive)
   * @return the correctly rounded double
   * @throws SyntaxException when the bytes are not a number
   */
  public double parseDouble(byte[] b, int s, int e) throws SyntaxException {
    switch (scan(b, s, e)) {
      case NAN:
        return Double.NaN;
      case INF:
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      case FAST:
        if (mantissa < (1L << 53) && exponent >= -22 && exponent <= 22) {
          double d = (double) mantissa;
          d = exponent >= 0 ? d * POW10[exponent] : d / POW10[-exponent];
          return negative ? -d : d;
        }
        break;
      default:
        break;
    }
    return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
  }

  /**
   * Parses an integer from {@code b[s, e)}; a number written with a fraction or an exponent
   * ("44.000000", "1e3") is accepted when its value is a whole number within the long range.
   *
   * @param b bytes
   * @param s first byte
   * @param e end (exclusive)
   * @return the value
   * @throws SyntaxException when the bytes are not a whole number
   */
  public long parseLong(byte[] b, int s, int e) throws SyntaxException {
    int i = s;
    boolean neg = false;
    if (i < e && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    if (i < e && e - i <= 18) {
      long v = 0;
      int j = i;
      for (; j < e; j++) {
        int d = b[j] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        v = v * 10 + d;
      }
      if (j == e) {
        return neg ? -v : v;
      }
    }
    double d = parseDouble(b, s, e);
    if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d) || Math.abs(d) >= 9.2e18) {
      throw SYNTAX;
    }
    return (long) d;
  }

  private int scan(byte[] b, int s, int e) throws SyntaxException {
    int i = s;
    negative = false;
    if (i < e && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i < e && (b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z') {
      return special(b, i, e);
    }
    long m = 0;
    int digits = 0;
    int exp = 0;
    boolean any = false;
    boolean slow = false;
    for (; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      any = true;
      if (digits < 18) {
        if (m != 0 || d != 0) {
          m = m * 10 + d;
          digits++;
        }
      } else {
        exp++;
        slow |= d != 0;
      }
    }
    if (i < e && b[i] == '.') {
      i++;
      for (; i < e; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        any = true;
        if (digits < 18) {
          if (m != 0 || d != 0) {
            m = m * 10 + d;
            digits++;
          }
          exp--;
        } else {
          slow |= d != 0;
        }
      }
    }
    if (!any) {
      throw SYNTAX;
    }
    if (i < e && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean eneg = false;
      if (i < e && (b[i] == '-' || b[i] == '+')) {
        eneg = b[i] == '-';
        i++;
      }
      if (i == e) {
        throw SYNTAX;
      }
      int x = 0;
      for (; i < e; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          throw SYNTAX;
        }
        if (x < 100000) {
          x = x * 10 + d;
        }
      }
      exp += eneg ? -x : x;
    }
    if (i != e) {
      throw SYNTAX;
    }
    mantissa = m;
    exponent = exp;
    return slow ? SLOW : FAST;
  }

  private int special(byte[] b, int i, int e) throws SyntaxException {
    int n = e - i;
    if (n == 3 && lower(b, i, "nan")) {
      return NAN;
    }
    if (n == 3 && lower(b, i, "inf") || n == 8 && lower(b, i, "infinity")) {
      return INF;
    }
    throw SYNTAX;
  }

  private static boolean lower(byte[] b, int i, String word) {
    for (int k = 0; k < word.length(); k++) {
      if ((b[i + k] | 0x20) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}

package org.pointea.io;

/**
 * Makes text that came from a file safe to print as one terminal line: line breaks, tabs, control
 * characters (C0, DEL, C1), unpaired surrogates and the Unicode line and paragraph separators
 * become escapes: {@code \n}, {@code \r}, {@code \t}, {@code \x1b} up to U+00FF, a four-digit
 * {@code \}{@code u} escape above. Backslashes are kept as they are (Windows paths stay readable).
 *
 * <pre>{@code
 * Printable.escape("bad\nvalue\033[2J");   // "bad\\nvalue\\x1b[2J"
 * }</pre>
 */
public final class Printable {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Printable() {}

  /**
   * Returns {@code text} with every character that is not printable on one line escaped.
   *
   * @param text any text, or null
   * @return the escaped text ({@code "null"} for null)
   */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSafe(text, i)) {
        sb.append(c);
        if (Character.isHighSurrogate(c)) {
          sb.append(text.charAt(++i));
        }
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x100) {
            sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
          } else {
            sb.append("\\u");
            for (int s = 12; s >= 0; s -= 4) {
              sb.append(HEX[(c >> s) & 15]);
            }
          }
        }
      }
    }
    return sb.toString();
  }

  /**
   * Returns true when {@code text} prints as one line as it is (nothing to escape).
   *
   * @param text the text
   * @return whether {@link #escape} would return it unchanged
   */
  public static boolean isPrintable(String text) {
    return text != null && firstUnsafe(text) < 0;
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isSafe(text, i)) {
        return i;
      }
      if (Character.isHighSurrogate(text.charAt(i))) {
        i++;
      }
    }
    return -1;
  }

  private static boolean isSafe(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029) {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return !Character.isLowSurrogate(c);
  }
}

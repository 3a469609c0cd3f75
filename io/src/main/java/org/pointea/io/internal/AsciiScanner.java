package org.pointea.io.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.pointea.io.PointCloudFormatException;

/**
 * Reads whitespace-separated tokens from a region of an {@link Input}, tracking line numbers and
 * byte offsets for error messages; streams through a fixed buffer, so any file size works.
 *
 * <p>Whitespace is space, tab, form feed and vertical tab; {@code \n}, {@code \r\n} and a lone
 * {@code \r} (classic Mac OS, some CSV exporters) each end one line. An optional
 * comment byte ({@code #}) hides the rest of its line. An optional extra delimiter (a comma) also
 * separates tokens. Two styles of use: line by line ({@link #nextLine()}, {@link #hasToken()}) for
 * PCD, OFF and text; as one token stream ({@code next()}) for PLY.
 */
public final class AsciiScanner {
  private static final int MAX_TOKEN = 1 << 18;

  private final Input in;
  private final long end;
  private final byte comment;
  private final byte delimiter;
  private final Numbers numbers = new Numbers();
  private final byte[] buf = new byte[MAX_TOKEN];
  private long bufBase;
  private long filePos;
  private int pos;
  private int lim;
  private long line;
  private int tokStart;
  private int tokEnd;
  private boolean lineStarted;

  /**
   * Scans {@code [start, end)} of an input.
   *
   * @param in the input
   * @param start first byte
   * @param firstLine line number of the first byte
   * @param comment comment byte, or 0 for none
   * @param delimiter extra token separator (such as ','), or 0 for whitespace only
   */
  public AsciiScanner(Input in, long start, long firstLine, byte comment, byte delimiter) {
    this.in = in;
    this.end = in.size();
    this.bufBase = start;
    this.filePos = start;
    this.line = firstLine;
    this.comment = comment;
    this.delimiter = delimiter;
  }

  /** Returns the line number at the scanner's position. */
  public long line() {
    return line;
  }

  /** Returns the byte offset of the scanner's position. */
  public long offset() {
    return bufBase + pos;
  }

  /** Returns the byte offset of the last token read. */
  public long tokenOffset() {
    return bufBase + tokStart;
  }

  /** Returns a fraction of the input consumed, for progress reports. */
  public double fraction() {
    return end == 0 ? 1 : (double) offset() / end;
  }

  private boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    if (filePos >= end) {
      return false;
    }
    // keep the bytes of a token in progress [tokStart, lim); callers set tokStart = pos otherwise
    int keep = lim - tokStart;
    if (keep >= buf.length) {
      throw in.error(line, bufBase + tokStart, "token longer than " + MAX_TOKEN + " bytes");
    }
    if (keep > 0 && tokStart > 0) {
      System.arraycopy(buf, tokStart, buf, 0, keep);
    }
    bufBase += tokStart;
    tokEnd -= tokStart;
    tokStart = 0;
    int n = in.read(filePos, buf, keep, buf.length - keep);
    filePos += n;
    pos = keep;
    lim = keep + n;
    return n > 0;
  }

  private boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\f' || c == 0x0B || c == delimiter;
  }

  private static boolean isLineEnd(byte c) {
    return c == '\n' || c == '\r';
  }

  /** Consumes the line terminator at {@code pos} ({@code \n}, {@code \r\n} or {@code \r}). */
  private void consumeLineEnd() throws IOException {
    byte c = buf[pos++];
    line++;
    if (c == '\r') {
      tokStart = pos;
      if (fill() && buf[pos] == '\n') {
        pos++;
      }
    }
  }

  /**
   * Skips the rest of the current line (including any comment) and moves to the next line that
   * holds a token; blank and comment-only lines are skipped.
   *
   * @return false at the end of the input
   * @throws IOException on a read error
   */
  public boolean nextLine() throws IOException {
    if (lineStarted) {
      skipRestOfLine();
    }
    while (true) {
      tokStart = pos;
      if (!fill()) {
        lineStarted = false;
        return false;
      }
      byte c = buf[pos];
      if (isLineEnd(c)) {
        consumeLineEnd();
      } else if (isSpace(c)) {
        pos++;
      } else if (c == comment && comment != 0) {
        skipRestOfLine();
      } else {
        lineStarted = true;
        return true;
      }
    }
  }

  /**
   * Moves past the end of the current line.
   *
   * @throws IOException on a read error
   */
  public void skipRestOfLine() throws IOException {
    while (true) {
      tokStart = pos;
      if (!fill()) {
        break;
      }
      if (isLineEnd(buf[pos])) {
        consumeLineEnd();
        break;
      }
      pos++;
    }
    lineStarted = false;
  }

  /**
   * Returns true when another token follows on the current line (skipping blanks and stopping at a
   * comment or the line end).
   *
   * @return whether a token follows
   * @throws IOException on a read error
   */
  public boolean hasToken() throws IOException {
    while (true) {
      tokStart = pos;
      if (!fill()) {
        return false;
      }
      byte c = buf[pos];
      if (isLineEnd(c) || (c == comment && comment != 0)) {
        return false;
      }
      if (!isSpace(c)) {
        return true;
      }
      pos++;
    }
  }

  /**
   * Reads the next token on the current line into the token window.
   *
   * @param what what the token should be, for the message
   * @throws IOException on a read error, or a format error when the line has no more tokens
   */
  public void token(String what) throws IOException {
    if (!hasToken()) {
      throw in.error(line, offset(), "expected " + what + " but the line ends");
    }
    readToken();
  }

  /**
   * Reads the next token anywhere ahead (crossing lines, skipping comments).
   *
   * @param what what the token should be, for the message
   * @throws IOException on a read error, or a format error at the end of the input
   */
  public void next(String what) throws IOException {
    while (!hasToken()) {
      tokStart = pos;
      if (!fill()) {
        throw in.error(line, offset(), "expected " + what + " but the input ends");
      }
      skipRestOfLine();
    }
    readToken();
  }

  /**
   * Returns true when a token follows anywhere ahead (crossing lines).
   *
   * @return whether any token remains
   * @throws IOException on a read error
   */
  public boolean hasNext() throws IOException {
    while (!hasToken()) {
      tokStart = pos;
      if (!fill()) {
        return false;
      }
      skipRestOfLine();
    }
    return true;
  }

  private void readToken() throws IOException {
    tokStart = pos;
    while (true) {
      if (pos >= lim) {
        if (!fill()) {
          break;
        }
      }
      byte c = buf[pos];
      if (isLineEnd(c) || isSpace(c) || (c == comment && comment != 0)) {
        break;
      }
      pos++;
    }
    tokEnd = pos;
  }

  /** Returns the current token as a string (for messages and keywords). */
  public String text() {
    int n = Math.min(tokEnd - tokStart, 64);
    String s = new String(buf, tokStart, n, StandardCharsets.ISO_8859_1);
    return n < tokEnd - tokStart ? s + "..." : s;
  }

  /**
   * Returns true when the current token equals a word (case-insensitive ASCII).
   *
   * @param word the word
   * @return whether they match
   */
  public boolean tokenIs(String word) {
    if (tokEnd - tokStart != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (Character.toLowerCase((char) (buf[tokStart + i] & 0xFF))
          != Character.toLowerCase(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses the current token as a float.
   *
   * @param what what it is, for the message
   * @return the value
   * @throws PointCloudFormatException when it is not a number
   */
  public float parseFloat(String what) throws PointCloudFormatException {
    try {
      return numbers.parseFloat(buf, tokStart, tokEnd);
    } catch (Numbers.SyntaxException e) {
      throw bad(what);
    }
  }

  /**
   * Parses the current token as a double.
   *
   * @param what what it is, for the message
   * @return the value
   * @throws PointCloudFormatException when it is not a number
   */
  public double parseDouble(String what) throws PointCloudFormatException {
    try {
      return numbers.parseDouble(buf, tokStart, tokEnd);
    } catch (Numbers.SyntaxException e) {
      throw bad(what);
    }
  }

  /**
   * Parses the current token as a whole number.
   *
   * @param what what it is, for the message
   * @return the value
   * @throws PointCloudFormatException when it is not a whole number
   */
  public long parseLong(String what) throws PointCloudFormatException {
    try {
      return numbers.parseLong(buf, tokStart, tokEnd);
    } catch (Numbers.SyntaxException e) {
      throw bad(what);
    }
  }

  /**
   * Parses the current token as a whole number within {@code [min, max]}.
   *
   * @param what what it is, for the message
   * @param min smallest allowed
   * @param max largest allowed
   * @return the value
   * @throws PointCloudFormatException when it is not a whole number in range
   */
  public long parseLong(String what, long min, long max) throws PointCloudFormatException {
    long v = parseLong(what);
    if (v < min || v > max) {
      throw error(what + " " + v + " is outside [" + min + ", " + max + "]");
    }
    return v;
  }

  /** Returns a format error at the current token. */
  public PointCloudFormatException error(String detail) {
    return in.error(line, tokenOffset(), detail);
  }

  private PointCloudFormatException bad(String what) {
    return error("expected " + what + ", got '" + printable(text()) + "'");
  }

  /**
   * Returns a string with control and non-ASCII characters escaped, for messages.
   *
   * @param s the text
   * @return the escaped text
   */
  public static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        sb.append(c);
      } else {
        sb.append(String.format("\\x%02X", (int) c & 0xFF));
      }
    }
    return sb.toString();
  }
}

package org.pointea.io;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * A file's content does not follow its format: the message names the file and, where known, the
 * line (text formats) and byte offset at which reading stopped.
 *
 * <p>The message is always one printable line: whatever the file name or the detail holds (bytes
 * copied from a file, a library's multi-line message) is escaped with {@link Printable#escape}.
 *
 * <pre>{@code
 * try {
 *   PointCloud cloud = PointCloudIO.read(path);
 * } catch (PointCloudFormatException e) {
 *   System.err.println(e.getMessage());   // "scan.pcd: line 14, byte 402: expected 4 values, got 3"
 *   long where = e.byteOffset().orElse(-1);
 * }
 * }</pre>
 */
public class PointCloudFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final long byteOffset;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param source the file (or stream) name
   * @param line 1-based line number, or -1 when not a text position
   * @param byteOffset 0-based byte offset, or -1 when unknown
   * @param detail what is wrong
   */
  public PointCloudFormatException(String source, long line, long byteOffset, String detail) {
    this(source, line, byteOffset, detail, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param source the file (or stream) name
   * @param line 1-based line number, or -1 when not a text position
   * @param byteOffset 0-based byte offset, or -1 when unknown
   * @param detail what is wrong
   * @param cause the underlying error, or null
   */
  public PointCloudFormatException(
      String source, long line, long byteOffset, String detail, Throwable cause) {
    super(format(source, line, byteOffset, detail), cause);
    this.source = source;
    this.line = line;
    this.byteOffset = byteOffset;
    this.detail = detail;
  }

  private static String format(String source, long line, long offset, String detail) {
    StringBuilder sb = new StringBuilder(source == null ? "<unnamed>" : Printable.escape(source))
        .append(": ");
    if (line > 0) {
      sb.append("line ").append(line);
      sb.append(offset >= 0 ? ", byte " + offset : "").append(": ");
    } else if (offset >= 0) {
      sb.append("byte ").append(offset).append(": ");
    }
    return sb.append(Printable.escape(detail)).toString();
  }

  /** Returns the name of the file or stream being read. */
  public String source() {
    return source;
  }

  /** Returns the 1-based line number, when the error is at a text position. */
  public OptionalLong line() {
    return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
  }

  /** Returns the 0-based byte offset, when known. */
  public OptionalLong byteOffset() {
    return byteOffset >= 0 ? OptionalLong.of(byteOffset) : OptionalLong.empty();
  }

  /** Returns the description of the problem, without the position prefix. */
  public String detail() {
    return detail;
  }
}

package org.pointea.eval.report;

import java.io.IOException;
import java.nio.file.Path;

/** A per-epoch metrics file that cannot be read: names the file and the 1-based line. */
public final class HistoryFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;

  /**
   * Creates the exception.
   *
   * @param file the file
   * @param line the 1-based line number
   * @param problem what is wrong
   */
  public HistoryFormatException(Path file, long line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  /** Returns the file. */
  public Path file() {
    return file;
  }

  /** Returns the 1-based line number. */
  public long line() {
    return line;
  }
}

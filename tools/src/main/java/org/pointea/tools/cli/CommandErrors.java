package org.pointea.tools.cli;

import java.io.UncheckedIOException;

/** Turns the training commands' expected failures into one-line {@link UserException}s. */
final class CommandErrors {
  private CommandErrors() {}

  /**
   * A user error carrying the first line of the failure's message (a dataset that is not found
   * explains at length where to get it; the command line shows the first line).
   *
   * @param e an {@code IOException}, {@code UncheckedIOException} or {@code IllegalArgumentException}
   * @return the exception to throw
   */
  static UserException user(Exception e) {
    Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    if (t instanceof org.pointea.io.dataset.DatasetNotFoundException d) {
      return new UserException(Errors.datasetLine("pointea", d), e);
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return new UserException((nl < 0 ? m : m.substring(0, nl)).strip(), e);
  }
}

package org.pointea.tools.cli;

/**
 * A failure caused by the user's input (bad option value, unreadable file): the command prints
 * the message without a stack trace and exits with {@link ExitCodes#USER_ERROR}.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public UserException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying error
   */
  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}

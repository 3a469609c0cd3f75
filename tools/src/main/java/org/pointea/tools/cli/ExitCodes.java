package org.pointea.tools.cli;

/** The exit codes of every {@code pointea} command. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Success. */
  public static final int OK = 0;

  /** The user's mistake: bad arguments, missing or malformed input. */
  public static final int USER_ERROR = 1;

  /** A bug or an environment failure: anything unexpected. */
  public static final int INTERNAL_ERROR = 2;
}

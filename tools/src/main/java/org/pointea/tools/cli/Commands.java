package org.pointea.tools.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Helpers every subcommand uses: the global {@code --verbose} flag and the stderr log. */
public final class Commands {
  private Commands() {}

  /** Implemented by the root command, which owns the global options. */
  public interface GlobalOptions {
    /** Returns true when {@code --verbose} was given (anywhere on the command line). */
    boolean verbose();
  }

  /**
   * Returns true when {@code --verbose} was given.
   *
   * @param spec the running command's spec
   * @return the flag
   */
  public static boolean verbose(CommandLine.Model.CommandSpec spec) {
    return spec.root().userObject() instanceof GlobalOptions g && g.verbose();
  }

  /**
   * Prints a progress or summary line on stderr (results go to stdout).
   *
   * @param spec the running command's spec
   * @param line the message, without the command prefix
   */
  public static void log(CommandLine.Model.CommandSpec spec, String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(line);
    err.flush();
  }
}

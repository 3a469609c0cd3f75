package org.pointea.tools;

import java.io.PrintWriter;
import org.pointea.tools.cli.BenchCommand;
import org.pointea.tools.cli.DemoCommand;
import org.pointea.tools.cli.ExitCodes;
import org.pointea.tools.cli.UserException;
import org.pointea.tools.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pointea} command line: point clouds with linear attention.
 *
 * <p>Exit codes: {@value ExitCodes#OK} success, {@value ExitCodes#USER_ERROR} user error (bad
 * arguments, unreadable input: a {@link UserException} or a picocli usage error), {@value
 * ExitCodes#INTERNAL_ERROR} internal error (any other exception). Results go to stdout; logs and
 * progress to stderr.
 *
 * <p>To add a subcommand: write a {@code Callable<Integer>} class annotated with {@code @Command}
 * in {@code org.pointea.tools.cli} and list it in {@code subcommands} below.
 */
@Command(
    name = "pointea",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Point clouds with linear attention: sample, group, train and evaluate.",
    subcommands = {DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Pointea implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // no subcommand: show the usage and fail as a user error
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command");
  }

  /**
   * Returns a configured command line (exit-code mapping included), for {@link #main} and tests.
   *
   * @param out where results go
   * @param err where errors go
   * @return the command line
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Pointea());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("pointea: " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          }
          return ExitCodes.USER_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof UserException) {
            c.getErr().println("pointea: " + ex.getMessage());
            return ExitCodes.USER_ERROR;
          }
          c.getErr().println("pointea: internal error: " + ex);
          ex.printStackTrace(c.getErr());
          return ExitCodes.INTERNAL_ERROR;
        });
    return cli;
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }
}

package org.pointea.tools;

import java.io.PrintWriter;
import org.pointea.tools.cli.BenchCommand;
import org.pointea.tools.cli.Commands;
import org.pointea.tools.cli.ConvertCommand;
import org.pointea.tools.cli.DatasetCommand;
import org.pointea.tools.cli.DemoCommand;
import org.pointea.tools.cli.Errors;
import org.pointea.tools.cli.EvalCommand;
import org.pointea.tools.cli.PredictCommand;
import org.pointea.tools.cli.TrainCommand;
import org.pointea.tools.cli.ViewCommand;
import org.pointea.tools.cli.ExitCodes;
import org.pointea.tools.cli.InfoCommand;
import org.pointea.tools.cli.Logging;
import org.pointea.tools.cli.MetricsCommand;
import org.pointea.tools.cli.NormalsCommand;
import org.pointea.tools.cli.RenderCommand;
import org.pointea.tools.cli.SampleCommand;
import org.pointea.tools.cli.UserException;
import org.pointea.tools.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code pointea} command line: point clouds with linear attention.
 *
 * <p>Exit codes: {@value ExitCodes#OK} success, {@value ExitCodes#USER_ERROR} user error (bad
 * arguments, a missing, unreadable or malformed file: a {@link UserException}, an
 * {@code IOException} or a picocli usage error), {@value ExitCodes#INTERNAL_ERROR} internal error
 * (any other exception). Results go to stdout; logs and progress to stderr. Errors are one line,
 * {@code pointea <command>: <file>: <what>}, with the stack trace only under {@code --verbose}
 * ({@link Errors}).
 *
 * <p>To add a subcommand: write a {@code Callable<Integer>} class annotated with {@code @Command}
 * (with {@code mixinStandardHelpOptions = true}) in {@code org.pointea.tools.cli} and list it in
 * {@code subcommands} below. Throw {@link UserException} for the user's mistakes and let
 * {@code IOException}s propagate. Keep ND4J types out of the command class's fields and method
 * signatures: picocli loads every subcommand class to build the command line, and a command such
 * as {@code info} must start without loading ND4J (the test {@code StartupTest} checks it); call
 * into the models module from inside {@code call()}.
 */
@Command(
    name = "pointea",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Point clouds with linear attention: inspect, convert, sample, render, train, evaluate,"
            + " predict and score.",
    subcommands = {
      InfoCommand.class,
      ConvertCommand.class,
      SampleCommand.class,
      NormalsCommand.class,
      RenderCommand.class,
      DatasetCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      PredictCommand.class,
      MetricsCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      ViewCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Pointea implements Runnable, Commands.GlobalOptions {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private boolean verbose;

  /**
   * Sets {@code --verbose}; inherited by every subcommand, so it may come before or after the
   * command name.
   *
   * @param verbose whether to print stack traces and INFO logs
   */
  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors, and INFO logs.")
  public void setVerbose(boolean verbose) {
    this.verbose = verbose;
    Logging.verbose(verbose);
  }

  @Override
  public boolean verbose() {
    return verbose;
  }

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
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    shareVersion(cli);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          }
          c.getErr().flush();
          return ExitCodes.USER_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> Errors.report(c.getCommandSpec().qualifiedName(), ex, c.getErr(),
            Commands.verbose(c.getCommandSpec())));
    return cli;
  }

  /** Gives every subcommand the root's {@code --version} text. */
  private static void shareVersion(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommandSpec().versionProvider() == null
          && sub.getCommandSpec().version().length == 0) {
        sub.getCommandSpec().versionProvider(new VersionProvider());
      }
      shareVersion(sub);
    }
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    // rendering and plots use Java2D; never look for a display
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = commandLine(out, err).execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // errors picocli does not route to the handler
      code = Errors.report("pointea", e, err, false);
    }
    out.flush();
    err.flush();
    System.exit(code);
  }
}

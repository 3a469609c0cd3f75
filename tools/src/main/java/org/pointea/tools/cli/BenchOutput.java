package org.pointea.tools.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs a benchmark runner that prints to a {@link PrintStream} and copies what it printed to the
 * command's stdout (which tests capture), once it has finished.
 */
final class BenchOutput {
  private BenchOutput() {}

  /** A runner writing its results to {@code out}. */
  @FunctionalInterface
  interface Runner {
    void run(PrintStream out) throws Exception;
  }

  static void run(CommandLine.Model.CommandSpec spec, Runner runner) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      runner.run(ps);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(buffer.toString(StandardCharsets.UTF_8));
    out.flush();
  }
}

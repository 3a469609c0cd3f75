package org.pointea.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pointea bench <area>}: the benchmark runners, one subcommand per area. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure speed; compare with the peer scripts in tools/peers/.",
    subcommands = {BenchCoreCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing an area (core)");
  }
}

package org.pointea.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pointea metrics cls|partseg|semseg}: score saved predictions. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = "Score predictions saved as NPY arrays or labelled clouds (cls, partseg, semseg).",
    subcommands = {MetricsClsCommand.class, MetricsPartsegCommand.class, MetricsSemsegCommand.class})
public final class MetricsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a task (cls, partseg, semseg)");
  }
}

package org.pointea.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pointea dataset synth|describe|prepare}: ModelNet, ShapeNet-part and scene folders. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Generate, describe and prepare ModelNet / ShapeNet-part / scene datasets.",
    subcommands = {DatasetSynthCommand.class, DatasetDescribeCommand.class,
        DatasetPrepareCommand.class})
public final class DatasetCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing a command (synth, describe, prepare)");
  }
}

package org.pointea.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pointea bench <area>}: the benchmark runners, one subcommand per area. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure speed against the peers (core, geometry, io, robotics, eval, model, predict, scale, scene).",
      "",
      "Measure speed, with the peers (Open3D, SciPy, scikit-learn, matplotlib, laspy,",
      "python3-rosbag, PyTorch, @mcap/core; scripts in tools/peers/) side by side",
      "where they are installed."
    },
    subcommands = {
      BenchCoreCommand.class,
      BenchGeometryCommand.class,
      BenchIoCommand.class,
      BenchRoboticsCommand.class,
      BenchEvalCommand.class,
      BenchModelCommand.class,
      BenchPredictCommand.class,
      BenchScaleCommand.class,
      BenchSceneCommand.class
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing an area (core, geometry, io, robotics, eval, model, predict, scale, scene)");
  }
}

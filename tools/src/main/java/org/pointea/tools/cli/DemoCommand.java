package org.pointea.tools.cli;

import java.util.concurrent.Callable;
import org.pointea.tools.demo.CoreDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea demo}: the core on a generated scene, with timings and self-checks. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the point-cloud core on a generated scene, with timings and checks.",
      "Generates a cube, a sphere and a floor, then runs FPS, voxel grid, kNN, normals,",
      "augmentations and PCT grouping on it, printing counts, timings and a check per step.",
      "Exit code 2 if a check fails."
    })
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--points", defaultValue = "8192", description = "Points in the scene (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (points < 1024 || points > 10_000_000) {
      throw new UserException("--points must be in [1024, 10000000], got " + points);
    }
    CoreDemo.Report report = CoreDemo.run(points, seed);
    spec.commandLine().getOut().print(report.text());
    spec.commandLine().getOut().flush();
    return report.allPassed() ? ExitCodes.OK : ExitCodes.INTERNAL_ERROR;
  }
}

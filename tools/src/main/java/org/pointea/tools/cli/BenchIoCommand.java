package org.pointea.tools.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pointea.tools.bench.IoBench;
import org.pointea.tools.bench.Peers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench io}: runs {@link IoBench}. */
@Command(
    name = "io",
    mixinStandardHelpOptions = true,
    description = {
      "Read/write throughput of PLY and PCD against Open3D.",
      "",
      "Read and write throughput of binary PLY and PCD, positions only and with",
      "normals and colours, against Open3D's read_point_cloud / write_point_cloud on",
      "the same files, interleaved (tools/peers/io_open3d.py; pointea alone when",
      "Open3D is missing). The default 10M points need about 4 GB of heap:",
      "POINTEA_JAVA_OPTS=-Xmx8g."
    })
public final class BenchIoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--points", defaultValue = "10000000", description = "Points per cloud "
      + "(default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--reps", defaultValue = "5", description = "Measured repetitions (default: "
      + "${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--dir", paramLabel = "DIR", description = "Scratch folder for the files "
      + "(default: <tmp>/pointea-iobench).")
  Path dir;

  @Option(names = "--no-peer", description = "Measure pointea only.")
  boolean noPeer;

  @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
      description = "Python with Open3D (default: ${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() throws Exception {
    if (points < 1 || reps < 1) {
      throw new UserException("--points and --reps must be at least 1");
    }
    List<String> args = new ArrayList<>(List.of("--points", Integer.toString(points), "--reps",
        Integer.toString(reps), "--python", python));
    if (dir != null) {
      args.addAll(List.of("--dir", dir.toString()));
    }
    if (json) {
      args.add("--json");
    }
    if (noPeer) {
      args.add("--no-peer");
    }
    BenchOutput.run(spec, out -> IoBench.run(args.toArray(String[]::new), out, System.err));
    return ExitCodes.OK;
  }
}

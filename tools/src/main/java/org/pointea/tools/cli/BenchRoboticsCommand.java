package org.pointea.tools.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pointea.tools.bench.Peers;
import org.pointea.tools.bench.RoboticsBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench robotics}: runs {@link RoboticsBench}. */
@Command(
    name = "robotics",
    mixinStandardHelpOptions = true,
    description = {
      "Bag and LAS throughput against python3-rosbag, @mcap/core and laspy.",
      "",
      "Reads every frame of a 64 x 1024 lidar topic from ROS 1 bags (none, lz4, bz2),",
      "MCAP (none, zstd, lz4) and a rosbag2 .db3, decoding every field, against",
      "python3-rosbag + NumPy, @mcap/core under Node and sqlite3 + NumPy; reads and",
      "writes LAS 1.2 / 1.4 against laspy 2.5.4 (POINTEA_LASPY=/path/to/laspy source).",
      "Interleaved, medians. The bags are written by their real writers on the first",
      "run (tools/peers/bags_make.py; `npm ci` in tools/peers/mcap)."
    })
public final class BenchRoboticsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--frames", defaultValue = "60", description = "Lidar frames per bag "
      + "(default: ${DEFAULT-VALUE}; 3.1 MB each).")
  int frames;

  @Option(names = "--las-points", defaultValue = "5000000", description = "Points of the LAS "
      + "files (default: ${DEFAULT-VALUE}).")
  int lasPoints;

  @Option(names = "--reps", defaultValue = "3", description = "Measured repetitions (default: "
      + "${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--dir", paramLabel = "DIR", description = "Folder of the bags (default: "
      + "<tmp>/pointea-robotics-bench); written when missing.")
  Path dir;

  @Option(names = "--no-peer", description = "Measure pointea only.")
  boolean noPeer;

  @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
      description = "Python with python3-rosbag and NumPy (default: ${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() throws Exception {
    if (frames < 1 || lasPoints < 1 || reps < 1) {
      throw new UserException("--frames, --las-points and --reps must be at least 1");
    }
    List<String> args = new ArrayList<>(List.of("--frames", Integer.toString(frames),
        "--las-points", Integer.toString(lasPoints), "--reps", Integer.toString(reps),
        "--python", python));
    if (dir != null) {
      args.addAll(List.of("--dir", dir.toString()));
    }
    if (json) {
      args.add("--json");
    }
    if (noPeer) {
      args.add("--no-peer");
    }
    BenchOutput.run(spec, out -> RoboticsBench.run(args.toArray(String[]::new), out, System.err));
    return ExitCodes.OK;
  }
}

package org.pointea.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pointea.tools.bench.EvalBench;
import org.pointea.tools.bench.Peers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench eval}: runs {@link EvalBench}. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Speed of metrics and rendering against numpy, scikit-learn, matplotlib.",
      "",
      "Speed of the eval module against its Python peers, interleaved: ShapeNet-part",
      "mIoU from logits and part ids (numpy PointNet++ / yanx27 loop), classification",
      "metrics (scikit-learn), rendering to PNG (matplotlib).",
      "tools/peers/eval_peer.py; pointea alone when the peers are missing."
    })
public final class BenchEvalCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--shapes", defaultValue = "2874", description = "ShapeNet-part shapes "
      + "(default: ${DEFAULT-VALUE}, the test split).")
  int shapes;

  @Option(names = "--points", defaultValue = "2048", description = "Points per shape (default: "
      + "${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--samples", defaultValue = "1000000", description = "Classification samples "
      + "(default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--render-points", defaultValue = "10000", description = "Points rendered "
      + "(default: ${DEFAULT-VALUE}).")
  int renderPoints;

  @Option(names = "--rounds", defaultValue = "5", description = "Interleaved rounds (default: "
      + "${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--no-peer", description = "Measure pointea only.")
  boolean noPeer;

  @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
      description = "Python with numpy, scikit-learn and matplotlib (default: "
          + "${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() throws Exception {
    if (shapes < 1 || points < 1 || samples < 1 || renderPoints < 1 || rounds < 1) {
      throw new UserException("--shapes, --points, --samples, --render-points and --rounds must"
          + " be at least 1");
    }
    List<String> args = new ArrayList<>(List.of(
        "--shapes", Integer.toString(shapes), "--points", Integer.toString(points),
        "--samples", Integer.toString(samples), "--render-points", Integer.toString(renderPoints),
        "--rounds", Integer.toString(rounds)));
    if (json) {
      args.add("--json");
    }
    if (noPeer) {
      args.add("--no-peer");
    } else {
      args.addAll(List.of("--python", python));
    }
    BenchOutput.run(spec, out -> EvalBench.run(args.toArray(String[]::new), out, System.err));
    return ExitCodes.OK;
  }
}

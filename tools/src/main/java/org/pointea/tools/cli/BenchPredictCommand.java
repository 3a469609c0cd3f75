package org.pointea.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pointea.tools.bench.Peers;
import org.pointea.tools.bench.PredictBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench predict}: runs {@link PredictBench}, and its PyTorch peer. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Single-cloud inference latency (p50 / p99) against PyTorch.",
      "",
      "The whole Predictor call a user makes (sampling, normalisation, grouping, the",
      "network, top-5 or part labels for every input point), warm JVM, on three",
      "cases: cls-light (light classifier, 1,024 points in), cls-full (PCT as",
      "published, 1,024 points in), seg-10k (PCT part segmentation as published,",
      "10,000 points in). tools/peers/predict_pytorch.py does the same work in",
      "PyTorch, call by call interleaved with pointea (ours, peer, peer, ours, ...);",
      "the ratio is PyTorch's time over pointea's (above 1: pointea is faster)."
    })
public final class BenchPredictCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--case", paramLabel = "NAME", description = "Run only this case "
      + "(repeatable): ${COMPLETION-CANDIDATES}.", completionCandidates = CaseNames.class)
  List<String> cases;

  /** The case names, for help and completion. */
  static final class CaseNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    CaseNames() {
      super(PredictBench.CASES);
    }
  }

  @Option(names = "--iterations", defaultValue = "200", description = "Measured calls per case "
      + "and side (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", defaultValue = "20", description = "Unmeasured calls first "
      + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--no-peer", description = "Measure pointea only.")
  boolean noPeer;

  @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
      description = "Python with torch, numpy and scipy (default: ${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() throws Exception {
    if (iterations < 1) {
      throw new UserException("--iterations must be at least 1, got " + iterations);
    }
    if (warmup < 0) {
      throw new UserException("--warmup must be at least 0, got " + warmup);
    }
    List<String> selected = cases == null || cases.isEmpty() ? PredictBench.CASES : cases;
    for (String c : selected) {
      if (!PredictBench.CASES.contains(c)) {
        throw new UserException("unknown case '" + c + "'; cases: "
            + String.join(", ", PredictBench.CASES));
      }
    }
    List<String> args = new ArrayList<>(List.of("--cases", String.join(",", selected),
        "--iterations", Integer.toString(iterations), "--warmup", Integer.toString(warmup)));
    if (json) {
      args.add("--json");
    }
    if (noPeer) {
      args.add("--no-peer");
    } else {
      args.addAll(List.of("--python", python));
    }
    BenchOutput.run(spec, out -> PredictBench.run(args.toArray(String[]::new), out, System.err));
    return ExitCodes.OK;
  }
}

package org.pointea.tools.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.pointea.tools.bench.CoreBench;
import org.pointea.tools.bench.Measurement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench core}: runs {@link CoreBench}. */
@Command(
    name = "core",
    mixinStandardHelpOptions = true,
    description = {
      "Time the point-cloud core on the Open3D / SciPy peer workloads.",
      "FPS 100k->1024, voxel grid 1M @0.01, KD-tree build 100k, kNN k=32 for 10k and 100k",
      "queries (1 thread and all cores), batched FPS and kNN, normals. Peer script:",
      "/usr/bin/python3 tools/peers/core_open3d.py; side by side: tools/peers/core_side_by_side.py"
    })
public final class BenchCoreCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--quick", description = "Sizes / 10 and fewer runs: a smoke test, not a measurement.")
  boolean quick;

  @Option(names = "--runs", defaultValue = "7", description = "Measured runs per case (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--case", paramLabel = "NAME", description = "Run only this case (repeatable): ${COMPLETION-CANDIDATES}.",
      completionCandidates = CaseNames.class)
  List<String> cases;

  /** The case names, for help and completion. */
  static final class CaseNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    CaseNames() {
      super(CoreBench.CASES);
    }
  }

  @Override
  public Integer call() {
    if (runs < 1) {
      throw new UserException("--runs must be at least 1, got " + runs);
    }
    List<String> selected = cases == null || cases.isEmpty() ? CoreBench.CASES : cases;
    for (String c : selected) {
      if (!CoreBench.CASES.contains(c)) {
        throw new UserException("unknown case '" + c + "'; cases: " + String.join(", ", CoreBench.CASES));
      }
    }
    PrintStream log = System.err;
    List<Measurement> results = CoreBench.run(new CoreBench.Config(quick, runs, 0, selected), log);
    spec.commandLine().getOut().print(json ? CoreBench.json(results) + System.lineSeparator() : CoreBench.table(results));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pointea.tools.bench.CoreBench;
import org.pointea.tools.bench.CorePeer;
import org.pointea.tools.bench.Measurement;
import org.pointea.tools.bench.Peers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench core}: runs {@link CoreBench}, and its Open3D / SciPy peer. */
@Command(
    name = "core",
    mixinStandardHelpOptions = true,
    description = {
      "Time the point-cloud core on the Open3D / SciPy peer workloads.",
      "",
      "FPS 100k->1024, voxel grid 1M @0.01, KD-tree build 100k, kNN k=32 for 10k and",
      "100k queries (1 thread and all cores), batched FPS and kNN, normals. When",
      "Open3D and SciPy are installed for /usr/bin/python3,",
      "tools/peers/core_open3d.py runs after each round (pointea, peer, pointea,",
      "peer, ...) and the table shows the ratio peer/pointea (above 1: pointea is",
      "faster). Pinned single-core comparisons: /usr/bin/python3",
      "tools/peers/core_side_by_side.py"
    })
public final class BenchCoreCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--quick", description = "Sizes / 10 and fewer runs: a smoke test, not a "
      + "measurement (no peer).")
  boolean quick;

  @Option(names = "--runs", defaultValue = "7", description = "Measured runs per case (default: "
      + "${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--rounds", defaultValue = "1", description = "Interleaved rounds of pointea "
      + "and the peer; medians over rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--no-peer", description = "Measure pointea only.")
  boolean noPeer;

  @Option(names = "--case", paramLabel = "NAME", description = "Run only this case "
      + "(repeatable): ${COMPLETION-CANDIDATES}.", completionCandidates = CaseNames.class)
  List<String> cases;

  /** The case names, for help and completion. */
  static final class CaseNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    CaseNames() {
      super(CoreBench.CASES);
    }
  }

  @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
      description = "Python with Open3D and SciPy (default: ${DEFAULT-VALUE}).")
  String python;

  @Override
  public Integer call() throws IOException {
    if (runs < 1) {
      throw new UserException("--runs must be at least 1, got " + runs);
    }
    if (rounds < 1) {
      throw new UserException("--rounds must be at least 1, got " + rounds);
    }
    List<String> selected = cases == null || cases.isEmpty() ? CoreBench.CASES : cases;
    for (String c : selected) {
      if (!CoreBench.CASES.contains(c)) {
        throw new UserException("unknown case '" + c + "'; cases: "
            + String.join(", ", CoreBench.CASES));
      }
    }
    List<String> peerCases = selected.stream().filter(CorePeer.CASES::contains).toList();
    PrintStream log = System.err;
    Path script = peerCases.isEmpty() ? null : peerScript(log);
    List<List<Measurement>> ours = new ArrayList<>();
    List<List<CorePeer.Timing>> peer = new ArrayList<>();
    CorePeer.PeerRun last = null;
    for (int r = 0; r < rounds; r++) {
      if (rounds > 1) {
        log.println("round " + (r + 1) + "/" + rounds + ": pointea");
      }
      ours.add(CoreBench.run(new CoreBench.Config(quick, runs, 0, selected), log));
      if (script != null) {
        log.println("round " + (r + 1) + "/" + rounds + ": peer " + script);
        try {
          last = CorePeer.run(python, script, Math.min(runs, 5), peerCases, log);
          peer.add(last.timings());
        } catch (IOException e) {
          log.println("peer failed (" + e.getMessage() + "): showing pointea only");
          script = null;
        }
      }
    }
    List<Measurement> results = CorePeer.mergeRounds(ours);
    PrintWriter out = spec.commandLine().getOut();
    if (last == null) {
      out.print(json ? CoreBench.json(results) + System.lineSeparator() : CoreBench.table(results));
      out.flush();
      return ExitCodes.OK;
    }
    List<CorePeer.Timing> peerMedians = CorePeer.medians(peer);
    List<CorePeer.Row> rows = CorePeer.compare(results, peerMedians);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("bench", "core");
      doc.put("processors", Runtime.getRuntime().availableProcessors());
      doc.put("java", System.getProperty("java.version"));
      doc.put("rounds", rounds);
      doc.put("results", results);
      doc.put("peer", new CorePeer.PeerRun(last.versions(), peerMedians));
      doc.put("comparison", rows);
      Json.print(out, doc);
    } else {
      out.print(CoreBench.table(results));
      out.println();
      out.println("side by side with " + last.versions().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")
          + " (" + rounds + " round(s), load average " + load() + "):");
      out.print(CorePeer.table(rows));
      out.flush();
    }
    return ExitCodes.OK;
  }

  private Path peerScript(PrintStream log) {
    if (noPeer) {
      return null;
    }
    if (quick) {
      log.println("--quick: measuring pointea only (the peer runs the full sizes)");
      return null;
    }
    Optional<Path> script = Peers.script("core_open3d.py");
    if (script.isEmpty()) {
      log.println("peer not available (tools/peers/core_open3d.py not found): measuring pointea"
          + " only");
      return null;
    }
    Optional<String> missing = Peers.missing(python, "numpy", "open3d", "scipy");
    if (missing.isPresent()) {
      log.println("peer not available (" + missing.get() + "): measuring pointea only");
      return null;
    }
    return script.get();
  }

  private static String load() {
    try {
      String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}

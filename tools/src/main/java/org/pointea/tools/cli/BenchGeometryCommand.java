package org.pointea.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pointea.tools.bench.GeometryBench;
import org.pointea.tools.bench.Peers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pointea bench geometry}: runs {@link GeometryBench}, and its Open3D peer. */
@Command(
    name = "geometry",
    mixinStandardHelpOptions = true,
    description = {
      "Time outlier removal, RANSAC, clustering, ICP, crop and selection against Open3D.",
      "",
      "On a real cloud (--cloud FILE) or a generated 200,000-point scene, with radii",
      "scaled to the cloud's point spacing; both sides read the same temporary PCD",
      "and parameters. When Open3D is installed for /usr/bin/python3,",
      "tools/peers/geometry_open3d.py runs after each round (pointea, peer,",
      "pointea, peer, ...); the table shows the ratio peer/pointea (above 1: pointea",
      "is faster), and the load average."
    })
public final class BenchGeometryCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cloud", paramLabel = "FILE", description = "A cloud file to run on "
      + "(default: the generated scene).")
  Path cloud;

  @Option(names = "--points", defaultValue = "200000", paramLabel = "N",
      description = "Points of the generated scene (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--runs", defaultValue = "5", description = "Measured runs per case (default: "
      + "${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--rounds", defaultValue = "1", description = "Interleaved rounds of pointea "
      + "and the peer; medians over rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--case", paramLabel = "NAME", description = "Run only this case (repeatable):"
      + " ${COMPLETION-CANDIDATES}.", completionCandidates = CaseNames.class)
  List<String> cases;

  @Option(names = "--no-peer", description = "Measure pointea only.")
  boolean noPeer;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
      description = "Python with Open3D (default: ${DEFAULT-VALUE}).")
  String python;

  /** The case names, for help and completion. */
  static final class CaseNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    CaseNames() {
      super(GeometryBench.CASES);
    }
  }

  @Override
  public Integer call() throws IOException {
    if (runs < 1 || rounds < 1) {
      throw new UserException("--runs and --rounds must be at least 1");
    }
    if (points < 100) {
      throw new UserException("--points must be at least 100, got " + points);
    }
    List<String> selected = cases == null || cases.isEmpty() ? GeometryBench.CASES : cases;
    for (String c : selected) {
      if (!GeometryBench.CASES.contains(c)) {
        throw new UserException("unknown case '" + c + "'; cases: "
            + String.join(", ", GeometryBench.CASES));
      }
    }
    if (cloud != null) {
      CloudFiles.requireFile(cloud);
    }
    PrintStream log = System.err;
    GeometryBench.Workload w;
    try {
      w = GeometryBench.workload(cloud, points, log);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
    Path script = peerScript(log);
    Path dir = null;
    List<List<GeometryBench.Timing>> ours = new ArrayList<>();
    List<List<GeometryBench.Timing>> peer = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    GeometryBench.PeerRun last = null;
    try {
      if (script != null) {
        dir = Files.createTempDirectory("pointea-geometry-bench");
        GeometryBench.writeForPeer(w, dir);
      }
      for (int r = 0; r < rounds; r++) {
        loads.add(load());
        log.println("round " + (r + 1) + "/" + rounds + ": pointea (load " + loads.get(
            loads.size() - 1) + ")");
        ours.add(GeometryBench.run(w, selected, runs, log));
        if (script != null) {
          loads.add(load());
          log.println("round " + (r + 1) + "/" + rounds + ": peer " + script + " (load "
              + loads.get(loads.size() - 1) + ")");
          try {
            last = GeometryBench.runPeer(python, script, dir, runs, selected);
            peer.add(last.timings());
          } catch (IOException e) {
            log.println("peer failed (" + e.getMessage() + "): showing pointea only");
            script = null;
          }
        }
      }
      loads.add(load());
    } finally {
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
    List<GeometryBench.Timing> results = GeometryBench.mergeRounds(ours);
    List<GeometryBench.Timing> peerResults = GeometryBench.mergeRounds(peer);
    List<GeometryBench.Row> rows = GeometryBench.compare(results, peerResults);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("bench", "geometry");
      doc.put("cloud", cloud == null ? "generated scene" : cloud.toString());
      doc.put("params", w.params());
      doc.put("processors", Runtime.getRuntime().availableProcessors());
      doc.put("java", System.getProperty("java.version"));
      doc.put("peer_versions", last == null ? null : last.versions());
      doc.put("rounds", rounds);
      doc.put("load_average", loads);
      doc.put("comparison", rows);
      Json.print(out, doc);
    } else {
      out.println("cloud: " + (cloud == null ? "generated scene" : cloud) + ", params "
          + w.params());
      out.println((last == null ? "pointea only" : "side by side with open3d "
          + last.versions().get("open3d")) + ", " + rounds + " round(s), "
          + Runtime.getRuntime().availableProcessors() + " processors, load average "
          + String.join(" -> ", loads) + "; ratio = peer / pointea (above 1: pointea is"
          + " faster); cpu = process CPU time, all threads:");
      out.print(GeometryBench.table(rows));
      for (GeometryBench.Timing t : results) {
        out.println("  " + t.name() + ": " + t.detail());
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private Path peerScript(PrintStream log) {
    if (noPeer) {
      return null;
    }
    Optional<Path> script = Peers.script("geometry_open3d.py");
    if (script.isEmpty()) {
      log.println("peer not available (tools/peers/geometry_open3d.py not found): measuring"
          + " pointea only");
      return null;
    }
    Optional<String> missing = Peers.missing(python, "numpy", "open3d");
    if (missing.isPresent()) {
      log.println("peer not available (" + missing.get() + "): measuring pointea only");
      return null;
    }
    return script.get();
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}

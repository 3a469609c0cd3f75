package org.pointea.tools.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.tools.bench.ModelBench;
import org.pointea.tools.bench.Peers;
import org.pointea.tools.bench.PctPeer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pointea bench model}: training-step and inference time and peak memory of a PCT network
 * ({@link ModelBench}, in this JVM), with the PyTorch reference ({@code tools/peers/pct_reference.py})
 * run after each round of ours in a separate process, and the ratios.
 */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
      "Train/inference step time and peak memory of a PCT network against PyTorch.",
      "",
      "Times training steps (SGD 0.01/0.9, label-smoothed cross entropy) and inference",
      "steps of a PCT network on random clouds (grouping computed once, as the",
      "reference does; median of --steps after --warmup) and reports the peak resident",
      "memory of this process. When the PyTorch reference (tools/peers/pct_reference.py,",
      "PCT classifier, 1024 points, external or offset attention) can run the same",
      "network and torch is installed for /usr/bin/python3, it runs after each round of",
      "pointea (pointea, PyTorch, pointea, ...), as shipped (glibc defaults) unless",
      "--peer-env same, and the ratios pointea/PyTorch are shown (below 1: pointea is",
      "faster). A full-size round takes a few minutes on 2 cores."
    })
public final class BenchModelCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", defaultValue = "pct", paramLabel = "MODEL",
      description = "pct (classifier), light (the CPU variant) or pct-seg (part segmentation) "
          + "(default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--mixer", defaultValue = "external", paramLabel = "MIXER",
      description = "external, offset, ufo or self (default: ${DEFAULT-VALUE}).")
  String mixer;

  @Option(names = "--batch", defaultValue = "32", description = "Clouds per step (default: "
      + "${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--points", description = "Points per cloud (default: the model's own: pct "
      + "1024, light 512, pct-seg 2048).")
  Integer points;

  @Option(names = "--steps", defaultValue = "5", description = "Measured steps per round; the "
      + "median is reported (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured steps first "
      + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--rounds", defaultValue = "1", description = "Interleaved rounds of pointea "
      + "and the peer; medians over rounds (default: ${DEFAULT-VALUE}). pointea's rounds share "
      + "this process, so its peak RSS is over all of them; for one fresh JVM per round use "
      + "ModelCompare.")
  int rounds;

  @Option(names = "--profile", description = "Print where the time goes, per layer section and "
      + "native op (to stderr with --json).")
  boolean profile;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--peer", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Run the PyTorch reference too, where it has the same network (default: on;"
          + " --no-peer measures pointea only).")
  boolean peer;

  @Option(names = "--peer-env", defaultValue = "shipped", paramLabel = "ENV",
      description = "The peer's environment: shipped (glibc malloc defaults, no OMP_WAIT_POLICY) "
          + "or same (this process's GLIBC_TUNABLES and OMP_WAIT_POLICY) (default: "
          + "${DEFAULT-VALUE}).")
  String peerEnv;

  @Option(names = "--python", defaultValue = Peers.DEFAULT_PYTHON, paramLabel = "PYTHON",
      description = "Python with torch (default: ${DEFAULT-VALUE}).")
  String python;

  @Mixin DeviceOption device;

  @Override
  public Integer call() throws IOException {
    ModelBench.Config config;
    try {
      config = new ModelBench.Config(model, mixer, batch, points == null ? 0 : points, steps,
          warmup, true, true, profile);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    if (rounds < 1) {
      throw new UserException("--rounds must be at least 1, got " + rounds);
    }
    if (!peerEnv.equals("shipped") && !peerEnv.equals("same")) {
      throw new UserException("--peer-env must be shipped or same, got '" + peerEnv + "'");
    }
    Backend backend = device.open();
    if (backend == null) {
      backend = Backends.getDefault();
    }
    PrintStream log = System.err;
    Path script = peerScript(config, log);
    PrintWriter out = spec.commandLine().getOut();
    // the profile is a result: after the table on stdout, or on stderr beside JSON
    ByteArrayOutputStream profileText = new ByteArrayOutputStream();
    PrintStream profileOut = json ? System.err
        : new PrintStream(profileText, true, StandardCharsets.UTF_8);
    List<Map<String, Object>> ours = new ArrayList<>();
    List<Map<String, Double>> theirs = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      log.printf(Locale.ROOT, "round %d/%d: pointea %s %s, batch %d, %d points%n", r + 1, rounds,
          config.model(), config.mixer(), batch, config.effectivePoints());
      Map<String, Object> o = ModelBench.measure(config, profileOut, backend);
      ours.add(o);
      log.printf(Locale.ROOT, "  pointea: train %.3f s, infer %.3f s, peak RSS %.0f MB%n",
          o.get("train_step_s"), o.get("infer_step_s"), o.get("peak_rss_mb"));
      if (script != null) {
        log.printf(Locale.ROOT, "round %d/%d: PyTorch %s%n", r + 1, rounds, script);
        try {
          Map<String, Double> p = PctPeer.run(python, script, config.mixer(), batch, peerEnvironment());
          theirs.add(p);
          log.printf(Locale.ROOT, "  PyTorch: train %.3f s, infer %.3f s, peak RSS %.0f MB%n",
              p.get("train_step_s"), p.get("infer_step_s"), p.get("peak_rss_mb"));
        } catch (IOException e) {
          log.println("peer failed (" + firstLine(e.getMessage()) + "): showing pointea only");
          script = null;
          theirs.clear();
        }
      }
    }
    Map<String, Object> doc = result(config, ours, theirs);
    if (json) {
      Json.print(out, doc);
    } else {
      out.print(table(doc));
      if (profile) {
        out.println();
        out.print(profileText.toString(StandardCharsets.UTF_8));
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private Map<String, String> peerEnvironment() {
    Map<String, String> env = new HashMap<>();
    if (peerEnv.equals("shipped")) {
      env.put("GLIBC_TUNABLES", null);
      env.put("OMP_WAIT_POLICY", null);
    }
    return env;
  }

  private Path peerScript(ModelBench.Config config, PrintStream log) {
    if (!peer) {
      return null;
    }
    if (device.value() != null && !device.value().strip().equals("cpu")) {
      log.println("no peer: the PyTorch reference runs on the CPU, pointea on " + device.value()
          + "; measuring pointea only");
      return null;
    }
    Optional<String> why = PctPeer.incomparable(config.model(), config.mixer(), batch,
        config.effectivePoints());
    if (why.isPresent()) {
      log.println("no peer: " + why.get() + "; measuring pointea only");
      return null;
    }
    Optional<Path> script = Peers.script(PctPeer.SCRIPT);
    if (script.isEmpty()) {
      log.println("peer not available (tools/peers/" + PctPeer.SCRIPT + " not found): measuring"
          + " pointea only");
      return null;
    }
    Optional<String> missing = Peers.missing(python, "torch");
    if (missing.isPresent()) {
      log.println("peer not available (" + missing.get() + "): measuring pointea only");
      return null;
    }
    return script.get();
  }

  private Map<String, Object> result(ModelBench.Config config, List<Map<String, Object>> ours,
      List<Map<String, Double>> theirs) {
    Map<String, Object> first = ours.get(0);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("bench", "model");
    doc.put("model", first.get("model"));
    doc.put("mixer", config.mixer());
    doc.put("batch", first.get("batch"));
    doc.put("points", first.get("points"));
    doc.put("rounds", ours.size());
    doc.put("params", first.get("params"));
    double train = medianOf(ours, "train_step_s");
    double infer = medianOf(ours, "infer_step_s");
    double rss = ours.stream().mapToDouble(m -> ((Number) m.get("peak_rss_mb")).doubleValue())
        .max().orElse(Double.NaN);
    doc.put("train_step_s", train);
    doc.put("infer_step_s", infer);
    doc.put("peak_rss_mb", rss);
    doc.put("load_average", ModelBench.loadAverage());
    doc.put("glibc_tunables", first.get("glibc_tunables"));
    doc.put("omp_wait_policy", first.get("omp_wait_policy"));
    doc.put("engine", first.get("engine"));
    if (theirs.isEmpty()) {
      doc.put("peer", null);
      return doc;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("impl", "PyTorch " + PctPeer.SCRIPT + " " + config.mixer());
    p.put("env", peerEnv);
    p.put("params", (long) theirs.get(0).get("params").doubleValue());
    double ptrain = medianOfDoubles(theirs, "train_step_s");
    double pinfer = medianOfDoubles(theirs, "infer_step_s");
    double prss = theirs.stream().mapToDouble(m -> m.get("peak_rss_mb")).max().orElse(Double.NaN);
    p.put("train_step_s", ptrain);
    p.put("infer_step_s", pinfer);
    p.put("peak_rss_mb", prss);
    p.put("load", medianOfDoubles(theirs, "load"));
    doc.put("peer", p);
    doc.put("train_ratio", train / ptrain);
    doc.put("infer_ratio", infer / pinfer);
    doc.put("rss_ratio", rss / prss);
    return doc;
  }

  private static double medianOf(List<Map<String, Object>> runs, String key) {
    return ModelBench.median(runs.stream().map(m -> ((Number) m.get(key)).doubleValue()).toList());
  }

  private static double medianOfDoubles(List<Map<String, Double>> runs, String key) {
    return ModelBench.median(runs.stream().map(m -> m.get(key)).toList());
  }

  @SuppressWarnings("unchecked")
  private static String table(Map<String, Object> doc) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s, %s mixer, batch %s, %s points, %s parameters, "
            + "%s round(s), load average %s%n", doc.get("model"), doc.get("mixer"),
        doc.get("batch"), doc.get("points"), doc.get("params"), doc.get("rounds"),
        load((double[]) doc.get("load_average"))));
    Map<String, Object> p = (Map<String, Object>) doc.get("peer");
    if (p == null) {
      sb.append(String.format(Locale.ROOT, "%-16s %10s%n", "", "pointea"));
      row(sb, "train step (s)", doc.get("train_step_s"), null, null, "%10.3f");
      row(sb, "infer step (s)", doc.get("infer_step_s"), null, null, "%10.3f");
      row(sb, "peak RSS (MB)", doc.get("peak_rss_mb"), null, null, "%10.0f");
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "%-16s %10s %10s %8s%n", "", "pointea", "PyTorch",
        "ratio"));
    row(sb, "train step (s)", doc.get("train_step_s"), p.get("train_step_s"),
        doc.get("train_ratio"), "%10.3f");
    row(sb, "infer step (s)", doc.get("infer_step_s"), p.get("infer_step_s"),
        doc.get("infer_ratio"), "%10.3f");
    row(sb, "peak RSS (MB)", doc.get("peak_rss_mb"), p.get("peak_rss_mb"), doc.get("rss_ratio"),
        "%10.0f");
    sb.append(String.format(Locale.ROOT, "PyTorch: %s, %s parameters, environment %s%n",
        p.get("impl"), p.get("params"), p.get("env")));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, Object ours, Object theirs, Object ratio,
      String fmt) {
    sb.append(String.format(Locale.ROOT, "%-16s " + fmt, name, ((Number) ours).doubleValue()));
    if (theirs != null) {
      sb.append(String.format(Locale.ROOT, " " + fmt + " %7.2fx", ((Number) theirs).doubleValue(),
          ((Number) ratio).doubleValue()));
    }
    sb.append(System.lineSeparator());
  }

  private static String load(double[] l) {
    return String.format(Locale.ROOT, "%.2f %.2f %.2f", l[0], l[1], l[2]);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no message";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

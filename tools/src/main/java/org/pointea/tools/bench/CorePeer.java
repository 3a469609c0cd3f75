package org.pointea.tools.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Open3D / SciPy side of {@code pointea bench core}: runs {@code tools/peers/core_open3d.py
 * --json} and lines its timings up with {@link CoreBench}'s, case by case. A pointea case on one
 * thread is compared with the peer variants that run on one thread; a case on all cores with
 * every variant (the fastest wins). The ratio is peer time / pointea time: above 1, pointea is
 * faster.
 */
public final class CorePeer {
  /** The cases {@code core_open3d.py} has a peer for. */
  public static final List<String> CASES = List.of("fps_100k_to_1024", "voxel_1M_at_0.01",
      "kdtree_build_100k", "knn_k32_10k_queries", "knn_k32_100k_queries", "normals_100k_knn30");

  private CorePeer() {}

  /**
   * One peer timing.
   *
   * @param name the case, as in {@link CoreBench}
   * @param peer the implementation, e.g. {@code scipy cKDTree workers=-1}
   * @param threads {@code "1"} or {@code "all"}
   * @param medianSeconds median time
   */
  public record Timing(
      @JsonProperty("name") String name,
      @JsonProperty("peer") String peer,
      @JsonProperty("threads") String threads,
      @JsonProperty("median_seconds") double medianSeconds) {}

  /**
   * One line of the comparison.
   *
   * @param name the case
   * @param threads pointea's thread count
   * @param pointeaSeconds pointea's median
   * @param peer the fastest comparable peer variant, or null
   * @param peerSeconds its median, or NaN
   * @param ratio peer / pointea, or NaN
   */
  public record Row(
      @JsonProperty("name") String name,
      @JsonProperty("threads") int threads,
      @JsonProperty("pointea_s") double pointeaSeconds,
      @JsonProperty("peer") String peer,
      @JsonProperty("peer_s") double peerSeconds,
      @JsonProperty("ratio") double ratio) {}

  /**
   * Runs the peer script once.
   *
   * @param python the interpreter
   * @param script {@code core_open3d.py}
   * @param runs measured runs per case
   * @param cases the cases to run, each in {@link #CASES}
   * @param log where the peer's progress goes
   * @return its timings and the peer's versions
   * @throws IOException when the script fails
   */
  public static PeerRun run(String python, Path script, int runs, List<String> cases,
      PrintStream log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--json", "--runs",
        Integer.toString(runs)));
    for (String c : cases) {
      cmd.add("--case");
      cmd.add(c);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(1800, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(script + " failed (exit " + (p.isAlive() ? "timeout"
            : p.exitValue()) + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode doc = new ObjectMapper().readTree(out);
    List<Timing> timings = new ArrayList<>();
    for (JsonNode r : doc.get("results")) {
      timings.add(new Timing(r.get("name").asText(), r.get("peer").asText(),
          r.get("threads").asText(), r.get("median_seconds").asDouble()));
    }
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("open3d", doc.path("open3d").asText(null));
    versions.put("scipy", doc.path("scipy").asText(null));
    return new PeerRun(versions, timings);
  }

  /**
   * The timings of one peer run and the peer's versions.
   *
   * @param versions package versions
   * @param timings one per case and variant
   */
  public record PeerRun(
      @JsonProperty("versions") Map<String, String> versions,
      @JsonProperty("results") List<Timing> timings) {}

  /**
   * Returns the median over rounds of each peer case and variant.
   *
   * @param rounds the runs
   * @return one timing per case and variant
   */
  public static List<Timing> medians(List<List<Timing>> rounds) {
    Map<String, List<Double>> by = new LinkedHashMap<>();
    Map<String, Timing> first = new LinkedHashMap<>();
    for (List<Timing> round : rounds) {
      for (Timing t : round) {
        String key = t.name() + "\u0000" + t.peer();
        by.computeIfAbsent(key, k -> new ArrayList<>()).add(t.medianSeconds());
        first.putIfAbsent(key, t);
      }
    }
    List<Timing> out = new ArrayList<>();
    for (Map.Entry<String, Timing> e : first.entrySet()) {
      Timing t = e.getValue();
      out.add(new Timing(t.name(), t.peer(), t.threads(), median(by.get(e.getKey()))));
    }
    return out;
  }

  /**
   * Lines pointea's cases up with the peer's.
   *
   * @param ours pointea's measurements
   * @param peer the peer's timings (may be empty)
   * @return one row per pointea measurement
   */
  public static List<Row> compare(List<Measurement> ours, List<Timing> peer) {
    List<Row> rows = new ArrayList<>();
    for (Measurement m : ours) {
      Timing best = null;
      for (Timing t : peer) {
        if (!t.name().equals(m.name()) || (m.threads() == 1 && !t.threads().equals("1"))) {
          continue;
        }
        if (best == null || t.medianSeconds() < best.medianSeconds()) {
          best = t;
        }
      }
      double ps = best == null ? Double.NaN : best.medianSeconds();
      rows.add(new Row(m.name(), m.threads(), m.medianSeconds(), best == null ? null : best.peer(),
          ps, ps / m.medianSeconds()));
    }
    return rows;
  }

  /**
   * Formats the comparison as a table.
   *
   * @param rows the rows
   * @return the table
   */
  public static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-30s %7s %10s  %-42s %10s %7s%n", "case", "threads",
        "pointea s", "peer (fastest comparable)", "peer s", "ratio"));
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%-30s %7d %10.5f  %-42s %10s %7s%n", r.name(),
          r.threads(), r.pointeaSeconds(), r.peer() == null ? "-" : r.peer(),
          Double.isNaN(r.peerSeconds()) ? "-" : String.format(Locale.ROOT, "%.5f", r.peerSeconds()),
          Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.ratio())));
    }
    return sb.toString();
  }

  /**
   * Returns the median over rounds of each pointea case (median, quartiles and minimum each taken
   * over the rounds' values).
   *
   * @param rounds the runs
   * @return one measurement per case and thread count
   */
  public static List<Measurement> mergeRounds(List<List<Measurement>> rounds) {
    if (rounds.size() == 1) {
      return rounds.get(0);
    }
    List<Measurement> out = new ArrayList<>();
    List<Measurement> first = rounds.get(0);
    for (int i = 0; i < first.size(); i++) {
      Measurement m = first.get(i);
      List<Double> med = new ArrayList<>();
      List<Double> p25 = new ArrayList<>();
      List<Double> p75 = new ArrayList<>();
      double min = Double.POSITIVE_INFINITY;
      int runs = 0;
      for (List<Measurement> r : rounds) {
        Measurement x = r.get(i);
        med.add(x.medianSeconds());
        p25.add(x.p25Seconds());
        p75.add(x.p75Seconds());
        min = Math.min(min, x.minSeconds());
        runs += x.runs();
      }
      out.add(new Measurement(m.name(), m.threads(), runs, median(med), median(p25), median(p75),
          min, m.detail()));
    }
    return out;
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}

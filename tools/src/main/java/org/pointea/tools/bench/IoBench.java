package org.pointea.tools.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.pointea.io.PointCloudIO;
import org.pointea.io.WriteOptions;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.io.ply.PlyWriteOptions;
import org.pointea.pointcloud.PointCloud;

/**
 * Read and write throughput of binary PLY and PCD against Open3D, on the same files, on the same
 * machine, interleaved (ours, Open3D, ours, Open3D, ...), medians of the repetitions after one
 * warm-up each.
 *
 * <p>Generates two clouds of N points (positions only; positions + normals + RGB), writes them as
 * binary little-endian PLY and binary PCD with pointea, then times {@code PointCloudIO.read} /
 * {@code PointCloudIO.write} against {@code open3d.io.read_point_cloud} /
 * {@code write_point_cloud} driven through {@code tools/peers/io_open3d.py} (a persistent Python
 * process, so imports are not timed). Both sides read from the page cache. Without Open3D (or
 * with {@code --no-peer}) pointea is measured alone. {@code pointea bench io} runs it.
 *
 * <pre>
 * mvn -B -q -pl tools -am -DskipTests package dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt
 * java -Xmx8g -cp tools/target/classes:$(cat tools/target/cp.txt) \
 *     org.pointea.tools.bench.IoBench --points 10000000 --reps 5 [--json] [--dir /tmp/iobench]
 * </pre>
 */
public final class IoBench {
  private IoBench() {}

  /** One timed case. */
  record Result(String file, String op, long points, double oursSeconds, double peerSeconds) {
    double oursRate() {
      return points / oursSeconds;
    }

    double peerRate() {
      return points / peerSeconds;
    }

    double ratio() {
      return peerSeconds / oursSeconds;
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code --points N --reps R --dir D --python P --peer S --no-peer --json}
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    run(args, System.out, System.err);
  }

  /**
   * Runs the benchmark ({@code pointea bench io}); without Open3D it measures pointea alone.
   *
   * @param args {@code --points N --reps R --dir D --python P --peer S --no-peer --json}
   * @param out where the table or JSON goes
   * @param log where progress and notes go
   * @throws Exception on any failure
   */
  public static void run(String[] args, PrintStream out, PrintStream log) throws Exception {
    Map<String, String> a = parse(args);
    int n = Integer.parseInt(a.getOrDefault("points", "10000000"));
    int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
    Path dir = Path.of(a.getOrDefault("dir", System.getProperty("java.io.tmpdir")
        + "/pointea-iobench"));
    String python = a.getOrDefault("python", Peers.DEFAULT_PYTHON);
    String peer = a.getOrDefault("peer", Peers.script("io_open3d.py")
        .map(Path::toString).orElse("tools/peers/io_open3d.py"));
    boolean json = a.containsKey("json");
    boolean withPeer = !a.containsKey("no-peer");
    if (withPeer && !Files.isRegularFile(Path.of(peer))) {
      log.println("peer not available (" + peer + " not found): measuring pointea only");
      withPeer = false;
    }
    if (withPeer) {
      Optional<String> missing = Peers.missing(python, "numpy", "open3d");
      if (missing.isPresent()) {
        log.println("peer not available (" + missing.get() + "): measuring pointea only");
        withPeer = false;
      }
    }
    Files.createDirectories(dir);

    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Map<String, PointCloud> clouds = new LinkedHashMap<>();
    clouds.put("xyz", cloud(n, false, 1));
    clouds.put("xyz_normal_rgb", cloud(n, true, 2));
    List<Result> results = new ArrayList<>();
    Process py = withPeer ? new ProcessBuilder(python, peer)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start() : null;
    try (BufferedWriter toPeer = py == null ? null : new BufferedWriter(new OutputStreamWriter(
        py.getOutputStream(), StandardCharsets.UTF_8));
        BufferedReader fromPeer = py == null ? null : new BufferedReader(new InputStreamReader(
            py.getInputStream(), StandardCharsets.UTF_8))) {
      if (py != null) {
        String hello = fromPeer.readLine();
        if (hello == null || !hello.startsWith("ready")) {
          throw new IOException("peer did not start: " + hello);
        }
      }
      for (Map.Entry<String, PointCloud> e : clouds.entrySet()) {
        for (String ext : List.of("ply", "pcd")) {
          WriteOptions opts = ext.equals("ply") ? PlyWriteOptions.binaryLittleEndian()
              : PcdWriteOptions.binary();
          Path file = dir.resolve(e.getKey() + "." + ext);
          PointCloudIO.write(file, e.getValue(), opts);
          String label = e.getKey() + "." + ext + " (" + Files.size(file) / 1_000_000 + " MB)";
          log.println(label + " ...");
          // reads: warm-up both, then interleave
          double[] ours = new double[reps];
          double[] theirs = new double[reps];
          time(() -> PointCloudIO.read(file));
          if (py != null) {
            ask(toPeer, fromPeer, "read " + file);
          }
          for (int r = 0; r < reps; r++) {
            ours[r] = time(() -> check(PointCloudIO.read(file), n));
            theirs[r] = py == null ? Double.NaN : ask(toPeer, fromPeer, "read " + file);
          }
          results.add(new Result(label, "read", n, median(ours), median(theirs)));
          // writes: Open3D loads the same file once (untimed), then both write the same format
          if (py != null) {
            ask(toPeer, fromPeer, "load " + file);
          }
          Path outOurs = dir.resolve("out_ours." + ext);
          Path outPeer = dir.resolve("out_open3d." + ext);
          PointCloud c = e.getValue();
          time(() -> {
            PointCloudIO.write(outOurs, c, opts);
            return outOurs;
          });
          if (py != null) {
            ask(toPeer, fromPeer, "write " + outPeer);
          }
          for (int r = 0; r < reps; r++) {
            ours[r] = time(() -> {
              PointCloudIO.write(outOurs, c, opts);
              return outOurs;
            });
            theirs[r] = py == null ? Double.NaN : ask(toPeer, fromPeer, "write " + outPeer);
          }
          results.add(new Result(label, "write", n, median(ours), median(theirs)));
          Files.deleteIfExists(outOurs);
          Files.deleteIfExists(outPeer);
          Files.deleteIfExists(file);
        }
      }
      if (py != null) {
        toPeer.write("quit\n");
        toPeer.flush();
      }
    } finally {
      if (py != null) {
        py.destroy();
      }
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    if (json) {
      StringBuilder sb = new StringBuilder("{\"bench\": \"io\", \"points\": " + n
          + ", \"reps\": " + reps + ", \"peer\": " + (py == null ? "null" : "\"open3d\"")
          + ", \"load_before\": " + loadBefore + ", \"load_after\": " + loadAfter
          + ", \"results\": [");
      for (int i = 0; i < results.size(); i++) {
        Result r = results.get(i);
        sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT,
            "{\"file\": \"%s\", \"op\": \"%s\", \"pointea_s\": %.4f, \"open3d_s\": %s, "
                + "\"pointea_pts_per_s\": %.0f, \"open3d_pts_per_s\": %s, \"ratio\": %s}",
            r.file(), r.op(), r.oursSeconds(), num(r.peerSeconds(), "%.4f"), r.oursRate(),
            num(r.peerRate(), "%.0f"), num(r.ratio(), "%.2f")));
      }
      out.println(sb.append("]}"));
    } else {
      out.printf(Locale.ROOT, "IoBench: %,d points, median of %d %s runs, "
          + "load %.2f -> %.2f, %d cores%n", n, reps, py == null ? "(Open3D not available)"
          : "interleaved", loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
      out.printf(Locale.ROOT, "%-32s %-6s %12s %12s %14s %14s %8s%n", "file", "op",
          "pointea s", "Open3D s", "pointea pts/s", "Open3D pts/s", "ratio");
      for (Result r : results) {
        out.printf(Locale.ROOT, "%-32s %-6s %12.3f %12s %14.3e %14s %8s%n",
            r.file(), r.op(), r.oursSeconds(), txt(r.peerSeconds(), "%.3f"), r.oursRate(),
            txt(r.peerRate(), "%.3e"), Double.isNaN(r.ratio()) ? "-"
                : String.format(Locale.ROOT, "%.2fx", r.ratio()));
      }
    }
  }

  /** Formats a number for the table, or {@code -} when it is NaN (no peer). */
  private static String txt(double v, String format) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }

  /** Formats a number for JSON, or {@code null} when it is NaN (no peer). */
  private static String num(double v, String format) {
    return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, format, v);
  }

  private static PointCloud check(PointCloud c, int n) {
    if (c.size() != n) {
      throw new IllegalStateException("read " + c.size() + " points, expected " + n);
    }
    return c;
  }

  /** A cloud like a scan: positions in a 50 m box, unit normals, 8-bit colours. */
  static PointCloud cloud(int n, boolean attributes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = (float) (r.nextDouble() * 50 - 25);
    }
    PointCloud.Builder b = PointCloud.builder(xyz);
    if (attributes) {
      float[] nrm = new float[3 * n];
      float[] col = new float[3 * n];
      for (int i = 0; i < n; i++) {
        double x = r.nextGaussian();
        double y = r.nextGaussian();
        double z = r.nextGaussian();
        double l = Math.sqrt(x * x + y * y + z * z) + 1e-12;
        nrm[3 * i] = (float) (x / l);
        nrm[3 * i + 1] = (float) (y / l);
        nrm[3 * i + 2] = (float) (z / l);
        for (int k = 0; k < 3; k++) {
          col[3 * i + k] = r.nextInt(256) / 255f;
        }
      }
      b.normals(nrm).colors(col, 3);
    }
    return b.build();
  }

  /** Keeps results reachable so the JIT cannot drop the timed work. */
  static volatile int sink;

  @FunctionalInterface
  private interface Task {
    Object run() throws Exception;
  }

  private static double time(Task t) throws Exception {
    long s = System.nanoTime();
    Object result = t.run();
    double sec = (System.nanoTime() - s) / 1e9;
    sink ^= System.identityHashCode(result);
    return sec;
  }

  private static double ask(BufferedWriter to, BufferedReader from, String cmd)
      throws IOException {
    to.write(cmd);
    to.write('\n');
    to.flush();
    String line = from.readLine();
    if (line == null || !line.startsWith("ok ")) {
      throw new IOException("peer failed on '" + cmd + "': " + line);
    }
    return Double.parseDouble(line.substring(3).trim());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String k = args[i].substring(2);
      if (k.equals("json") || k.equals("no-peer")) {
        m.put(k, "true");
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + k + " needs a value");
        }
        m.put(k, args[++i]);
      }
    }
    return m;
  }
}

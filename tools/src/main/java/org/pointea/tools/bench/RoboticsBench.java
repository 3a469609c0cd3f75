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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pointea.io.bag.BagCursor;
import org.pointea.io.bag.BagFilter;
import org.pointea.io.bag.BagReader;
import org.pointea.io.bag.CloudFrame;
import org.pointea.io.las.LasChannels;
import org.pointea.io.las.LasReader;
import org.pointea.io.las.LasWriteOptions;
import org.pointea.io.las.LasWriter;
import org.pointea.pointcloud.PointCloud;

/**
 * Bag and LAS throughput against the readers a ROS or GIS user has in Python or TypeScript, in the
 * same run, interleaved (ratio = peer seconds / pointea seconds; above 1 pointea is faster):
 *
 * <ul>
 *   <li>ROS 1 bags (none, lz4, bz2 chunks): python3-rosbag 1.15 + NumPy views of each cloud;
 *   <li>MCAP (none, zstd, lz4 chunks): {@code @mcap/core}'s indexed reader +
 *       {@code @foxglove/rosmsg2-serialization} under Node (no Python MCAP reader in Debian 12);
 *   <li>rosbag2 SQLite: Python {@code sqlite3} + NumPy (no rclpy in Debian 12);
 *   <li>LAS 1.2 format 3 and 1.4 format 7 with extra bytes, read and write: laspy 2.5.4.
 * </ul>
 *
 * Both sides end with one array per field: pointea's {@link BagReader#frames} decodes every
 * field of every {@code PointCloud2} into the cloud's channels; the peers copy every field out of
 * the message into its own array. The bags ({@code tools/peers/bags_make.py}: an OS1-64-like
 * lidar, 64 x 1024 points, 10 Hz, with an IMU topic) are written by each format's real writer on
 * the first run. {@code pointea bench robotics} runs it.
 */
public final class RoboticsBench {
  private static final String TOPIC = "/ouster/points";

  /** One measured case. */
  record Result(String file, String op, String peer, long points, double oursSeconds,
      double peerSeconds, long bytes) {
    double ratio() {
      return peerSeconds / oursSeconds;
    }
  }

  private RoboticsBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --dir D --frames F --las-points N --reps R --python P --node N --no-peer
   *     --json}
   * @param out where the table (or JSON) goes
   * @param log progress
   * @throws Exception on a failure
   */
  public static void run(String[] args, PrintStream out, PrintStream log) throws Exception {
    Map<String, String> a = parse(args);
    Path dir = Path.of(a.getOrDefault("dir", System.getProperty("java.io.tmpdir")
        + "/pointea-robotics-bench"));
    int frames = Integer.parseInt(a.getOrDefault("frames", "60"));
    int lasPoints = Integer.parseInt(a.getOrDefault("las-points", "5000000"));
    int reps = Integer.parseInt(a.getOrDefault("reps", "3"));
    String python = a.getOrDefault("python", Peers.DEFAULT_PYTHON);
    String node = a.getOrDefault("node", "node");
    boolean withPeer = !a.containsKey("no-peer");
    Path pyPeer = Peers.script("bags_python.py").orElse(Path.of("tools/peers/bags_python.py"));
    Path nodePeer = pyPeer.resolveSibling("mcap").resolve("peer.mjs");
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve("mcap_zstd.mcap"))) {
      log.println("writing the bags (" + frames + " frames) with their real writers into " + dir
          + " ...");
      Process make = new ProcessBuilder(python, pyPeer.resolveSibling("bags_make.py").toString(),
          dir.toString(), Integer.toString(frames)).inheritIO().start();
      if (make.waitFor() != 0) {
        throw new IOException("bags_make.py failed (it needs python3-rosbag, python3-sensor-msgs and"
            + " `npm ci` in tools/peers/mcap)");
      }
    }
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Result> results = new ArrayList<>();
    try (Peer py = withPeer ? Peer.start(log, python, pyPeer.toString()) : null;
        Peer js = withPeer ? Peer.start(log, node, nodePeer.toString()) : null) {
      for (String f : List.of("ros1_none.bag", "ros1_lz4.bag", "ros1_bz2.bag", "mcap_none.mcap",
          "mcap_zstd.mcap", "mcap_lz4.mcap", "rosbag2.db3")) {
        Path bag = dir.resolve(f);
        Peer p = f.endsWith(".mcap") ? js : py;
        String cmd = f.endsWith(".mcap") ? "read " + bag + " " + TOPIC
            : f.endsWith(".db3") ? "db3 " + bag + " " + TOPIC : "rosbag " + bag + " " + TOPIC;
        String peerName = f.endsWith(".mcap") ? "@mcap/core (node)" : f.endsWith(".db3")
            ? "sqlite3 + numpy" : "python3-rosbag";
        log.println(f + " ...");
        results.add(measure(f, "read frames", peerName, reps, () -> readBag(bag), p, cmd,
            Files.size(bag)));
      }
      Path las12 = dir.resolve("survey_pf3_v1.2.las");
      Path las14 = dir.resolve("survey_pf7_v1.4_extra.las");
      PointCloud survey = survey(lasPoints, false);
      LasWriter.write(las12, survey);
      LasWriter.write(las14, survey(lasPoints, true));
      for (Path las : List.of(las12, las14)) {
        String name = las.getFileName().toString();
        log.println(name + " ...");
        results.add(measure(name, "read", "laspy 2.5.4", reps,
            () -> LasReader.read(las).size(), py, "las_read " + las, Files.size(las)));
        PointCloud cloud = LasReader.read(las);
        Path oursOut = dir.resolve("out_pointea.las");
        Path peerOut = dir.resolve("out_laspy.las");
        if (py != null) {
          py.ask("las_load " + las);
        }
        LasWriteOptions keep = LasWriteOptions.builder().optScale(0.001, 0.001, 0.001).build();
        results.add(measure(name, "write", "laspy 2.5.4", reps, () -> {
          LasWriter.write(oursOut, cloud, keep);
          return cloud.size();
        }, py, "las_write " + peerOut, Files.size(las)));
        Files.deleteIfExists(oursOut);
        Files.deleteIfExists(peerOut);
      }
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    print(out, results, a.containsKey("json"), reps, loadBefore, loadAfter);
  }

  /** Reads every frame of the lidar topic, decoding every field; returns the points read. */
  private static long readBag(Path bag) throws IOException {
    long points = 0;
    try (BagReader r = BagReader.open(bag);
        BagCursor<CloudFrame> c = r.frames(BagFilter.topics(TOPIC))) {
      for (CloudFrame f = c.next(); f != null; f = c.next()) {
        points += f.cloud().size();
      }
    }
    return points;
  }

  /** An aerial survey tile: terrain with buildings, 1 cm noise, classes, returns, GPS time. */
  static PointCloud survey(int n, boolean extra) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    float[] xyz = new float[3 * n];
    float[] intensity = new float[n];
    int[] cls = new int[n];
    int[] ret = new int[n];
    int[] rets = new int[n];
    double[] gps = new double[n];
    float[] rgb = new float[3 * n];
    float[] height = new float[n];
    for (int i = 0; i < n; i++) {
      double x = rnd.nextDouble() * 1000;
      double y = rnd.nextDouble() * 1000;
      boolean building = ((int) (x / 50) + (int) (y / 50)) % 7 == 0;
      double ground = 10 * Math.sin(x / 200) + 5 * Math.cos(y / 150);
      double z = ground + (building ? 12 : 0) + rnd.nextGaussian() * 0.01;
      xyz[3 * i] = (float) x;
      xyz[3 * i + 1] = (float) y;
      xyz[3 * i + 2] = (float) z;
      intensity[i] = rnd.nextInt(4096);
      cls[i] = building ? 6 : 2;
      rets[i] = 1 + rnd.nextInt(3);
      ret[i] = 1 + rnd.nextInt(rets[i]);
      gps[i] = 3.1e8 + i * 1e-5;
      rgb[3 * i] = (float) rnd.nextDouble();
      rgb[3 * i + 1] = (float) rnd.nextDouble();
      rgb[3 * i + 2] = (float) rnd.nextDouble();
      height[i] = (float) (z - ground);
    }
    PointCloud.Builder b = PointCloud.builder(xyz).origin(512000, 5403000, 0)
        .intensity(intensity).labels(cls).intChannel(LasChannels.RETURN_NUMBER, 1, ret)
        .intChannel(LasChannels.NUMBER_OF_RETURNS, 1, rets)
        .doubleChannel(LasChannels.GPS_TIME, 1, gps).colors(rgb, 3);
    if (extra) {
      b.intChannel(LasChannels.SCANNER_CHANNEL, 1, new int[n]).channel("height_above_ground", 1,
          height);
    }
    return b.build();
  }

  @FunctionalInterface
  private interface Task {
    long run() throws Exception;
  }

  private static Result measure(String file, String op, String peerName, int reps, Task ours,
      Peer peer, String cmd, long bytes) throws Exception {
    long points = ours.run(); // warm-up
    if (peer != null) {
      long theirs = peer.ask(cmd)[2];
      if (theirs != points) {
        throw new IOException(file + ": the peer read " + theirs + " points, pointea " + points);
      }
    }
    double[] o = new double[reps];
    double[] p = new double[reps];
    for (int r = 0; r < reps; r++) {
      long t = System.nanoTime();
      ours.run();
      o[r] = (System.nanoTime() - t) / 1e9;
      p[r] = peer == null ? Double.NaN : peer.ask(cmd)[0] / 1e6;
    }
    return new Result(file, op, peer == null ? "-" : peerName, points, median(o), median(p),
        bytes);
  }

  /** A persistent peer process answering "ok seconds frames points". */
  private static final class Peer implements AutoCloseable {
    private final Process process;
    private final BufferedWriter to;
    private final BufferedReader from;

    private Peer(Process process) {
      this.process = process;
      this.to = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
          StandardCharsets.UTF_8));
      this.from = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
    }

    static Peer start(PrintStream log, String exe, String script) throws IOException {
      if (!Files.isRegularFile(Path.of(script))) {
        log.println("peer not available (" + script + " not found)");
        return null;
      }
      Process p = new ProcessBuilder(exe, script).directory(Path.of(script).getParent().toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Peer peer = new Peer(p);
      String hello = peer.from.readLine();
      if (hello == null || !hello.startsWith("ready")) {
        p.destroy();
        log.println("peer not available (" + script + " did not start: " + hello + ")");
        return null;
      }
      return peer;
    }

    /** Returns {microseconds, frames, points}. */
    long[] ask(String cmd) throws IOException {
      to.write(cmd + "\n");
      to.flush();
      String line = from.readLine();
      if (line == null || !line.startsWith("ok ")) {
        throw new IOException("peer failed on '" + cmd + "': " + line);
      }
      String[] f = line.split(" ");
      return new long[] {Math.round(Double.parseDouble(f[1]) * 1e6), Long.parseLong(f[2]),
          Long.parseLong(f[3])};
    }

    @Override
    public void close() throws IOException {
      to.write("quit\n");
      to.flush();
      process.destroy();
    }
  }

  private static void print(PrintStream out, List<Result> results, boolean json, int reps,
      double loadBefore, double loadAfter) {
    if (json) {
      StringBuilder sb = new StringBuilder("{\"reps\": " + reps + ", \"load\": [" + loadBefore
          + ", " + loadAfter + "], \"results\": [");
      for (int i = 0; i < results.size(); i++) {
        Result r = results.get(i);
        sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
            "  {\"file\": \"%s\", \"op\": \"%s\", \"peer\": \"%s\", \"points\": %d, \"bytes\": %d,"
                + " \"pointea_s\": %.4f, \"peer_s\": %s, \"ratio\": %s}", r.file(), r.op(),
            r.peer(), r.points(), r.bytes(), r.oursSeconds(),
            Double.isNaN(r.peerSeconds()) ? "null" : String.format(Locale.ROOT, "%.4f",
                r.peerSeconds()),
            Double.isNaN(r.ratio()) ? "null" : String.format(Locale.ROOT, "%.2f", r.ratio())));
      }
      out.println(sb.append("\n]}"));
      return;
    }
    out.printf(Locale.ROOT, "%-26s %-12s %-18s %9s %9s %10s %10s %7s%n", "file", "op", "peer",
        "pointea s", "peer s", "pointea MB/s", "peer MB/s", "peer/us");
    for (Result r : results) {
      out.printf(Locale.ROOT, "%-26s %-12s %-18s %9.3f %9s %10.0f %10s %7s%n", r.file(), r.op(),
          r.peer(), r.oursSeconds(), Double.isNaN(r.peerSeconds()) ? "-"
              : String.format(Locale.ROOT, "%.3f", r.peerSeconds()),
          r.bytes() / 1e6 / r.oursSeconds(), Double.isNaN(r.peerSeconds()) ? "-"
              : String.format(Locale.ROOT, "%.0f", r.bytes() / 1e6 / r.peerSeconds()),
          Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()));
    }
    out.printf(Locale.ROOT, "median of %d interleaved runs; load average %.1f before, %.1f after%n",
        reps, loadBefore, loadAfter);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String k = args[i].replaceFirst("^--", "");
      if (k.equals("json") || k.equals("no-peer")) {
        m.put(k, "");
      } else if (i + 1 < args.length) {
        m.put(k, args[++i]);
      }
    }
    return m;
  }
}

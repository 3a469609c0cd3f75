package org.pointea.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.ModelNetDataset;
import org.pointea.io.dataset.PrepareReport;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Subsampling;
import org.pointea.io.dataset.synthetic.SynthesisReport;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.transform.Compose;
import org.pointea.pointcloud.transform.RandomScale;
import org.pointea.pointcloud.transform.Shuffle;

/**
 * Speed of the dataset loaders against the PointNet++ way in numpy, interleaved in one run.
 *
 * <p>The main case builds the preprocessing cache of a synthetic ModelNet in the
 * {@code modelnet40_normal_resampled} layout ({@code --shapes} shapes of {@code --source-points}
 * comma-text points each, all in the training list): read every file, farthest-point-sample it to
 * {@code --points} keeping normals, store. Ours is {@link ModelNetDataset#prepare()} into a fresh
 * cache folder (no pre-transform, as yanx27 caches before normalising), on {@code --threads}
 * threads and on one; the peer is {@code tools/peers/dataset_numpy.py} (np.loadtxt + numpy FPS +
 * pickle, yanx27's {@code --process_data --use_uniform_sample}). Rounds alternate ours, peer,
 * ours, ... and report medians. Also measured: loading the built cache, {@code get(i, rng)} with
 * an augmentation, and the synthetic generators (in memory and written).
 *
 * <pre>
 * java -cp tools/target/classes:$(cat cp.txt) org.pointea.tools.bench.DatasetBench \
 *     [--dir /tmp/pointea-bench/modelnet10k] [--shapes 10000] [--source-points 10000]
 *     [--points 1024] [--threads 2] [--rounds 1] [--peer-limit 0]
 *     [--python /usr/bin/python3 | --no-peer] [--json]
 * </pre>
 *
 * <p>The generated dataset (about 5.7 GB for the default) is kept in {@code --dir} and reused by
 * later runs with the same sizes; keep it out of the repository.
 */
public final class DatasetBench {
  private Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pointea-bench", "modelnet");
  private int shapes = 10_000;
  private int sourcePoints = 10_000;
  private int points = 1024;
  private int threads = 2;
  private int rounds = 1;
  private int peerLimit;
  private boolean json;
  private boolean generatorCases = true;
  private String python = "/usr/bin/python3";
  private Path peerScript = Path.of("tools/peers/dataset_numpy.py");

  private DatasetBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   * @throws Exception when a measurement fails
   */
  public static void main(String[] args) throws Exception {
    // jhdf logs every HDF5 write at INFO (and warns that writing is "alpha"): keep stdout clean
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    DatasetBench b = new DatasetBench();
    b.parse(args);
    b.run();
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[++i]);
        case "--shapes" -> shapes = Integer.parseInt(args[++i]);
        case "--source-points" -> sourcePoints = Integer.parseInt(args[++i]);
        case "--points" -> points = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--peer-limit" -> peerLimit = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        case "--peer-script" -> peerScript = Path.of(args[++i]);
        case "--no-peer" -> python = null;
        case "--no-generators" -> generatorCases = false;
        case "--json" -> json = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (python != null && (!Files.isExecutable(Path.of(python))
        || !Files.isRegularFile(peerScript))) {
      System.err.println("peer not available (" + python + " " + peerScript
          + "): measuring pointea only");
      python = null;
    }
  }

  private void run() throws Exception {
    String loadBefore = load();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("bench", "dataset");
    root.put("cpus", Runtime.getRuntime().availableProcessors());
    root.put("load_before", loadBefore);
    Path data = dataset(root);
    int trainShapes = Files.readAllLines(data.resolve("modelnet40_train.txt")).size();
    warmUp();
    List<Double> oursT = new ArrayList<>();
    List<Double> oursCpu = new ArrayList<>();
    List<Double> ours1 = new ArrayList<>();
    List<Double> peer = new ArrayList<>();
    List<Double> peerCpu = new ArrayList<>();
    List<Double> loads = new ArrayList<>();
    ModelNetDataset last = null;
    for (int r = 0; r < rounds; r++) {
      Measured m = prepare(data, threads);
      oursT.add(m.seconds);
      oursCpu.add(m.cpuSeconds);
      loads.add(m.loadSeconds);
      last = m.dataset;
      if (python != null) {
        double[] p = peer(data);
        peer.add(p[0]);
        peerCpu.add(p[1]);
      }
      if (threads != 1) {
        ours1.add(prepare(data, 1).seconds);
      }
      log("round %d: ours %d threads %.1f s (cpu %.1f s)%s%s", r + 1, threads, oursT.get(r),
          oursCpu.get(r),
          ours1.isEmpty() ? "" : String.format(Locale.ROOT, ", 1 thread %.1f s", ours1.get(r)),
          peer.isEmpty() ? "" : String.format(Locale.ROOT, ", numpy %.1f s (cpu %.1f s)%s",
              peer.get(r), peerCpu.get(r),
              peerLimit > 0 ? " (first " + peerLimit + " shapes)" : ""));
    }
    Map<String, Object> cache = new LinkedHashMap<>();
    cache.put("shapes", trainShapes);
    cache.put("source_points", sourcePoints);
    cache.put("points", points);
    cache.put("ours_threads", threads);
    cache.put("ours_s", median(oursT));
    cache.put("ours_shapes_per_s", trainShapes / median(oursT));
    cache.put("ours_cpu_s", median(oursCpu));
    if (!ours1.isEmpty()) {
      cache.put("ours_1_thread_s", median(ours1));
    }
    cache.put("load_cache_s", median(loads));
    if (!peer.isEmpty()) {
      int peerShapes = peerLimit > 0 ? Math.min(peerLimit, trainShapes) : trainShapes;
      double peerFull = median(peer) * trainShapes / peerShapes;
      cache.put("peer", "numpy (tools/peers/dataset_numpy.py, np.loadtxt + numpy FPS + pickle)");
      cache.put("peer_shapes_timed", peerShapes);
      cache.put("peer_s", peerFull);
      cache.put("peer_extrapolated", peerShapes < trainShapes);
      cache.put("speedup", peerFull / median(oursT));
      double peerCpuFull = median(peerCpu) * trainShapes / peerShapes;
      cache.put("peer_cpu_s", peerCpuFull);
      cache.put("speedup_cpu_time", peerCpuFull / median(oursCpu));
      if (!ours1.isEmpty()) {
        cache.put("speedup_1_thread", peerFull / median(ours1));
      }
    }
    cache.put("runs", Map.of("ours_s", oursT, "ours_cpu_s", oursCpu, "ours_1_thread_s", ours1,
        "peer_s", peer, "peer_cpu_s", peerCpu));
    root.put("cache_build", cache);
    root.put("access", access(last));
    if (generatorCases) {
      root.put("generators", generators());
    }
    root.put("load_after", load());
    print(root);
  }

  /** Builds the cache of a small dataset of the same kind a few times, for the JIT. */
  private void warmUp() throws IOException {
    Path small = dir.resolve(String.format(Locale.ROOT, "warmup_%d", sourcePoints));
    if (!Files.exists(small.resolve(".generated"))) {
      deleteTree(small);
      SynthesisReport r = SyntheticModelNet.builder().optTrainPerClass(8).optTestPerClass(1)
          .optPoints(sourcePoints).optSeed(7).optThreads(threads).build()
          .write(small, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
      Files.writeString(small.resolve(".generated"), r.toString());
    }
    for (int i = 0; i < 3; i++) {
      prepare(small, threads);
      prepare(small, 1);
    }
  }

  private record Measured(double seconds, double cpuSeconds, double loadSeconds,
      ModelNetDataset dataset) {}

  /** Returns this process's CPU time in seconds (all threads, GC included). */
  private static double cpuSeconds() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private Measured prepare(Path data, int t) throws IOException {
    Path cacheDir = Files.createTempDirectory("pointea-bench-cache");
    try {
      ModelNetDataset.Builder b = ModelNetDataset.builder().setRoot(data).optCacheDir(cacheDir)
          .optSplit(Split.TRAINVAL).optPoints(points).optSampling(Subsampling.FPS)
          .optPreTransform(null).optThreads(t)
          .optTransform(Compose.of(RandomScale.pct(), new Shuffle()));
      ModelNetDataset d = b.build();
      double c0 = cpuSeconds();
      long t0 = System.nanoTime();
      PrepareReport r = d.prepare();
      double built = (System.nanoTime() - t0) / 1e9;
      double cpu = cpuSeconds() - c0;
      if (r.status() != PrepareReport.Status.BUILT) {
        throw new IllegalStateException("expected a fresh build, got " + r);
      }
      ModelNetDataset again = b.build();
      t0 = System.nanoTime();
      PrepareReport loaded = again.prepare();
      double load = (System.nanoTime() - t0) / 1e9;
      if (loaded.status() != PrepareReport.Status.LOADED) {
        throw new IllegalStateException("expected a cache load, got " + loaded);
      }
      return new Measured(built, cpu, load, again);
    } finally {
      deleteTree(cacheDir);
    }
  }

  private double[] peer(Path data) throws IOException, InterruptedException {
    Path out = Files.createTempFile("pointea-bench-peer", ".dat");
    try {
      List<String> cmd = new ArrayList<>(List.of(python, peerScript.toString(), data.toString(),
          Integer.toString(points), out.toString()));
      if (peerLimit > 0) {
        cmd.addAll(List.of("--limit", Integer.toString(peerLimit)));
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(6, TimeUnit.HOURS) || p.exitValue() != 0) {
        throw new IOException("peer failed: " + text);
      }
      String line = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
          .orElseThrow(() -> new IOException("peer printed no result: " + text));
      var node = new ObjectMapper().readTree(line);
      return new double[] {node.get("seconds").asDouble(),
          node.has("cpu_seconds") ? node.get("cpu_seconds").asDouble() : Double.NaN};
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private Map<String, Object> access(ModelNetDataset d) {
    Map<String, Object> out = new LinkedHashMap<>();
    int n = d.size();
    long sink = 0;
    for (int w = 0; w < 2; w++) {
      for (int i = 0; i < Math.min(n, 2000); i++) {
        sink += d.get(i, RandomStreams.of(1, w, i)).cloud().size();
      }
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += d.get(i).cloud().size();
    }
    double plain = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += d.get(i, RandomStreams.of(1, 2, i)).cloud().size();
    }
    double aug = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    sink += IntStream.range(0, n).parallel()
        .map(i -> d.get(i, RandomStreams.of(1, 3, i)).cloud().size()).sum();
    double par = (System.nanoTime() - t0) / 1e9;
    out.put("shapes", n);
    out.put("get_per_s", n / plain);
    out.put("get_with_augmentation_per_s", n / aug);
    out.put("get_with_augmentation_all_threads_per_s", n / par);
    out.put("augmentation", d.transform().toString());
    out.put("check", sink);
    return out;
  }

  private Map<String, Object> generators() throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    SyntheticModelNet mn = SyntheticModelNet.builder().optTrainPerClass(100).optTestPerClass(25)
        .optPoints(2048).optSeed(1).optThreads(threads).build();
    long sink = 0;
    for (int c = 0; c < 12; c++) {
      for (int k = 0; k < 20; k++) {
        sink += mn.cloud(c, k).size();
      }
    }
    long t0 = System.nanoTime();
    int count = 0;
    for (int c = 0; c < 12; c++) {
      for (int k = 0; k < 125; k++) {
        sink += mn.cloud(c, k).size();
        count++;
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    out.put("modelnet_in_memory_2048_points_1_thread_shapes_per_s", count / s);
    t0 = System.nanoTime();
    sink += IntStream.range(0, 12 * 125).parallel()
        .map(i -> mn.cloud(i / 125, i % 125).size()).sum();
    s = (System.nanoTime() - t0) / 1e9;
    out.put("modelnet_in_memory_2048_points_all_threads_shapes_per_s", 12 * 125 / s);
    Path tmp = Files.createTempDirectory("pointea-bench-synth");
    try {
      for (DatasetLayout l : List.of(DatasetLayout.MODELNET_NORMAL_RESAMPLED,
          DatasetLayout.MODELNET_HDF5, DatasetLayout.CLASS_FOLDERS)) {
        mn.write(tmp.resolve("warm" + l), l, DatasetProgress.NONE);
        SynthesisReport r = mn.write(tmp.resolve(l.name()), l, DatasetProgress.NONE);
        out.put("modelnet_write_" + l.name().toLowerCase(Locale.ROOT) + "_shapes_per_s",
            r.shapesPerSecond());
        deleteTree(tmp.resolve("warm" + l));
      }
      SyntheticShapeNetPart sn = SyntheticShapeNetPart.builder().optThreads(threads).build();
      sn.write(tmp.resolve("warm-sn"), DatasetLayout.SHAPENET_PART_NORMAL, DatasetProgress.NONE);
      SynthesisReport r = sn.write(tmp.resolve("sn"), DatasetLayout.SHAPENET_PART_NORMAL,
          DatasetProgress.NONE);
      out.put("shapenetpart_write_normal_text_shapes_per_s", r.shapesPerSecond());
      t0 = System.nanoTime();
      for (int c = 0; c < 6; c++) {
        for (int k = 0; k < 150; k++) {
          PointCloud p = sn.cloud(c, k, 0);
          sink += p.size();
        }
      }
      s = (System.nanoTime() - t0) / 1e9;
      out.put("shapenetpart_in_memory_1_thread_shapes_per_s", 900 / s);
    } finally {
      deleteTree(tmp);
    }
    out.put("check", sink);
    return out;
  }

  /** Returns the benchmark dataset, generating it once (kept for later runs). */
  private Path dataset(Map<String, Object> root) throws IOException {
    Path data = dir.resolve(String.format(Locale.ROOT, "mn_%d_%d", shapes, sourcePoints));
    Path done = data.resolve(".generated");
    int perClass = (shapes + 11) / 12;
    if (!Files.exists(done)) {
      deleteTree(data);
      log("generating %d shapes of %d points in %s ...", perClass * 12, sourcePoints, data);
      SynthesisReport r = SyntheticModelNet.builder().optTrainPerClass(perClass)
          .optTestPerClass(1).optPoints(sourcePoints).optSeed(20240601).optThreads(threads)
          .build().write(data, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
      Files.writeString(done, r.toString());
      log("%s", r);
      root.put("generated", r.toString());
    }
    return data;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private void print(Map<String, Object> root) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    if (json) {
      System.out.println(m.writeValueAsString(root));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) root.get("cache_build");
    System.out.printf(Locale.ROOT, "dataset bench: %s rounds, medians; load %s -> %s; %s cpus%n",
        rounds, root.get("load_before"), root.get("load_after"), root.get("cpus"));
    System.out.printf(Locale.ROOT, "cache build, %s shapes x %s points -> FPS %s, normals kept%n",
        c.get("shapes"), c.get("source_points"), c.get("points"));
    System.out.printf(Locale.ROOT, "  pointea, %s threads   %8.1f s  (%.0f shapes/s)%n",
        c.get("ours_threads"), (double) c.get("ours_s"), (double) c.get("ours_shapes_per_s"));
    if (c.containsKey("ours_1_thread_s")) {
      System.out.printf(Locale.ROOT, "  pointea, 1 thread    %8.1f s%n",
          (double) c.get("ours_1_thread_s"));
    }
    if (c.containsKey("peer_s")) {
      System.out.printf(Locale.ROOT, "  numpy (PointNet++)   %8.1f s%s%n", (double) c.get("peer_s"),
          (boolean) c.get("peer_extrapolated") ? "  (extrapolated from " + c.get("peer_shapes_timed")
              + " shapes)" : "");
      System.out.printf(Locale.ROOT, "  speedup              %8.1fx (1 thread: %.1fx; CPU time %.1f s vs"
          + " %.1f s: %.1fx)%n", (double) c.get("speedup"),
          (double) c.getOrDefault("speedup_1_thread", Double.NaN), (double) c.get("ours_cpu_s"),
          (double) c.get("peer_cpu_s"), (double) c.get("speedup_cpu_time"));
    }
    System.out.printf(Locale.ROOT, "  load the built cache %8.2f s%n", (double) c.get("load_cache_s"));
    System.out.println("access: " + m.writeValueAsString(root.get("access")));
    if (root.containsKey("generators")) {
      System.out.println("generators: " + m.writeValueAsString(root.get("generators")));
    }
  }

  private static double median(List<Double> v) {
    if (v.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}

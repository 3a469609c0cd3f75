package org.pointea.tools.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.pointea.eval.ConfusionMatrix;
import org.pointea.eval.MetricsJson;
import org.pointea.eval.PartSegmentationEvaluator;
import org.pointea.eval.render.ColorBy;
import org.pointea.eval.render.PointCloudRenderer;
import org.pointea.eval.render.RenderOptions;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * Speed of the eval module against its Python peers, interleaved in one run (ours, peer, ours,
 * peer, ...; medians): ShapeNet-part IoU from logits and from part ids against the PointNet++ /
 * yanx27 numpy loop, classification metrics against scikit-learn, and rendering a 10k-point cloud
 * to PNG against matplotlib's headless 3-D scatter.
 *
 * <pre>
 * java -cp tools/target/classes:$(cat cp.txt) org.pointea.tools.bench.EvalBench [--json]
 *     [--shapes 2874] [--points 2048] [--samples 1000000] [--render-points 10000] [--rounds 5]
 *     [--python /usr/bin/python3 | --no-peer]
 * </pre>
 */
public final class EvalBench {
  private static final int BATCH = 32;

  private int shapes = 2874;
  private int points = 2048;
  private int samples = 1_000_000;
  private int renderPoints = 10_000;
  private int rounds = 5;
  private boolean json;
  private String python = Peers.DEFAULT_PYTHON;
  private Path peerScript = Peers.script("eval_peer.py").orElse(Path.of("tools/peers/eval_peer.py"));
  private final PrintStream out;
  private final PrintStream log;

  private EvalBench(PrintStream out, PrintStream log) {
    this.out = out;
    this.log = log;
  }

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   * @throws Exception when a measurement fails
   */
  public static void main(String[] args) throws Exception {
    run(args, System.out, System.err);
  }

  /**
   * Runs the benchmark ({@code pointea bench eval}).
   *
   * @param args see the class comment
   * @param out where the table or JSON goes
   * @param log where progress and notes go
   * @throws Exception when a measurement fails
   */
  public static void run(String[] args, PrintStream out, PrintStream log) throws Exception {
    System.setProperty("java.awt.headless", "true");
    EvalBench b = new EvalBench(out, log);
    b.parse(args);
    b.run();
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--shapes" -> shapes = Integer.parseInt(args[++i]);
        case "--points" -> points = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--render-points" -> renderPoints = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        case "--peer-script" -> peerScript = Path.of(args[++i]);
        case "--no-peer" -> python = null;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (python != null && (!Files.isExecutable(Path.of(python)) || !Files.isRegularFile(peerScript))) {
      log.println("peer not available (" + python + " " + peerScript + "): measuring pointea only");
      python = null;
    }
    if (python != null) {
      Optional<String> missing = Peers.missing(python, "numpy", "sklearn", "matplotlib");
      if (missing.isPresent()) {
        log.println("peer not available (" + missing.get() + "): measuring pointea only");
        python = null;
      }
    }
  }

  /** One measured operation: ours, and optionally the peer task of {@code eval_peer.py}. */
  private record Case(String name, String unit, double units, Runnable ours, String peerTask) {}

  private void run() throws Exception {
    List<Case> cases = cases();
    String loadBefore = load();
    Map<String, List<Double>> ours = new LinkedHashMap<>();
    Map<String, List<Double>> peer = new LinkedHashMap<>();
    for (Case c : cases) {
      // warm up: JIT and caches
      for (int i = 0; i < 3; i++) {
        c.ours().run();
      }
      ours.put(c.name(), new ArrayList<>());
      peer.put(c.name(), new ArrayList<>());
    }
    for (int r = 0; r < rounds; r++) {
      for (Case c : cases) {
        ours.get(c.name()).add(time(c.ours()));
        if (python != null && c.peerTask() != null) {
          peer.get(c.name()).add(peer(c.peerTask()));
        }
      }
    }
    String loadAfter = load();

    List<Map<String, Object>> rows = new ArrayList<>();
    for (Case c : cases) {
      double o = median(ours.get(c.name()));
      double p = median(peer.get(c.name()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("case", c.name());
      row.put("pointea_s", o);
      row.put("pointea_throughput", c.units() / o);
      row.put("unit", c.unit() + "/s");
      row.put("peer", c.peerTask() == null || python == null ? null : peerName(c.peerTask()));
      row.put("peer_s", p);
      row.put("speedup", p / o);
      rows.add(row);
    }
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("bench", "eval");
      root.put("rounds", rounds);
      root.put("load_before", loadBefore);
      root.put("load_after", loadAfter);
      root.put("cpus", Runtime.getRuntime().availableProcessors());
      root.put("shapes", shapes);
      root.put("points", points);
      root.put("samples", samples);
      root.put("render_points", renderPoints);
      root.put("results", rows);
      out.println(MetricsJson.toJson(root));
      return;
    }
    out.printf(Locale.ROOT, "eval bench: %d rounds interleaved, medians; load %s -> %s; %d cpus%n",
        rounds, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "%-50s %10s %20s   %-32s %10s %8s%n",
        "case", "pointea", "throughput", "peer", "peer", "speedup");
    for (Map<String, Object> row : rows) {
      double p = (double) row.get("peer_s");
      out.printf(Locale.ROOT, "%-50s %9.4fs %9.3g %-10s   %-32s %10s %8s%n",
          row.get("case"), (double) row.get("pointea_s"), (double) row.get("pointea_throughput"),
          row.get("unit"), row.get("peer") == null ? "-" : row.get("peer"),
          Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.4fs", p),
          Double.isNaN(p) ? "-" : String.format(Locale.ROOT, "%.1fx", (double) row.get("speedup")));
    }
  }

  private List<Case> cases() {
    SplittableRandom rnd = new SplittableRandom(1);
    int[] categories = rnd.ints(shapes, 0, ShapeNetPart.CATEGORIES).toArray();
    int[] labels = new int[shapes * points];
    int[] preds = new int[shapes * points];
    for (int s = 0; s < shapes; s++) {
      int first = ShapeNetPart.firstPart(categories[s]);
      int count = ShapeNetPart.partCount(categories[s]);
      for (int i = 0; i < points; i++) {
        int l = first + rnd.nextInt(count);
        labels[s * points + i] = l;
        preds[s * points + i] = rnd.nextDouble() < 0.8 ? l : rnd.nextInt(ShapeNetPart.PARTS);
      }
    }
    float[] batchLogits = new float[BATCH * points * ShapeNetPart.PARTS];
    for (int i = 0; i < batchLogits.length; i++) {
      batchLogits[i] = (float) rnd.nextDouble(-3, 3);
    }
    int[] y = rnd.ints(samples, 0, 40).toArray();
    int[] p = IntStream.range(0, samples).map(i -> rnd.nextDouble() < 0.9 ? y[i] : rnd.nextInt(40)).toArray();
    List<String> names = IntStream.range(0, 40).mapToObj(i -> "class" + i).toList();
    PointCloud sphere = sphere(renderPoints, rnd);
    PointCloudRenderer one = new PointCloudRenderer(
        RenderOptions.builder().optSize(512, 512).optColorBy(ColorBy.LABEL).build());
    PointCloudRenderer three = new PointCloudRenderer(
        RenderOptions.builder().optSize(512, 512).optViews(3).optColorBy(ColorBy.LABEL).build());

    List<Case> cases = new ArrayList<>();
    cases.add(new Case(
        String.format(Locale.ROOT, "partseg IoU, logits %dx%dx50 (batches of %d)", shapes, points, BATCH),
        "shapes", shapes,
        () -> {
          PartSegmentationEvaluator e = new PartSegmentationEvaluator();
          for (int s = 0; s < shapes; s++) {
            e.addShapeLogits(categories[s], labels, s * points, batchLogits,
                (s % BATCH) * points * ShapeNetPart.PARTS, points);
          }
          sink(e.instanceMiou());
        },
        "partseg-logits"));
    cases.add(new Case(
        String.format(Locale.ROOT, "partseg IoU, part ids %dx%d", shapes, points),
        "shapes", shapes,
        () -> {
          PartSegmentationEvaluator e = new PartSegmentationEvaluator();
          e.addShapes(categories, labels, preds);
          sink(e.result().classMiou());
        },
        "partseg-pred"));
    cases.add(new Case(
        String.format(Locale.ROOT, "cls metrics, %d samples x 40 classes", samples),
        "samples", samples,
        () -> sink(ConfusionMatrix.of(y, p, 40).result(names).macroF1()),
        "cls"));
    cases.add(new Case(
        String.format(Locale.ROOT, "render %d pts, 512x512, 1 view", renderPoints),
        "images", 1,
        () -> sink(one.render(sphere).getRGB(256, 256)),
        null));
    cases.add(new Case(
        String.format(Locale.ROOT, "render %d pts, 512x512, 1 view + PNG", renderPoints),
        "images", 1,
        () -> sink(png(one.render(sphere))),
        "render"));
    cases.add(new Case(
        String.format(Locale.ROOT, "render %d pts, 3 views of 512x512", renderPoints),
        "images", 1,
        () -> sink(three.render(sphere).getRGB(10, 10)),
        null));
    return cases;
  }

  private static PointCloud sphere(int n, SplittableRandom rnd) {
    float[] xyz = new float[3 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double z = rnd.nextDouble(-1, 1);
      double t = rnd.nextDouble(0, 2 * Math.PI);
      double r = Math.sqrt(1 - z * z);
      xyz[3 * i] = (float) (r * Math.cos(t));
      xyz[3 * i + 1] = (float) (r * Math.sin(t));
      xyz[3 * i + 2] = (float) z;
      labels[i] = (xyz[3 * i] > 0 ? 1 : 0) + (xyz[3 * i + 1] > 0 ? 2 : 0);
    }
    return PointCloud.builder(xyz).labels(labels).build();
  }

  private static int png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      ImageIO.write(img, "png", out);
      return out.size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double sinkValue;

  private static void sink(double v) {
    sinkValue += v;
  }

  /** Seconds per run, averaged over enough runs to take at least 0.2 s. */
  private static double time(Runnable r) {
    int reps = 0;
    long start = System.nanoTime();
    long now;
    do {
      r.run();
      reps++;
      now = System.nanoTime();
    } while (now - start < 200_000_000L);
    return (now - start) / 1e9 / reps;
  }

  private double peer(String task) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(python, peerScript.toString(), task,
        "--shapes", Integer.toString(shapes), "--points", Integer.toString(points),
        "--samples", Integer.toString(samples), "--render-points", Integer.toString(renderPoints));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT); // the peer's progress lines
    Process proc = pb.start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!proc.waitFor(300, TimeUnit.SECONDS) || proc.exitValue() != 0) {
      throw new IOException("peer " + task + " failed: " + out);
    }
    return MetricsJson.mapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}")).get("seconds").doubleValue();
  }

  private static String peerName(String task) {
    return switch (task) {
      case "partseg-logits", "partseg-pred" -> "numpy (PointNet++/yanx27 loop)";
      case "cls" -> "scikit-learn 4 metrics";
      case "render" -> "matplotlib Agg scatter3D + PNG";
      default -> task;
    };
  }

  private static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}

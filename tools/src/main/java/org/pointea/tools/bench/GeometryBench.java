package org.pointea.tools.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.pcd.PcdWriteOptions;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.filters.CropBox;
import org.pointea.pointcloud.filters.CropPolygon;
import org.pointea.pointcloud.filters.LabelSelection;
import org.pointea.pointcloud.filters.RadiusOutlierRemoval;
import org.pointea.pointcloud.filters.StatisticalOutlierRemoval;
import org.pointea.pointcloud.neighbors.KdTree;
import org.pointea.pointcloud.normals.Neighborhood;
import org.pointea.pointcloud.normals.NormalEstimator;
import org.pointea.pointcloud.registration.Icp;
import org.pointea.pointcloud.registration.IcpMethod;
import org.pointea.pointcloud.registration.RegistrationResult;
import org.pointea.pointcloud.registration.Transforms;
import org.pointea.pointcloud.segmentation.Dbscan;
import org.pointea.pointcloud.segmentation.EuclideanClusterExtraction;
import org.pointea.pointcloud.segmentation.PlaneSegmentation;

/**
 * Benchmarks of the geometry algorithms against Open3D 0.16 on one cloud, with the same input and
 * the same parameters on both sides: statistical and radius outlier removal, RANSAC plane
 * segmentation (1000 hypotheses, no early stop), DBSCAN, Euclidean clusters (against Open3D's
 * DBSCAN with {@code min_points = 1}, which computes the same connected components), ICP
 * point-to-point and point-to-plane, crop by box and by polygon, selection by label. Every case
 * returns a new cloud on both sides, as Open3D's functions do.
 *
 * <p>The cloud is a real file ({@code --cloud}) or a generated scene (a floor, boxes, spheres and
 * 5 % clutter, 200,000 points); non-finite points are dropped. Radii scale with the cloud's median
 * nearest-neighbour spacing {@code s}: radius outliers 4s, plane threshold 2s, DBSCAN and
 * Euclidean 3s, ICP 10s (source: the cloud moved by 2 degrees and 3s). Both sides read the cloud
 * from one temporary PCD (with the normals both ICPs use) and take the parameters from this class,
 * so the timings compare like with like; {@code tools/peers/geometry_open3d.py} is the peer.
 */
public final class GeometryBench {
  private GeometryBench() {}

  /** The case names, in run order. */
  public static final List<String> CASES = List.of(
      "statistical_outliers",
      "radius_outliers",
      "plane_ransac_1000",
      "dbscan",
      "euclidean_clusters",
      "icp_point_to_point",
      "icp_point_to_plane",
      "crop_box",
      "crop_polygon",
      "select_by_label");

  /**
   * One side's timing of one case: medians over the measured runs of the wall time and of the
   * process's CPU time (every thread, so a parallel run costs more CPU than wall time). Under load
   * the CPU time is the steadier of the two: it does not count the time the process waits for a
   * core.
   *
   * @param name the case
   * @param impl what ran, e.g. {@code open3d remove_statistical_outlier}
   * @param runs measured runs
   * @param wallSeconds median wall time
   * @param cpuSeconds median process CPU time
   * @param detail parameters and outcome, for the reader
   */
  public record Timing(
      @JsonProperty("name") String name,
      @JsonProperty("impl") String impl,
      @JsonProperty("runs") int runs,
      @JsonProperty("wall_s") double wallSeconds,
      @JsonProperty("cpu_s") double cpuSeconds,
      @JsonProperty("detail") String detail) {}

  /**
   * One line of the comparison: the peer's time over pointea's (above 1: pointea is faster).
   *
   * @param name the case
   * @param pointea pointea's timing
   * @param peer the peer's, or null
   * @param wallRatio peer wall / pointea wall
   * @param cpuRatio peer CPU / pointea CPU
   */
  public record Row(
      @JsonProperty("name") String name,
      @JsonProperty("pointea") Timing pointea,
      @JsonProperty("peer") Timing peer,
      @JsonProperty("wall_ratio") double wallRatio,
      @JsonProperty("cpu_ratio") double cpuRatio) {}

  /**
   * The workload: the cloud (positions, normals, labels), the moved ICP source and the
   * parameters, all of which the peer receives too.
   *
   * @param cloud the cloud, finite, with normals and labels
   * @param source the ICP source: the cloud moved
   * @param params parameters by name, as the peer reads them
   */
  public record Workload(PointCloud cloud, PointCloud source, Map<String, Object> params) {}

  /**
   * Builds the workload from a file or the generated scene.
   *
   * @param file a cloud file, or null for the generated scene
   * @param points points of the generated scene
   * @param log progress
   * @return the workload
   * @throws IOException when the file cannot be read
   */
  public static Workload workload(Path file, int points, PrintStream log) throws IOException {
    PointCloud raw = file == null ? PointCloud.of(scene(points, 7))
        : PointCloudIO.read(file, ReadOptions.builder().optRemoveNonFinite(true).build());
    float[] xyz = raw.positions();
    int n = raw.size();
    if (n < 100) {
      throw new IllegalArgumentException((file == null ? "the scene" : file.toString())
          + " has " + n + " finite points; the benchmark needs at least 100");
    }
    KdTree tree = KdTree.build(xyz, n);
    double s = spacing(xyz, n, tree);
    float[] normals = new float[3 * n];
    NormalEstimator.estimate(xyz, n, tree, Neighborhood.knn(20), null, normals, null, 0);
    // labels: eight slabs along x
    double[] b = bounds(xyz, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (int) Math.min(7, Math.floor(8 * (xyz[3 * i] - b[0]) / (b[3] - b[0] + 1e-30)));
    }
    PointCloud cloud = PointCloud.builder(xyz).normals(normals).labels(labels).build();
    double[] motion = Transforms.fromAxisAngle(1, 2, 3, Math.toRadians(2), 3 * s, 3 * s, 3 * s);
    PointCloud source = PointCloud.of(Transforms.apply(motion, xyz, n));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("points", n);
    p.put("spacing", s);
    p.put("sor_nb_neighbors", 20);
    p.put("sor_std_ratio", 2.0);
    p.put("ror_nb_points", 16);
    p.put("ror_radius", 4 * s);
    p.put("plane_distance", 2 * s);
    p.put("plane_iterations", 1000);
    p.put("dbscan_eps", 3 * s);
    p.put("dbscan_min_points", 10);
    p.put("euclidean_tolerance", 3 * s);
    p.put("icp_max_distance", 10 * s);
    p.put("icp_max_iteration", 30);
    double cx = (b[0] + b[3]) / 2, cy = (b[1] + b[4]) / 2, cz = (b[2] + b[5]) / 2;
    double hx = (b[3] - b[0]) / 4, hy = (b[4] - b[1]) / 4, hz = (b[5] - b[2]) / 4;
    p.put("box_min", List.of(cx - hx, cy - hy, cz - hz));
    p.put("box_max", List.of(cx + hx, cy + hy, cz + hz));
    List<Double> poly = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      double a = Math.PI * k / 4;
      double r = k % 2 == 0 ? 1.0 : 0.5; // a star, concave
      poly.add(cx + 2 * hx * r * Math.cos(a));
      poly.add(cy + 2 * hy * r * Math.sin(a));
    }
    p.put("polygon_xy", poly);
    p.put("polygon_z_range", List.of(cz - 2 * hz, cz + 2 * hz));
    p.put("label", 3);
    log.printf(Locale.ROOT, "cloud: %s, %d points, spacing %.4g%n",
        file == null ? "generated scene" : file, n, s);
    return new Workload(cloud, source, p);
  }

  /**
   * Runs pointea's side of every selected case on all processors.
   *
   * @param w the workload
   * @param cases the cases, each in {@link #CASES}
   * @param runs measured runs per case
   * @param log progress
   * @return one timing per case
   */
  public static List<Timing> run(Workload w, List<String> cases, int runs, PrintStream log) {
    Runner r = new Runner(runs);
    Map<String, Object> p = w.params();
    PointCloud cloud = w.cloud();
    float[] xyz = cloud.positions();
    int n = cloud.size();
    float[] normals = cloud.normals();
    float[] src = w.source().positions();
    List<Timing> out = new ArrayList<>();
    for (String name : CASES) {
      if (!cases.contains(name)) {
        continue;
      }
      log.println(name + " ...");
      switch (name) {
        case "statistical_outliers" -> {
          var f = StatisticalOutlierRemoval.open3d(i(p, "sor_nb_neighbors"), d(p, "sor_std_ratio"));
          out.add(r.measure(name, f.toString(), () -> f.apply(cloud).size()));
        }
        case "radius_outliers" -> {
          var f = RadiusOutlierRemoval.open3d(i(p, "ror_nb_points"), d(p, "ror_radius"));
          out.add(r.measure(name, f.toString(), () -> f.apply(cloud).size()));
        }
        case "plane_ransac_1000" -> {
          var seg = new PlaneSegmentation(d(p, "plane_distance"), 3, i(p, "plane_iterations"), 1.0);
          long[] seed = {0};
          out.add(r.measure(name, seg.toString(), () ->
              seg.segment(xyz, n, seed[0]++, 0).inliers().length));
        }
        case "dbscan" -> {
          var db = new Dbscan(d(p, "dbscan_eps"), i(p, "dbscan_min_points"));
          out.add(r.measure(name, db.toString(), () ->
              db.cluster(xyz, n, 0).clusterCount()));
        }
        case "euclidean_clusters" -> {
          var ec = EuclideanClusterExtraction.of(d(p, "euclidean_tolerance"));
          out.add(r.measure(name, ec.toString(), () ->
              ec.cluster(xyz, n, 0).clusterCount()));
        }
        case "icp_point_to_point", "icp_point_to_plane" -> {
          boolean plane = name.endsWith("plane");
          Icp icp = Icp.builder().setMaxCorrespondenceDistance(d(p, "icp_max_distance"))
              .optMethod(plane ? IcpMethod.POINT_TO_PLANE : IcpMethod.POINT_TO_POINT)
              .optMaxIterations(i(p, "icp_max_iteration")).build();
          RegistrationResult[] last = new RegistrationResult[1];
          Timing m = r.measure(name, icp.toString(), () -> {
            last[0] = icp.register(src, n, xyz, n, plane ? normals : null,
                Transforms.identity(), 0);
            return last[0].correspondenceCount();
          });
          out.add(new Timing(m.name(), m.impl(), m.runs(), m.wallSeconds(), m.cpuSeconds(),
              m.detail() + ", " + last[0].iterations() + " iterations, fitness "
              + String.format(Locale.ROOT, "%.4f", last[0].fitness())));
        }
        case "crop_box" -> {
          List<?> lo = (List<?>) p.get("box_min");
          List<?> hi = (List<?>) p.get("box_max");
          CropBox box = new CropBox(num(lo, 0), num(lo, 1), num(lo, 2), num(hi, 0), num(hi, 1),
              num(hi, 2));
          out.add(r.measure(name, box.toString(), () -> box.apply(cloud, false).size()));
        }
        case "crop_polygon" -> {
          List<?> poly = (List<?>) p.get("polygon_xy");
          double[] uv = new double[poly.size()];
          for (int k = 0; k < uv.length; k++) {
            uv[k] = num(poly, k);
          }
          List<?> range = (List<?>) p.get("polygon_z_range");
          CropPolygon crop = CropPolygon.of(CropPolygon.Axis.Z, uv, num(range, 0), num(range, 1));
          out.add(r.measure(name, crop.toString(), () -> crop.apply(cloud, false).size()));
        }
        case "select_by_label" -> {
          LabelSelection sel = LabelSelection.of(i(p, "label"));
          out.add(r.measure(name, sel.toString(), () ->
              sel.select(cloud, Channel.LABELS).size()));
        }
        default -> throw new IllegalStateException(name);
      }
    }
    log.println("checksum " + r.sink);
    return out;
  }

  /**
   * Times whole operations: warm-up until at least 3 calls and 1 s of process CPU time (so the
   * JIT has compiled the code even when the machine is loaded), then {@code runs} measured runs
   * of as many calls as take at least 50 ms of CPU time (the process CPU clock is coarse), timed
   * per call.
   */
  private static final class Runner {
    private final int runs;
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean();
    long sink;

    Runner(int runs) {
      this.runs = runs;
    }

    Timing measure(String name, String detail, java.util.function.LongSupplier body) {
      long cpu0 = os.getProcessCpuTime();
      int done = 0;
      while (done < 3 || os.getProcessCpuTime() - cpu0 < 1_000_000_000L) {
        sink += body.getAsLong();
        done++;
      }
      double perCall = (os.getProcessCpuTime() - cpu0) / 1e9 / done;
      int reps = (int) Math.max(1, Math.min(100_000, Math.ceil(0.05 / Math.max(perCall, 1e-9))));
      double[] wall = new double[runs];
      double[] cpu = new double[runs];
      for (int i = 0; i < runs; i++) {
        long c = os.getProcessCpuTime();
        long t = System.nanoTime();
        for (int k = 0; k < reps; k++) {
          sink += body.getAsLong();
        }
        wall[i] = (System.nanoTime() - t) / 1e9 / reps;
        cpu[i] = (os.getProcessCpuTime() - c) / 1e9 / reps;
      }
      return new Timing(name, "pointea", runs, median(wall), median(cpu), detail
          + (reps > 1 ? " (" + reps + " calls per run)" : ""));
    }
  }

  /**
   * Returns the median over rounds of each case's wall and CPU medians.
   *
   * @param rounds one list of timings per round, cases in the same order
   * @return one timing per case
   */
  public static List<Timing> mergeRounds(List<List<Timing>> rounds) {
    List<Timing> out = new ArrayList<>();
    if (rounds.isEmpty()) {
      return out;
    }
    for (Timing first : rounds.get(0)) {
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      int runs = 0;
      for (List<Timing> round : rounds) {
        for (Timing t : round) {
          if (t.name().equals(first.name()) && t.impl().equals(first.impl())) {
            wall.add(t.wallSeconds());
            cpu.add(t.cpuSeconds());
            runs += t.runs();
          }
        }
      }
      out.add(new Timing(first.name(), first.impl(), runs,
          median(wall.stream().mapToDouble(Double::doubleValue).toArray()),
          median(cpu.stream().mapToDouble(Double::doubleValue).toArray()), first.detail()));
    }
    return out;
  }

  /**
   * Lines pointea's timings up with the peer's, case by case.
   *
   * @param ours pointea's timings
   * @param peer the peer's (may be empty)
   * @return one row per pointea case
   */
  public static List<Row> compare(List<Timing> ours, List<Timing> peer) {
    List<Row> rows = new ArrayList<>();
    for (Timing o : ours) {
      Timing p = peer.stream().filter(t -> t.name().equals(o.name())).findFirst().orElse(null);
      rows.add(new Row(o.name(), o, p, p == null ? Double.NaN : p.wallSeconds() / o.wallSeconds(),
          p == null ? Double.NaN : p.cpuSeconds() / o.cpuSeconds()));
    }
    return rows;
  }

  /**
   * Formats timings, or the comparison when the peer ran, as a text table.
   *
   * @param rows the comparison rows (peer may be null)
   * @return the table
   */
  public static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-22s %10s %10s %7s %10s %10s %7s  %s%n", "case",
        "pointea s", "peer s", "ratio", "pointea cpu", "peer cpu", "ratio", "peer"));
    for (Row r : rows) {
      Timing p = r.peer();
      sb.append(String.format(Locale.ROOT, "%-22s %10.4f %10s %7s %10.4f %10s %7s  %s%n",
          r.name(), r.pointea().wallSeconds(), p == null ? "-" : fmt(p.wallSeconds()),
          ratio(r.wallRatio()), r.pointea().cpuSeconds(), p == null ? "-" : fmt(p.cpuSeconds()),
          ratio(r.cpuRatio()), p == null ? "-" : p.impl()));
    }
    return sb.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String ratio(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * Writes the workload for the peer: {@code cloud.pcd} (positions and normals), {@code
   * source.pcd}, {@code labels.i32} (little-endian int32) and {@code params.json}.
   *
   * @param w the workload
   * @param dir a folder
   * @throws IOException on a write error
   */
  public static void writeForPeer(Workload w, Path dir) throws IOException {
    PointCloud cloud = w.cloud();
    PointCloudIO.write(dir.resolve("cloud.pcd"), cloud.withoutChannel(Channel.LABELS),
        PcdWriteOptions.binary());
    PointCloudIO.write(dir.resolve("source.pcd"), w.source(), PcdWriteOptions.binary());
    int[] labels = cloud.labels();
    ByteBuffer buf = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(labels);
    Files.write(dir.resolve("labels.i32"), buf.array());
    Files.writeString(dir.resolve("params.json"),
        new ObjectMapper().writeValueAsString(w.params()));
  }

  /**
   * The result of one peer run.
   *
   * @param versions the peer's package versions
   * @param timings one per case
   */
  public record PeerRun(Map<String, String> versions, List<Timing> timings) {}

  /**
   * Runs the peer once on a workload written by {@link #writeForPeer}.
   *
   * @param python the interpreter
   * @param script {@code geometry_open3d.py}
   * @param dir the workload folder
   * @param runs measured runs per case
   * @param cases the cases
   * @return its timings and versions
   * @throws IOException when the script fails
   */
  public static PeerRun runPeer(String python, Path script, Path dir, int runs,
      List<String> cases) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--dir", dir.toString(),
        "--json", "--runs", Integer.toString(runs)));
    for (String c : cases) {
      cmd.add("--case");
      cmd.add(c);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process proc = pb.start();
    String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!proc.waitFor(3600, TimeUnit.SECONDS) || proc.exitValue() != 0) {
        proc.destroyForcibly();
        throw new IOException(script + " failed (exit " + (proc.isAlive() ? "timeout"
            : proc.exitValue()) + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    JsonNode doc = new ObjectMapper().readTree(text);
    List<Timing> timings = new ArrayList<>();
    for (JsonNode t : doc.get("results")) {
      timings.add(new Timing(t.get("name").asText(), t.get("peer").asText(),
          t.get("runs").asInt(), t.get("medianSeconds").asDouble(),
          t.get("medianCpuSeconds").asDouble(), t.path("detail").asText("")));
    }
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("open3d", doc.path("open3d").asText(null));
    versions.put("numpy", doc.path("numpy").asText(null));
    return new PeerRun(versions, timings);
  }

  /**
   * Returns the generated scene: a 4 x 4 floor (60 %), three boxes' and two spheres' surfaces
   * (35 %) and uniform clutter (5 %), in metres, with 2 mm noise.
   *
   * @param n points
   * @param seed random seed
   * @return packed positions
   */
  public static float[] scene(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    double[][] boxes = {{0.5, 0.5, 0, 1.1, 1.0, 0.7}, {2.2, 0.6, 0, 2.6, 1.4, 0.4},
        {1.0, 2.5, 0, 1.8, 3.2, 1.1}};
    double[][] spheres = {{3.0, 3.0, 0.35, 0.35}, {2.8, 2.0, 0.2, 0.2}};
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      double x, y, z;
      if (u < 0.60) {
        x = 4 * r.nextDouble();
        y = 4 * r.nextDouble();
        z = 0;
      } else if (u < 0.80) {
        double[] b = boxes[r.nextInt(boxes.length)];
        int face = r.nextInt(5); // no bottom
        double a = r.nextDouble(), c = r.nextDouble();
        x = b[0] + a * (b[3] - b[0]);
        y = b[1] + c * (b[4] - b[1]);
        z = b[2] + r.nextDouble() * (b[5] - b[2]);
        switch (face) {
          case 0 -> z = b[5];
          case 1 -> x = b[0];
          case 2 -> x = b[3];
          case 3 -> y = b[1];
          default -> y = b[4];
        }
      } else if (u < 0.95) {
        double[] s = spheres[r.nextInt(spheres.length)];
        double cz = 2 * r.nextDouble() - 1, phi = 2 * Math.PI * r.nextDouble();
        double rho = Math.sqrt(1 - cz * cz);
        x = s[0] + s[3] * rho * Math.cos(phi);
        y = s[1] + s[3] * rho * Math.sin(phi);
        z = s[2] + s[3] * cz;
      } else {
        x = 4 * r.nextDouble();
        y = 4 * r.nextDouble();
        z = 1.5 * r.nextDouble();
      }
      xyz[3 * i] = (float) (x + 0.002 * r.nextGaussian());
      xyz[3 * i + 1] = (float) (y + 0.002 * r.nextGaussian());
      xyz[3 * i + 2] = (float) (z + 0.002 * r.nextGaussian());
    }
    return xyz;
  }

  /** The median distance to the nearest other point, over up to 2,000 evenly spaced points. */
  static double spacing(float[] xyz, int n, KdTree tree) {
    int step = Math.max(1, n / 2000);
    List<Double> d = new ArrayList<>();
    int[] idx = new int[2];
    float[] d2 = new float[2];
    for (int i = 0; i < n; i += step) {
      if (tree.knn(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], 2, idx, d2, 0) == 2) {
        d.add(Math.sqrt(d2[1]));
      }
    }
    double[] a = d.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).toArray();
    Arrays.sort(a);
    return a.length == 0 ? 1e-3 : a[a.length / 2];
  }

  private static double[] bounds(float[] xyz, int n) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < 3; a++) {
        b[a] = Math.min(b[a], xyz[3 * i + a]);
        b[3 + a] = Math.max(b[3 + a], xyz[3 * i + a]);
      }
    }
    return b;
  }

  private static int i(Map<String, Object> p, String key) {
    return ((Number) p.get(key)).intValue();
  }

  private static double d(Map<String, Object> p, String key) {
    return ((Number) p.get(key)).doubleValue();
  }

  private static double num(List<?> l, int k) {
    return ((Number) l.get(k)).doubleValue();
  }
}

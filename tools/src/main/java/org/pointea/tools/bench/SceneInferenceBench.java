package org.pointea.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pointea.eval.MetricsJson;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.scene.SceneClasses;
import org.pointea.io.dataset.synthetic.SyntheticIndoorScenes;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyWriter;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.inference.Predictor;
import org.pointea.models.network.Network;
import org.pointea.models.pct.PctSemSegConfig;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.semseg.SceneSegmentation;
import org.pointea.models.task.semseg.SemanticSegmentationTask;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.scene.BlockFeatures;
import org.pointea.pointcloud.scene.TilingOptions;

/**
 * Whole-scan inference of a scene model against the same pipeline in PyTorch
 * ({@code tools/peers/scene_pytorch.py}: the PCT segmentation network with a semantic head, the same
 * tiling and voting), on synthetic storeys of the sizes asked (1 M and 10 M points by default): each
 * side in its own process, interleaved, wall time of the labelling and the process's peak resident
 * memory, the process's CPU time (the fair measure on a loaded machine), and the time per point at
 * each size (linearity). Weights are random (the time does not depend on them). Also the training step of both on blocks (points per second).
 *
 * <pre>
 * java -cp tools/target/pointea.jar org.pointea.tools.bench.SceneInferenceBench [--sizes 1000000,10000000]
 *     [--model light|pct] [--stride 1.0] [--batch 8] [--rounds 1] [--dir /tmp/pointea-scenes]
 *     [--xmx 3g] [--python /usr/bin/python3 | --no-peer] [--json]
 * </pre>
 */
public final class SceneInferenceBench {
    private List<Integer> sizes = List.of(1_000_000, 10_000_000);
    private String model = "light";
    private float stride = 1f;
    private int batch = 8;
    private int rounds = 1;
    private Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pointea-scenes");
    private String xmx = "3g";
    private String python = Peers.DEFAULT_PYTHON;
    private boolean noPeer;
    private boolean json;
    private boolean train = true;
    private final PrintStream out;
    private final PrintStream log;

    private SceneInferenceBench(PrintStream out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    /**
     * Runs the benchmark, or (first argument {@code --child}) one measurement of ours in this process.
     *
     * @param args see the class comment
     * @throws Exception when a measurement fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args);
            return;
        }
        if (args.length > 0 && args[0].equals("--child-train")) {
            childTrain(args);
            return;
        }
        run(args, System.out, System.err);
    }

    /**
     * Runs the benchmark ({@code pointea bench scene --infer}).
     *
     * @param args see the class comment
     * @param out where the table or JSON goes
     * @param log where progress goes
     * @throws Exception when a measurement fails
     */
    public static void run(String[] args, PrintStream out, PrintStream log) throws Exception {
        SceneInferenceBench b = new SceneInferenceBench(out, log);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> {
                    List<Integer> s = new ArrayList<>();
                    for (String v : args[++i].split(",")) {
                        s.add(Integer.parseInt(v.strip()));
                    }
                    b.sizes = s;
                }
                case "--model" -> b.model = args[++i];
                case "--stride" -> b.stride = Float.parseFloat(args[++i]);
                case "--batch" -> b.batch = Integer.parseInt(args[++i]);
                case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
                case "--dir" -> b.dir = Path.of(args[++i]);
                case "--xmx" -> b.xmx = args[++i];
                case "--python" -> b.python = args[++i];
                case "--no-peer" -> b.noPeer = true;
                case "--no-train" -> b.train = false;
                case "--json" -> b.json = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        b.measure();
    }

    private PctSemSegConfig config() {
        return PctSemSegConfig.preset(model, SceneClasses.S3DIS.size(), BlockFeatures.of(true, false, false),
                org.pointea.models.attention.MixerConfig.external());
    }

    private void measure() throws Exception {
        Files.createDirectories(dir);
        PctSemSegConfig cfg = config();
        Path modelDir = dir.resolve("model-" + model);
        ModelSpec spec = ModelSpec.of(model, cfg, SceneClasses.S3DIS, new SemanticSegmentationTask()
                .defaultPreprocessing());
        try (Network net = cfg.create(Backends.cpu(), DType.FLOAT, 1)) {
            ModelDirectory.write(modelDir, spec, net.parameters(), null, null);
        }
        Path peerConfig = dir.resolve("peer-" + model + ".json");
        Files.writeString(peerConfig, String.format(Locale.ROOT, "{\"inputs\": %d, \"channels\": %d, \"fuse\": %d, "
                + "\"head1\": %d, \"head2\": %d, \"classes\": %d, \"slots\": %d, \"dropout\": %s, \"points\": %d}%n",
                cfg.inputWidth(), cfg.channels(), cfg.fuse(), cfg.head1(), cfg.head2(), cfg.classes(),
                cfg.mixer().slots(), cfg.dropout(), cfg.points()));
        Path script = Peers.script("scene_pytorch.py").orElse(null);
        if (!noPeer && (script == null || Peers.missing(python, "torch", "numpy").isPresent())) {
            log.println("peer skipped: scene_pytorch.py or torch missing");
            noPeer = true;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", model);
        result.put("params", spec.config() instanceof PctSemSegConfig ? parameters(cfg) : 0);
        result.put("stride_m", stride);
        result.put("batch", batch);
        result.put("load_before", SceneBench.loadAverage()[0]);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n : sizes) {
            Path ply = dir.resolve("scan_" + n + ".ply");
            Path npy = dir.resolve("scan_" + n + ".npy");
            if (!Files.exists(ply) || !Files.exists(npy)) {
                log.printf(Locale.ROOT, "writing a %,d-point synthetic storey%n", n);
                PointCloud scan = SyntheticIndoorScenes.building(41, n, 2000);
                PointCloudIO.write(ply, scan);
                float[] xyz = scan.positions();
                float[] rgb = scan.colors();
                float[] packed = new float[6 * n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(xyz, 3 * i, packed, 6 * i, 3);
                    System.arraycopy(rgb, 3 * i, packed, 6 * i + 3, 3);
                }
                NpyWriter.writeArray(npy, NpyArray.ofFloats(packed, n, 6));
            }
            for (int r = 0; r < rounds; r++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("points", n);
                row.put("round", r);
                double l0 = SceneBench.loadAverage()[0];
                Map<String, Object> ours = exec(List.of(javaBin(), "-Xmx" + xmx, "-cp",
                        System.getProperty("java.class.path"), SceneInferenceBench.class.getName(), "--child",
                        modelDir.toString(), ply.toString(), Float.toString(stride), Integer.toString(batch)));
                ours.put("load", (l0 + SceneBench.loadAverage()[0]) / 2);
                row.put("pointea", ours);
                log.printf(Locale.ROOT, "pointea %,d points: %s%n", n, ours);
                if (!noPeer) {
                    l0 = SceneBench.loadAverage()[0];
                    Map<String, Object> peer = exec(List.of(python, script.toString(), "infer", "--config",
                            peerConfig.toString(), "--scan", npy.toString(), "--stride", Float.toString(stride),
                            "--batch", Integer.toString(batch)));
                    peer.put("load", (l0 + SceneBench.loadAverage()[0]) / 2);
                    row.put("pytorch", peer);
                    log.printf(Locale.ROOT, "pytorch %,d points: %s%n", n, peer);
                }
                rows.add(row);
            }
        }
        result.put("scans", rows);
        if (train) {
            result.put("training", training(cfg, peerConfig, script));
        }
        result.put("load_after", SceneBench.loadAverage()[0]);
        if (json) {
            out.println(MetricsJson.toJson(result));
        } else {
            out.println(table(result));
        }
    }

    private static long parameters(PctSemSegConfig cfg) {
        try (Network net = cfg.create(Backends.cpu(), DType.FLOAT, 1)) {
            return net.parameters().count();
        }
    }

    /** Training steps of both on random blocks: points per second, interleaved. */
    private Map<String, Object> training(PctSemSegConfig cfg, Path peerConfig, Path script) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        int steps = 5;
        double l0 = SceneBench.loadAverage()[0];
        Map<String, Object> ours = exec(List.of(javaBin(), "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
                SceneInferenceBench.class.getName(), "--child-train", model, Integer.toString(batch),
                Integer.toString(steps)));
        ours.put("load", (l0 + SceneBench.loadAverage()[0]) / 2);
        m.put("pointea", ours);
        log.println("pointea training: " + ours);
        if (!noPeer) {
            l0 = SceneBench.loadAverage()[0];
            Map<String, Object> peer = exec(List.of(python, script.toString(), "train", "--config",
                    peerConfig.toString(), "--batch", Integer.toString(batch), "--steps", Integer.toString(steps)));
            peer.put("load", (l0 + SceneBench.loadAverage()[0]) / 2);
            m.put("pytorch", peer);
            log.println("pytorch training: " + peer);
        }
        return m;
    }

    /** One measurement of ours, in a fresh JVM: read, label, report wall times and the peak RSS. */
    private static void child(String[] args) throws Exception {
        Path modelDir = Path.of(args[1]);
        Path scan = Path.of(args[2]);
        float stride = Float.parseFloat(args[3]);
        int batch = Integer.parseInt(args[4]);
        long t0 = System.nanoTime();
        PointCloud cloud = PointCloudIO.read(scan);
        double read = (System.nanoTime() - t0) / 1e9;
        try (Predictor p = Predictor.builder(modelDir).optBatchSize(batch).build()) {
            PctSemSegConfig c = (PctSemSegConfig) p.spec().config();
            long t1 = System.nanoTime();
            SceneSegmentation s = p.segmentScene(cloud, new TilingOptions((float) c.block(), stride, 0, 0));
            double seconds = (System.nanoTime() - t1) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", seconds);
            m.put("read_seconds", read);
            m.put("points", s.labels().length);
            m.put("points_per_s", s.labels().length / seconds);
            m.put("peak_rss_mb", peakRssMb());
            m.put("cpu_seconds", cpuSeconds());
            m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
            System.out.println(MetricsJson.mapper().writeValueAsString(m));
        }
    }

    /** Training steps of ours on random blocks, in a fresh JVM: the median step after a warm-up one. */
    private static void childTrain(String[] args) throws Exception {
        String model = args[1];
        int batch = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        PctSemSegConfig cfg = PctSemSegConfig.preset(model, SceneClasses.S3DIS.size(), BlockFeatures.of(true, false,
                false), org.pointea.models.attention.MixerConfig.external());
        int n = cfg.points();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(0);
        float[] xyz = new float[batch * n * 3];
        float[] rgb = new float[batch * n * 3];
        int[] labels = new int[batch * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) rnd.nextDouble();
            rgb[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextInt(cfg.classes());
        }
        try (Network net = cfg.create(Backends.cpu(), DType.FLOAT, 1);
             org.pointea.models.loss.CrossEntropy ce = org.pointea.models.loss.CrossEntropy.of(0);
             org.pointea.models.optim.Sgd sgd = new org.pointea.models.optim.Sgd(0.01, 0.9, 5e-4)) {
            org.pointea.models.trainer.TrainStep step = new org.pointea.models.trainer.TrainStep(net, ce, sgd,
                    org.pointea.models.trainer.GradientHook.NONE);
            List<Double> times = new ArrayList<>();
            for (int s = 0; s <= steps; s++) {
                long t0 = System.nanoTime();
                step.run(net.prepare(org.pointea.models.network.CloudBatch.withFeatures(batch, n, xyz, rgb, 3)),
                        labels, s);
                if (s > 0) {
                    times.add((System.nanoTime() - t0) / 1e9);
                }
            }
            times.sort(null);
            double median = times.get(times.size() / 2);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step_seconds", median);
            m.put("points_per_s", batch * n / median);
            m.put("params", net.parameters().count());
            m.put("peak_rss_mb", peakRssMb());
            System.out.println(MetricsJson.mapper().writeValueAsString(m));
        }
    }

    /** CPU time of this whole process (every thread, native ones too), seconds: fair under a loaded machine. */
    static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a process and returns the JSON object that ends its output (one line or indented). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String line;
        String last = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    last = line;                 // the start of the result object
                } else if (last != null) {
                    last = last + "\n" + line;
                }
                all.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0 || last == null || !last.strip().endsWith("}")) {
            throw new IOException("the measurement failed (" + String.join(" ", cmd.subList(0, 2)) + "):\n" + all);
        }
        return MetricsJson.mapper().readValue(last, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private String table(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "whole-scan inference, %s model (%s parameters), 1 m tiles every %s m, "
                + "%d tiles per call%n", r.get("model"), r.get("params"), r.get("stride_m"), batch));
        sb.append(String.format(Locale.ROOT, "%12s %10s %10s %12s %12s %10s %10s %8s%n", "points", "pointea s",
                "torch s", "pointea p/s", "torch p/s", "RSS MB", "torch RSS", "ratio"));
        for (Map<String, Object> row : (List<Map<String, Object>>) r.get("scans")) {
            Map<String, Object> a = (Map<String, Object>) row.get("pointea");
            Map<String, Object> b = (Map<String, Object>) row.get("pytorch");
            double as = ((Number) a.get("seconds")).doubleValue();
            double bs = b == null ? Double.NaN : ((Number) b.get("seconds")).doubleValue();
            int n = ((Number) row.get("points")).intValue();
            sb.append(String.format(Locale.ROOT, "%,12d %10.1f %10.1f %,12.0f %,12.0f %10.0f %10.0f %8.2f%n", n, as, bs,
                    n / as, n / bs, ((Number) a.get("peak_rss_mb")).doubleValue(),
                    b == null ? Double.NaN : ((Number) b.get("peak_rss_mb")).doubleValue(), bs / as));
        }
        sb.append(String.format(Locale.ROOT, "load average %.1f -> %.1f", r.get("load_before"), r.get("load_after")));
        return sb.toString();
    }
}

package org.pointea.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
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
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.inference.Predictor;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.NetworkConfig;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.partseg.PartSegmentation;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * Single-cloud inference latency of {@link Predictor} on the CPU against the PyTorch peer
 * ({@code tools/peers/predict_pytorch.py}) doing the same work on the same clouds, interleaved call
 * by call in one run (ours, peer, peer, ours, ...; both processes alive, one working at a time).
 * Each call is the whole pipeline a user runs: sampling to the network's points, normalisation,
 * grouping, the network, softmax / top-5 or restricted argmax plus nearest-neighbour propagation to
 * every input point. Warm JVM: {@code --warmup} calls of each side first. Reports p50 / p90 / p99
 * and the peer's own split into preprocessing, network and post-processing, plus ours network-only
 * (measured after the interleaved loop, not interleaved). Ratios are PyTorch's time over pointea's,
 * as in the other benchmarks: above 1, pointea is faster.
 *
 * <p>Cases: {@code cls-light} (light classifier, 1,024 points in, FPS to 512), {@code cls-full}
 * (PCT as published, 1,024 points in, FPS to 1,024), {@code seg-10k} (PCT part segmentation as
 * published, 2,048 points sampled from a 10,000-point cloud, labels for all 10,000). All External
 * Attention, 40 classes / ShapeNet-part, random weights (timing does not depend on them).
 *
 * <pre>
 * java -cp ... org.pointea.tools.bench.PredictBench \
 *     [--cases cls-light,cls-full,seg-10k] [--iterations 200] [--warmup 20] [--no-peer] \
 *     [--python /usr/bin/python3] [--peer tools/peers/predict_pytorch.py] [--json]
 * </pre>
 * The peer inherits this process's environment (the same OpenMP and allocator settings). Without
 * {@code /usr/bin/python3} with torch, numpy and scipy, or without the script, pointea is measured
 * alone. {@code pointea bench predict} runs it.
 */
public final class PredictBench {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CLOUDS = 8;

    private List<String> cases = List.of("cls-light", "cls-full", "seg-10k");
    private int iterations = 200;
    private int warmup = 20;
    private boolean peer = true;
    private String python = "/usr/bin/python3";
    private Path peerScript = Peers.script("predict_pytorch.py").orElse(Path.of("tools/peers/predict_pytorch.py"));
    private boolean json;
    private final PrintStream out;
    private final PrintStream log;

    private PredictBench(PrintStream out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    /** The case names, in the order they run by default. */
    public static final List<String> CASES = List.of("cls-light", "cls-full", "seg-10k");

    /**
     * Runs the benchmark; see the class comment for the options.
     *
     * @param args options
     * @throws Exception when a case or the peer fails
     */
    public static void main(String[] args) throws Exception {
        run(args, System.out, System.err);
    }

    /**
     * Runs the benchmark ({@code pointea bench predict}).
     *
     * @param args see the class comment
     * @param out  where the table or JSON goes
     * @param log  where progress and notes go
     * @throws Exception when a case or the peer fails
     */
    public static void run(String[] args, PrintStream out, PrintStream log) throws Exception {
        PredictBench b = new PredictBench(out, log);
        b.parse(args);
        Backends.getDefault();
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--no-peer" -> peer = false;
                case "--python" -> python = args[++i];
                case "--peer" -> peerScript = Path.of(args[++i]);
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (String c : cases) {
            if (!CASES.contains(c)) {
                throw new IllegalArgumentException("unknown case " + c + "; expected cls-light, cls-full, seg-10k");
            }
        }
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("need --iterations >= 1 and --warmup >= 0");
        }
        if (peer && !Files.isRegularFile(peerScript)) {
            log.println("peer not available (" + peerScript + " not found): measuring pointea only");
            peer = false;
        }
        if (peer) {
            Optional<String> missing = Peers.missing(python, "numpy", "torch", "scipy");
            if (missing.isPresent()) {
                log.println("peer not available (" + missing.get() + "): measuring pointea only");
                peer = false;
            }
        }
    }

    /** One case: its model directory, clouds and description for the peer. */
    private record Case(String name, ModelSpec spec, Path model, List<PointCloud> clouds, int category) {
        boolean classifier() {
            return category < 0;
        }
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("pointea-predictbench");
        try {
            Map<String, Case> all = new LinkedHashMap<>();
            ObjectNode peerSpec = MAPPER.createObjectNode();
            for (String name : cases) {
                Case c = create(name, work);
                all.put(name, c);
                peerSpec.set(name, describeForPeer(c, work));
            }
            Path specFile = work.resolve("cases.json");
            Files.writeString(specFile, MAPPER.writeValueAsString(peerSpec));
            ObjectNode report = MAPPER.createObjectNode();
            report.put("bench", "predict");
            report.put("processors", Runtime.getRuntime().availableProcessors());
            report.put("load_before", loadAverage());
            report.put("engine", Backends.getDefault().describe());
            ArrayNode results = report.putArray("results");
            try (Peer p = peer ? Peer.start(python, peerScript, specFile) : null) {
                if (p != null) {
                    report.set("peer", p.hello);
                }
                for (Case c : all.values()) {
                    log.println("predict bench: " + c.name() + " (" + warmup + " warm-up + " + iterations
                            + " calls" + (p != null ? " each side" : "") + ")");
                    results.add(measure(c, p));
                }
            }
            report.put("load_after", loadAverage());
            report.put("peak_rss_mb", peakRssMb());
            if (json) {
                out.println(MAPPER.writeValueAsString(report));
            } else {
                printTable(report, out);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static Case create(String name, Path work) throws IOException {
        Path dir = work.resolve(name);
        List<String> classNames = IntStream.range(0, 40).mapToObj(i -> String.format(Locale.ROOT, "class%02d", i))
                .toList();
        return switch (name) {
            case "cls-light", "cls-full" -> {
                PctClassifierConfig cfg = name.equals("cls-light") ? PctClassifierConfig.light(40)
                        : PctClassifierConfig.published(40);
                ModelSpec spec = ModelSpec.of(name.equals("cls-light") ? "light" : "pct", cfg, classNames,
                        Preprocessing.fpsUnitSphere());
                try (Network net = cfg.create(Backends.getDefault(), DType.FLOAT, 1)) {
                    ModelDirectory.write(dir, spec, net.parameters(), null, null);
                }
                yield new Case(name, spec, dir, clouds(1024, 11), -1);
            }
            default -> {
                PctSegmenterConfig cfg = PctSegmenterConfig.published();
                ModelSpec spec = ModelSpec.of("pct", cfg, ShapeNetPart.categoryNames(),
                        new Preprocessing(Subsampling.RANDOM_WITH_REPLACEMENT, Preprocessing.Normalization.UNIT_SPHERE));
                try (Network net = cfg.create(Backends.getDefault(), DType.FLOAT, 1)) {
                    ModelDirectory.write(dir, spec, net.parameters(), null, null);
                }
                yield new Case(name, spec, dir, clouds(10_000, 12), ShapeNetPart.categoryIndex("Airplane"));
            }
        };
    }

    /** {@value #CLOUDS} clouds of {@code n} points: noisy ellipsoid surfaces of random size, position and shape. */
    static List<PointCloud> clouds(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PointCloud> out = new ArrayList<>();
        for (int c = 0; c < CLOUDS; c++) {
            double ax = r.nextDouble(0.3, 2);
            double ay = r.nextDouble(0.3, 2);
            double az = r.nextDouble(0.3, 2);
            double[] centre = {r.nextDouble(-5, 5), r.nextDouble(-5, 5), r.nextDouble(-5, 5)};
            float[] xyz = new float[3 * n];
            for (int i = 0; i < n; i++) {
                double u = r.nextDouble(-1, 1);
                double phi = r.nextDouble(0, 2 * Math.PI);
                double s = Math.sqrt(1 - u * u);
                double noise = 1 + r.nextDouble(-0.02, 0.02);
                xyz[3 * i] = (float) (centre[0] + ax * s * Math.cos(phi) * noise);
                xyz[3 * i + 1] = (float) (centre[1] + ay * s * Math.sin(phi) * noise);
                xyz[3 * i + 2] = (float) (centre[2] + az * u * noise);
            }
            out.add(PointCloud.of(xyz));
        }
        return out;
    }

    private static ObjectNode describeForPeer(Case c, Path work) throws IOException {
        int n = c.clouds().get(0).size();
        Path file = work.resolve(c.name() + ".f32");
        ByteBuffer buf = ByteBuffer.allocate(c.clouds().size() * n * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (PointCloud p : c.clouds()) {
            for (float f : p.positions()) {
                buf.putFloat(f);
            }
        }
        Files.write(file, buf.array());
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", c.classifier() ? "cls" : "seg");
        o.put("file", file.toString());
        o.put("clouds", c.clouds().size());
        o.put("points", n);
        o.put("category", Math.max(0, c.category()));
        o.set("config", c.spec().toJson().get("config"));
        return o;
    }

    private ObjectNode measure(Case c, Peer p) throws IOException {
        double[] ours = new double[iterations];
        double[] theirs = new double[iterations];
        double[] theirNet = new double[iterations];
        double[] theirPre = new double[iterations];
        long sink = 0;
        try (Predictor pred = Predictor.load(c.model())) {
            for (int i = 0; i < warmup; i++) {
                sink += call(pred, c, i);
                if (p != null) {
                    p.call(c.name(), i);
                }
            }
            for (int i = 0; i < iterations; i++) {
                boolean oursFirst = i % 2 == 0;
                if (!oursFirst && p != null) {
                    JsonNode r = p.call(c.name(), i);
                    theirs[i] = r.get("total").asDouble();
                    theirNet[i] = r.get("net").asDouble();
                    theirPre[i] = r.get("pre").asDouble();
                }
                long t0 = System.nanoTime();
                sink += call(pred, c, i);
                ours[i] = (System.nanoTime() - t0) / 1e9;
                if (oursFirst && p != null) {
                    JsonNode r = p.call(c.name(), i);
                    theirs[i] = r.get("total").asDouble();
                    theirNet[i] = r.get("net").asDouble();
                    theirPre[i] = r.get("pre").asDouble();
                }
            }
        }
        double[] net = networkOnly(c, Math.max(10, Math.min(50, iterations / 4)));
        ObjectNode o = MAPPER.createObjectNode();
        o.put("case", c.name());
        o.put("input_points", c.clouds().get(0).size());
        o.put("network_points", c.spec().points());
        o.put("iterations", iterations);
        o.put("warmup", warmup);
        o.set("pointea", quantiles(ours));
        o.set("pointea_network_only", quantiles(net));
        if (p != null) {
            o.set("pytorch", quantiles(theirs));
            o.set("pytorch_network", quantiles(theirNet));
            o.set("pytorch_preprocessing", quantiles(theirPre));
            // as the other benches: peer time / pointea time, above 1 when pointea is faster
            o.put("ratio_p50", percentile(theirs, 0.5) / percentile(ours, 0.5));
            o.put("ratio_p99", percentile(theirs, 0.99) / percentile(ours, 0.99));
        }
        o.put("checksum", sink);
        return o;
    }

    private static long call(Predictor p, Case c, int i) {
        PointCloud cloud = c.clouds().get(i % c.clouds().size());
        if (c.classifier()) {
            Classification r = p.classify(cloud);
            return r.top(5).get(0).index();
        }
        PartSegmentation s = p.segment(cloud, c.category());
        return s.partCounts()[0];
    }

    /** The network alone (inputs prepared once, as the peer's {@code net} figure). */
    private static double[] networkOnly(Case c, int runs) throws IOException {
        ModelDirectory md = ModelDirectory.open(c.model());
        NetworkConfig cfg = c.spec().config();
        double[] t = new double[runs];
        float[] xyz = Arrays.copyOf(c.clouds().get(0).positions(), cfg.points() * 3);
        CloudBatch batch = c.classifier() ? CloudBatch.of(1, cfg.points(), xyz)
                : CloudBatch.of(1, cfg.points(), xyz, new int[] {c.category()});
        try (Network net = md.createNetwork()) {
            PreparedBatch b = net.prepare(batch);
            for (int i = -3; i < runs; i++) {
                long t0 = System.nanoTime();
                DeviceArray out = net.forward(b, false);
                out.backend().toFloatArray(out);
                if (i >= 0) {
                    t[i] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        return t;
    }

    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    private static ObjectNode quantiles(double[] v) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("p50_ms", 1000 * percentile(v, 0.5));
        o.put("p90_ms", 1000 * percentile(v, 0.9));
        o.put("p99_ms", 1000 * percentile(v, 0.99));
        o.put("min_ms", 1000 * percentile(v, 0));
        return o;
    }

    private static void printTable(ObjectNode r, PrintStream out) {
        out.println("# PredictBench  " + r.get("engine").asText());
        if (r.has("peer")) {
            out.println("# peer: PyTorch " + r.get("peer").get("torch").asText() + ", "
                    + r.get("peer").get("threads").asInt() + " threads");
        }
        out.printf(Locale.ROOT, "# load average before %s, after %s; peak RSS %d MB%n",
                r.get("load_before").asText(), r.get("load_after").asText(), r.get("peak_rss_mb").asLong());
        out.printf(Locale.ROOT, "%-10s %7s %-8s %9s %9s %9s %12s%n", "case", "points", "side", "p50 ms",
                "p90 ms", "p99 ms", "network p50");
        for (JsonNode c : r.get("results")) {
            String pts = c.get("input_points").asInt() + "";
            out.printf(Locale.ROOT, "%-10s %7s %-8s %9.1f %9.1f %9.1f %12.1f%n", c.get("case").asText(), pts,
                    "pointea", c.get("pointea").get("p50_ms").asDouble(), c.get("pointea").get("p90_ms").asDouble(),
                    c.get("pointea").get("p99_ms").asDouble(),
                    c.get("pointea_network_only").get("p50_ms").asDouble());
            if (c.has("pytorch")) {
                out.printf(Locale.ROOT, "%-10s %7s %-8s %9.1f %9.1f %9.1f %12.1f   ratio p50 %.2f, p99 %.2f%n",
                        "", "", "pytorch", c.get("pytorch").get("p50_ms").asDouble(),
                        c.get("pytorch").get("p90_ms").asDouble(), c.get("pytorch").get("p99_ms").asDouble(),
                        c.get("pytorch_network").get("p50_ms").asDouble(), c.get("ratio_p50").asDouble(),
                        c.get("ratio_p99").asDouble());
            }
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Peak resident set (VmHWM) of this process in MB, or -1 where /proc is unavailable. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** The PyTorch peer process, one request at a time. */
    private static final class Peer implements AutoCloseable {
        private final Process process;
        private final BufferedReader in;
        private final Writer out;
        final JsonNode hello;

        private Peer(Process process) throws IOException {
            this.process = process;
            this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String first = in.readLine();
            if (first == null) {
                throw new IOException("the PyTorch peer exited before it was ready (see its stderr above)");
            }
            this.hello = MAPPER.readTree(first);
        }

        static Peer start(String python, Path script, Path spec) throws IOException {
            if (!Files.isRegularFile(script)) {
                throw new IOException("peer script " + script + " not found (run from the repository root, or "
                        + "pass --peer, or --no-peer)");
            }
            Process p = new ProcessBuilder(python, script.toString(), "--cases", spec.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Peer(p);
        }

        JsonNode call(String name, int index) throws IOException {
            out.write(name + " " + index + "\n");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the PyTorch peer exited");
            }
            return MAPPER.readTree(line);
        }

        @Override
        public void close() throws IOException {
            try {
                out.write("quit\n");
                out.flush();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

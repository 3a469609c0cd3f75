package org.pointea.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.attention.MixerKind;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;

/**
 * The part-segmentation network on scene-size clouds (batch 1, CPU, inference): time and peak
 * memory per number of points and attention mixer, showing that External and UFO attention grow
 * linearly while self-attention and offset attention grow with N².
 *
 * <p><b>Memory safety.</b> The machine is shared, so every (mixer, N) runs in its own JVM with hard
 * caps, and only when its predicted peak fits: JavaCPP's {@code maxbytes} / {@code maxphysicalbytes}
 * (an allocation beyond them fails with an {@link OutOfMemoryError} inside that JVM) and, as a
 * backstop for memory libnd4j allocates outside JavaCPP, {@code prlimit --as}. The limit of a run is
 * {@code min(--max-gib, MemAvailable - --reserve-gib)}, read just before it starts. A run whose
 * predicted peak exceeds the limit is not started; the report gives the prediction and the size of
 * the N×N maps that cause it. Predictions: for the linear mixers, a straight line through the two
 * largest sizes measured so far (a generous default before that); for the quadratic ones, the
 * linear part plus the N×N maps each of the 4 layers keeps (self-attention: {@code heads} maps,
 * offset attention: 2), plus one more map for temporaries.
 *
 * <pre>
 * GLIBC_TUNABLES=... OMP_WAIT_POLICY=PASSIVE java -cp tools/target/pointea.jar \
 *     org.pointea.tools.bench.ScaleBench [--mixers external,ufo,offset,self] \
 *     [--points 4096,16384,65536,131072] [--quadratic-points 2048,4096,8192,16384,32768] \
 *     [--max-gib 16] [--reserve-gib 4] [--runs 3] [--json]
 * </pre>
 */
public final class ScaleBench {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    /** Heap of each child JVM (its arrays are small: positions in, logits out). */
    private static final long CHILD_HEAP = 1536 * MIB;

    private List<String> mixers = List.of("external", "ufo", "offset", "self");
    private List<Integer> points = List.of(4096, 16384, 65536, 131072);
    private List<Integer> quadraticPoints = List.of(2048, 4096, 8192, 16384, 32768);
    private double maxGib = 16;
    private double reserveGib = 4;
    private int runs = 3;
    private boolean json;
    private final PrintStream out;
    private final PrintStream log;

    private ScaleBench(PrintStream out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    /**
     * Runs the driver, or with {@code --child} one measurement.
     *
     * @param args options (see the class comment)
     * @throws Exception when the driver fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            System.exit(child(args));
        }
        run(args, System.out, System.err);
    }

    /**
     * Runs the driver ({@code pointea bench scale}): one child JVM per measurement.
     *
     * @param args see the class comment
     * @param out  where the table or JSON goes
     * @param log  where progress goes (a line per measurement)
     * @throws Exception when a child cannot be started
     */
    public static void run(String[] args, PrintStream out, PrintStream log) throws Exception {
        ScaleBench b = new ScaleBench(out, log);
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mixers" -> mixers = List.of(args[++i].split(","));
                case "--points" -> points = ints(args[++i]);
                case "--quadratic-points" -> quadraticPoints = ints(args[++i]);
                case "--max-gib" -> maxGib = Double.parseDouble(args[++i]);
                case "--reserve-gib" -> reserveGib = Double.parseDouble(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (String m : mixers) {
            MixerConfig.parse(m);
        }
        if (runs < 1 || maxGib <= 0 || reserveGib < 0) {
            throw new IllegalArgumentException("need --runs >= 1, --max-gib > 0 and --reserve-gib >= 0");
        }
        for (int n : points) {
            if (n < 64) {
                throw new IllegalArgumentException("--points must be at least 64, got " + n);
            }
        }
        for (int n : quadraticPoints) {
            if (n < 64) {
                throw new IllegalArgumentException("--quadratic-points must be at least 64, got " + n);
            }
        }
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    // ---- driver --------------------------------------------------------------------------------

    private void run() throws Exception {
        ObjectNode report = MAPPER.createObjectNode();
        report.put("bench", "scale");
        report.put("network", "PctSegmenterConfig.published() (128 channels, fuse 1024, 50 parts), batch 1, "
                + "inference");
        report.put("max_gib", maxGib);
        report.put("reserve_gib", reserveGib);
        report.put("load_before", PredictBench.loadAverage());
        ArrayNode rows = report.putArray("results");
        Map<String, List<double[]>> measured = new LinkedHashMap<>(); // mixer -> [N, peak bytes]
        for (String m : mixers) {
            MixerConfig mc = MixerConfig.parse(m);
            boolean quadratic = mc.kind() == MixerKind.SELF || mc.kind() == MixerKind.OFFSET;
            List<Integer> sizes = quadratic ? quadraticPoints : points;
            boolean stop = false;
            for (int n : sizes) {
                ObjectNode row = rows.addObject();
                row.put("mixer", mc.toString());
                row.put("points", n);
                long mapBytes = mapBytes(mc, n);
                if (mapBytes > 0) {
                    row.put("attention_map_bytes_per_layer", mapBytes);
                }
                long predicted = predict(mc, n, measured);
                row.put("predicted_peak_bytes", predicted);
                long available = memAvailable();
                long limit = Math.min((long) (maxGib * GIB), available - (long) (reserveGib * GIB));
                row.put("limit_bytes", limit);
                if (stop) {
                    row.put("status", "not run: a smaller size already failed");
                    continue;
                }
                if (predicted > limit) {
                    row.put("status", String.format(Locale.ROOT, "not run: predicted peak %.1f GiB exceeds the "
                            + "limit %.1f GiB (min(%.0f GiB, available %.1f GiB - %.0f GiB))", predicted / (double) GIB,
                            limit / (double) GIB, maxGib, available / (double) GIB, reserveGib));
                    stop = true;
                    progress(row);
                    continue;
                }
                JsonNode r = launch(m, n, limit);
                row.setAll((ObjectNode) r);
                if (r.has("error")) {
                    row.put("status", "failed: " + r.get("error").asText());
                    stop = true;
                } else {
                    row.put("status", "ok");
                    measured.computeIfAbsent(mc.toString(), k -> new ArrayList<>())
                            .add(new double[] {n, r.get("peak_rss_bytes").asDouble()});
                }
                progress(row);
            }
        }
        report.put("load_after", PredictBench.loadAverage());
        if (json) {
            out.println(MAPPER.writeValueAsString(report));
        } else {
            printTable(report, out);
        }
    }

    private void progress(ObjectNode row) {
        log.println("scale bench: " + row.toString());
    }

    /** Bytes of the N×N maps one attention layer keeps (0 for the linear mixers). */
    static long mapBytes(MixerConfig mc, long n) {
        return switch (mc.kind()) {
            case SELF -> mc.heads() * n * n * 4;
            case OFFSET -> 2 * n * n * 4;
            default -> 0;
        };
    }

    /** Predicted peak RSS of one run (see the class comment). */
    static long predict(MixerConfig mc, int n, Map<String, List<double[]>> measured) {
        List<double[]> own = measured.getOrDefault(mc.toString(), List.of());
        if (mapBytes(mc, n) == 0) {
            return extrapolate(own, n);
        }
        // quadratic mixers: the linear network around them (as measured with External Attention)
        // plus c·N², c = the maps of the 4 layers and one more for temporaries, or more if a
        // smaller run of this mixer showed more
        List<double[]> lin = measured.getOrDefault(MixerConfig.external().toString(), List.of());
        double c = (4.0 * mapBytes(mc, n) + mapBytes(mc, n) / (mc.kind() == MixerKind.OFFSET ? 2.0 : 1.0))
                / ((double) n * n);
        for (double[] m : own) {
            c = Math.max(c, (m[1] - extrapolate(lin, (int) m[0])) / (m[0] * m[0]));
        }
        return extrapolate(lin, n) + (long) (c * n * n);
    }

    /**
     * Peak at {@code n} on the line through the two measurements around it (the first or last two
     * outside their range), plus 15 %; 1 GiB + 48 KiB per point before two measurements exist.
     */
    static long extrapolate(List<double[]> measured, int n) {
        if (measured.size() < 2) {
            return GIB + 48L * 1024 * n;
        }
        List<double[]> pts = new ArrayList<>(measured);
        pts.sort((x, y) -> Double.compare(x[0], y[0]));
        int hi = 1;
        while (hi < pts.size() - 1 && pts.get(hi)[0] < n) {
            hi++;
        }
        double[] a = pts.get(hi - 1);
        double[] b = pts.get(hi);
        double slope = (b[1] - a[1]) / (b[0] - a[0]);
        return (long) (1.15 * Math.max(0.25 * GIB, a[1] + slope * (n - a[0])));
    }

    /** MemAvailable from /proc/meminfo, in bytes. */
    static long memAvailable() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no MemAvailable in /proc/meminfo");
    }

    private JsonNode launch(String mixer, int n, long limit) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long maxBytes = limit - CHILD_HEAP;
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/prlimit"))) {
            // virtual address space: the caps below plus the JVM's own reservations (heap, class space,
            // code cache, thread stacks), generously; it only catches what escapes JavaCPP's accounting
            cmd.addAll(List.of("/usr/bin/prlimit", "--as=" + (limit + 8 * GIB), "--"));
        }
        cmd.addAll(List.of(java, "-Xmx" + CHILD_HEAP / MIB + "m", "-XX:+UseParallelGC",
                "-Dorg.bytedeco.javacpp.maxbytes=" + maxBytes, "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + limit,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), ScaleBench.class.getName(), "--child",
                "--mixer", mixer, "--points", Integer.toString(n), "--runs", Integer.toString(n > 20000 ? Math.min(
                        runs, 2) : runs)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
        if (last.startsWith("{")) {
            return MAPPER.readTree(last);
        }
        ObjectNode err = MAPPER.createObjectNode();
        err.put("error", "the measuring JVM exited with code " + p.exitValue() + " without a result"
                + (p.exitValue() == 134 || p.exitValue() == 137 ? " (killed or aborted: out of memory)" : ""));
        return err;
    }

    private static void printTable(ObjectNode r, PrintStream out) {
        out.println("# ScaleBench: " + r.get("network").asText());
        out.printf(Locale.ROOT, "# load average before %s, after %s%n", r.get("load_before").asText(),
                r.get("load_after").asText());
        out.printf(Locale.ROOT, "%-22s %8s %10s %12s %12s %14s  %s%n", "mixer", "points", "time s",
                "us/point", "peak RSS GB", "N×N map/layer", "status");
        for (JsonNode row : r.get("results")) {
            boolean ok = "ok".equals(row.get("status").asText());
            int n = row.get("points").asInt();
            String map = row.has("attention_map_bytes_per_layer")
                    ? String.format(Locale.ROOT, "%.2f GiB", row.get("attention_map_bytes_per_layer").asDouble() / GIB)
                    : "-";
            if (ok) {
                double t = row.get("median_seconds").asDouble();
                out.printf(Locale.ROOT, "%-22s %8d %10.2f %12.1f %12.2f %14s  ok%n", row.get("mixer").asText(),
                        n, t, t * 1e6 / n, row.get("peak_rss_bytes").asDouble() / 1e9, map);
            } else {
                out.printf(Locale.ROOT, "%-22s %8d %10s %12s %12s %14s  %s%n", row.get("mixer").asText(), n,
                        "-", "-", String.format(Locale.ROOT, "(%.1f pred.)",
                                row.get("predicted_peak_bytes").asDouble() / 1e9), map, row.get("status").asText());
            }
        }
    }

    // ---- child: one measurement ----------------------------------------------------------------

    private static int child(String[] args) {
        String mixer = null;
        int n = 0;
        int runs = 3;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--mixer" -> mixer = args[++i];
                case "--points" -> n = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown child option " + args[i]);
            }
        }
        ObjectNode o = MAPPER.createObjectNode();
        try {
            PctSegmenterConfig cfg = PctSegmenterConfig.published().withMixer(MixerConfig.parse(mixer)).withPoints(n);
            float[] xyz = new NormalizeToUnitSphere().apply(PointCloud.of(scene(n, 5)), null).positions();
            double[] t = new double[runs];
            long checksum = 0;
            try (Network net = cfg.create(Backends.getDefault(), DType.FLOAT, 1)) {
                PreparedBatch in = net.prepare(CloudBatch.of(1, n, xyz, new int[] {0}));
                net.forward(in, false); // warm-up: allocates every buffer
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    DeviceArray out = net.forward(in, false);
                    float[] logits = out.backend().toFloatArray(out);
                    t[i] = (System.nanoTime() - t0) / 1e9;
                    checksum += Float.floatToIntBits(logits[logits.length / 2]);
                }
            }
            double[] sorted = t.clone();
            Arrays.sort(sorted);
            o.put("median_seconds", sorted[sorted.length / 2]);
            ArrayNode all = o.putArray("seconds");
            for (double s : t) {
                all.add(s);
            }
            o.put("checksum", checksum);
        } catch (Throwable e) { // an OutOfMemoryError from the caps is the expected failure here
            o.put("error", e.toString().replace('\n', ' '));
        }
        long[] mem = status();
        o.put("peak_rss_bytes", mem[0]);
        o.put("peak_virtual_bytes", mem[1]);
        System.out.println(o.toString());
        return o.has("error") ? 1 : 0;
    }

    /** VmHWM and VmPeak of this process, bytes. */
    private static long[] status() {
        long[] r = {-1, -1};
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    r[0] = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                } else if (line.startsWith("VmPeak:")) {
                    r[1] = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return r;
    }

    /** A scene of {@code n} points: the surfaces of 20 random boxes and ellipsoids on a floor. */
    static float[] scene(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        double[][] objects = new double[20][6];
        for (double[] o : objects) {
            o[0] = r.nextDouble(-10, 10);
            o[1] = r.nextDouble(-10, 10);
            o[2] = r.nextDouble(0.2, 1.5);
            o[3] = r.nextDouble(0.2, 1.5);
            o[4] = r.nextDouble(0.2, 1.5);
            o[5] = r.nextBoolean() ? 1 : 0;
        }
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) { // floor
                xyz[3 * i] = (float) r.nextDouble(-12, 12);
                xyz[3 * i + 1] = (float) r.nextDouble(-12, 12);
                xyz[3 * i + 2] = (float) r.nextDouble(-0.01, 0.01);
                continue;
            }
            double[] o = objects[r.nextInt(objects.length)];
            double u = r.nextDouble(-1, 1);
            double phi = r.nextDouble(0, 2 * Math.PI);
            double s = Math.sqrt(1 - u * u);
            double x = s * Math.cos(phi);
            double y = s * Math.sin(phi);
            double z = u;
            if (o[5] == 1) { // box: push the sphere point onto the cube's surface
                double m = Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z)));
                x /= m;
                y /= m;
                z /= m;
            }
            xyz[3 * i] = (float) (o[0] + o[2] * x);
            xyz[3 * i + 1] = (float) (o[1] + o[3] * y);
            xyz[3 * i + 2] = (float) (o[4] * (z + 1));
        }
        return xyz;
    }
}

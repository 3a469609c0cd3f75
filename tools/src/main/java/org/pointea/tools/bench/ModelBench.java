package org.pointea.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.engine.Engine;
import org.pointea.models.nn.Profiler;
import org.pointea.models.pct.PctBatch;
import org.pointea.models.pct.PctClassifier;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctInput;
import org.pointea.models.pct.PctSegmenter;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.pct.SegInput;
import org.pointea.models.train.CrossEntropy;
import org.pointea.models.train.Sgd;

/**
 * Training-step and inference time of a PCT network in this JVM, as the PyTorch reference measures
 * itself ({@code pct_reference.py}: random clouds, grouping computed once, SGD(0.01, 0.9, 5e-4),
 * label-smoothed CE; median of 5 steps after one warm-up).
 *
 * <pre>
 * java -cp ... org.pointea.tools.bench.ModelBench --model pct --mixer external --batch 32 --points 1024 --json
 * </pre>
 * Prints {@code {"params":…, "train_step_s":…, "infer_step_s":…, "peak_rss_mb":…, …}} with
 * {@code --json}, a table otherwise.
 */
public final class ModelBench {
    private String model = "pct";
    private String mixer = "external";
    private int batch = 32;
    private int points = 1024;
    private int steps = 5;
    private int warmup = 1;
    private boolean json;
    private boolean trainOnly;
    private boolean inferOnly;
    private boolean profile;

    private ModelBench() {
    }

    /**
     * Runs one configuration.
     *
     * @param args {@code --model pct|pct-light|pct-seg --mixer external|offset|ufo|self --batch B --points N
     *             --steps S --warmup W [--train-only|--infer-only] [--json]}
     */
    public static void main(String[] args) throws IOException {
        Engine.init();
        ModelBench b = new ModelBench();
        b.parse(args);
        b.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = args[++i];
                case "--mixer" -> mixer = args[++i];
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--points" -> points = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--json" -> json = true;
                case "--train-only" -> trainOnly = true;
                case "--infer-only" -> inferOnly = true;
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
    }

    private void runSegmenter() {
        PctSegmenterConfig cfg = PctSegmenterConfig.published().withMixer(MixerConfig.parse(mixer)).withPoints(points);
        double[] load0 = loadAverage();
        float[] xyz = BenchGrouping.randomClouds(batch, points, 0);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        int[] cats = new int[batch];
        int[] parts = new int[batch * points];
        for (int i = 0; i < batch; i++) {
            cats[i] = rnd.nextInt(cfg.categories());
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i] = rnd.nextInt(cfg.parts());
        }
        SegInput in = new SegInput(batch, points, xyz, cats);
        Map<String, Object> out = new LinkedHashMap<>();
        try (PctSegmenter net = PctSegmenter.create(cfg, 0);
             Sgd sgd = new Sgd(0.01, 0.9, 1e-4);
             CrossEntropy loss = CrossEntropy.of(0)) {
            List<Double> train = new ArrayList<>();
            List<Double> infer = new ArrayList<>();
            if (!inferOnly) {
                for (int i = 0; i < warmup + steps; i++) {
                    long s = System.nanoTime();
                    net.trainStep(in, parts, loss, sgd);
                    if (i >= warmup) {
                        train.add((System.nanoTime() - s) / 1e9);
                    }
                }
            }
            if (!trainOnly) {
                for (int i = 0; i < warmup + steps; i++) {
                    long s = System.nanoTime();
                    net.predict(in);
                    if (i >= warmup) {
                        infer.add((System.nanoTime() - s) / 1e9);
                    }
                }
            }
            out.put("impl", "pointea");
            out.put("model", model);
            out.put("mixer", cfg.mixer().toString());
            out.put("batch", batch);
            out.put("points", points);
            out.put("params", net.parameterCount());
            out.put("train_step_s", median(train));
            out.put("infer_step_s", median(infer));
            out.put("peak_rss_mb", peakRssMb());
            out.put("load_before", load0[0]);
            out.put("load_after", loadAverage()[0]);
            out.put("glibc_tunables", System.getenv().getOrDefault("GLIBC_TUNABLES", ""));
        }
        print(out);
    }

    private void print(Map<String, Object> out) {
        if (json) {
            System.out.println(toJson(out));
        } else {
            out.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-16s %s%n", k, v));
        }
    }

    private PctClassifierConfig config() {
        PctClassifierConfig c = switch (model) {
            case "pct" -> PctClassifierConfig.published(40);
            case "pct-light" -> PctClassifierConfig.light(40);
            default -> throw new IllegalArgumentException("unknown model " + model
                    + "; expected pct, pct-light or pct-seg");
        };
        c = c.withMixer(MixerConfig.parse(mixer));
        if (points != c.points()) {
            double f = points / (double) c.points();
            c = c.withGrouping(points, (int) Math.round(c.centres0() * f), (int) Math.round(c.centres1() * f),
                    c.neighbours());
        }
        return c;
    }

    private void run() throws IOException {
        if (model.equals("pct-seg")) {
            runSegmenter();
            return;
        }
        PctClassifierConfig cfg = config();
        double[] load0 = loadAverage();
        long t0 = System.nanoTime();
        PctInput input = BenchGrouping.randomInput(batch, cfg.points(), cfg.centres0(), cfg.centres1(),
                cfg.neighbours(), 0);
        double groupingS = (System.nanoTime() - t0) / 1e9;
        int[] labels = new int[batch];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < batch; i++) {
            labels[i] = rnd.nextInt(cfg.classes());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try (PctClassifier net = PctClassifier.create(cfg, 0);
             Sgd sgd = new Sgd(0.01, 0.9, 5e-4);
             CrossEntropy loss = CrossEntropy.pct()) {
            long p0 = System.nanoTime();
            PctBatch prepared = net.prepare(input);
            double prepareS = (System.nanoTime() - p0) / 1e9;
            List<Double> train = new ArrayList<>();
            List<Double> infer = new ArrayList<>();
            double lastLoss = Double.NaN;
            if (!inferOnly) {
                for (int i = 0; i < warmup + steps; i++) {
                    if (profile && i == warmup) {
                        Profiler.reset();
                        Profiler.enable(true);
                    }
                    long s = System.nanoTime();
                    lastLoss = net.trainStep(prepared, labels, loss, sgd);
                    double dt = (System.nanoTime() - s) / 1e9;
                    if (i >= warmup) {
                        train.add(dt);
                    }
                }
            }
            if (profile && !inferOnly) {
                Profiler.enable(false);
                System.err.println("---- op profile, training step (median step " + median(train) + " s)");
                System.err.print(Profiler.report(steps));
            }
            if (!trainOnly) {
                for (int i = 0; i < warmup + steps; i++) {
                    if (profile && i == warmup) {
                        Profiler.reset();
                        Profiler.enable(true);
                    }
                    long s = System.nanoTime();
                    net.predict(prepared);
                    double dt = (System.nanoTime() - s) / 1e9;
                    if (i >= warmup) {
                        infer.add(dt);
                    }
                }
            }
            if (profile && !trainOnly) {
                Profiler.enable(false);
                System.err.println("---- op profile, inference (median step " + median(infer) + " s)");
                System.err.print(Profiler.report(steps));
            }
            prepared.close();
            out.put("impl", "pointea");
            out.put("model", model);
            out.put("mixer", cfg.mixer().toString());
            out.put("batch", batch);
            out.put("points", cfg.points());
            out.put("params", net.parameterCount());
            out.put("train_step_s", median(train));
            out.put("infer_step_s", median(infer));
            out.put("train_steps_s", train);
            out.put("infer_steps_s", infer);
            out.put("peak_rss_mb", peakRssMb());
            out.put("loss", lastLoss);
            out.put("grouping_s", groupingS);
            out.put("prepare_s", prepareS);
            out.put("load_before", load0[0]);
            out.put("load_after", loadAverage()[0]);
            out.put("glibc_tunables", System.getenv().getOrDefault("GLIBC_TUNABLES", ""));
            out.put("engine", Engine.describe());
        }
        print(out);
    }

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Peak resident set (VmHWM) of this process in MB, or -1 where /proc is unavailable. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {-1, -1, -1};
        }
    }

    static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append('"').append(e.getKey()).append("\": ").append(value(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v instanceof Double d) {
            return d.isNaN() ? "null" : String.format(Locale.ROOT, "%.4f", d);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(value(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }
}

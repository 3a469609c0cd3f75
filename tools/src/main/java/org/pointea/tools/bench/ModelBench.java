package org.pointea.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.Profiler;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Sgd;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctInput;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.trainer.GradientHook;
import org.pointea.models.trainer.TrainStep;

/**
 * Training-step and inference time of a PCT network in this JVM, as the PyTorch reference measures
 * itself ({@code pct_reference.py}: random clouds, grouping computed once, SGD(0.01, 0.9, 5e-4),
 * label-smoothed CE; median of 5 steps after one warm-up).
 *
 * <pre>
 * java -cp ... org.pointea.tools.bench.ModelBench --model pct --mixer external --batch 32 --points 1024 --json
 * </pre>
 * {@code pointea bench model} runs it through {@link #measure}, with the PyTorch peer interleaved.
 * Prints {@code {"params":…, "train_step_s":…, "infer_step_s":…, "peak_rss_mb":…, …}} with
 * {@code --json}, a table otherwise.
 */
public final class ModelBench {
    /** The models this bench builds. */
    public static final List<String> MODELS = List.of("pct", "light", "pct-seg");

    /**
     * One benchmark configuration.
     *
     * @param model     {@code pct}, {@code light} (alias {@code pct-light}) or {@code pct-seg}
     * @param mixer     {@code external}, {@code offset}, {@code ufo} or {@code self}
     * @param batch     clouds per step
     * @param points    points per cloud; 0 for the model's own (1024, 512, 2048)
     * @param steps     measured steps (the median is reported)
     * @param warmup    unmeasured steps first
     * @param train     whether to time training steps
     * @param infer     whether to time inference steps
     * @param profile   whether to print the op-level profile of the measured steps
     */
    public record Config(String model, String mixer, int batch, int points, int steps, int warmup, boolean train,
                         boolean infer, boolean profile) {
        /** Checks the settings. */
        public Config {
            model = canonicalModel(model);
            MixerConfig.parse(mixer);
            mixer = switch (mixer.trim().toLowerCase(Locale.ROOT)) {
                case "ea" -> "external";
                case "oa" -> "offset";
                case "sa" -> "self";
                default -> mixer.trim().toLowerCase(Locale.ROOT);
            };
            if (batch < 2) {
                throw new IllegalArgumentException("batch must be at least 2 (batch norm in training), got " + batch);
            }
            if (points < 0 || steps < 1 || warmup < 0) {
                throw new IllegalArgumentException("need points >= 0, steps >= 1, warmup >= 0; got "
                        + points + ", " + steps + ", " + warmup);
            }
            if (!train && !infer) {
                throw new IllegalArgumentException("nothing to time: neither training nor inference");
            }
        }

        /** The points per cloud this configuration runs. */
        public int effectivePoints() {
            if (points > 0) {
                return points;
            }
            return switch (model) {
                case "pct" -> 1024;
                case "light" -> PctClassifierConfig.light(40).points();
                default -> PctSegmenterConfig.published().points();
            };
        }
    }

    /**
     * Returns the model's canonical name.
     *
     * @param model a model name or alias
     * @return {@code pct}, {@code light} or {@code pct-seg}
     * @throws IllegalArgumentException for an unknown model
     */
    public static String canonicalModel(String model) {
        return switch (model) {
            case "pct" -> "pct";
            case "light", "pct-light" -> "light";
            case "pct-seg", "seg" -> "pct-seg";
            default -> throw new IllegalArgumentException("unknown model '" + model
                    + "'; expected pct, light or pct-seg");
        };
    }

    private final Config c;
    private final PrintStream profileOut;

    private ModelBench(Config c, PrintStream profileOut) {
        this.c = c;
        this.profileOut = profileOut;
    }

    /**
     * Runs one configuration in this JVM on the default backend ({@link Backends#getDefault()}).
     *
     * @param c          the configuration
     * @param profileOut where the op profile goes when {@code c.profile()}
     * @return the results: {@code params, train_step_s, infer_step_s, peak_rss_mb} and details
     */
    public static Map<String, Object> measure(Config c, PrintStream profileOut) {
        Backends.getDefault();
        ModelBench b = new ModelBench(c, profileOut);
        return c.model().equals("pct-seg") ? b.runSegmenter() : b.runClassifier();
    }

    /**
     * Runs one configuration and prints the results.
     *
     * @param args {@code --model pct|light|pct-seg --mixer external|offset|ufo|self --batch B --points N
     *             --steps S --warmup W [--train-only|--infer-only] [--profile] [--json]}
     */
    public static void main(String[] args) {
        String model = "pct";
        String mixer = "external";
        int batch = 32;
        int points = 0;
        int steps = 5;
        int warmup = 1;
        boolean json = false;
        boolean train = true;
        boolean infer = true;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = args[++i];
                case "--mixer" -> mixer = args[++i];
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--points" -> points = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--json" -> json = true;
                case "--train-only" -> infer = false;
                case "--infer-only" -> train = false;
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Object> out = measure(new Config(model, mixer, batch, points, steps, warmup, train, infer,
                profile), System.err);
        if (json) {
            System.out.println(toJson(out));
        } else {
            out.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-16s %s%n", k, v));
        }
    }

    private Map<String, Object> runSegmenter() {
        int batch = c.batch();
        int points = c.effectivePoints();
        PctSegmenterConfig cfg = PctSegmenterConfig.published().withMixer(MixerConfig.parse(c.mixer()))
                .withPoints(points);
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
        Map<String, Object> out = new LinkedHashMap<>();
        Backend be = Backends.getDefault();
        try (Network net = cfg.create(be, DType.FLOAT, 0);
             Sgd sgd = new Sgd(0.01, 0.9, 1e-4);
             CrossEntropy loss = CrossEntropy.of(0)) {
            PreparedBatch in = net.prepare(CloudBatch.of(batch, points, xyz, cats));
            TrainStep step = new TrainStep(net, loss, sgd, GradientHook.NONE);
            List<Double> train = timeSteps(c.train(), "training step", () -> step.run(in, parts, 0));
            List<Double> infer = timeSteps(c.infer(), "inference", () -> predict(net, in));
            out.put("impl", "pointea");
            out.put("model", c.model());
            out.put("mixer", cfg.mixer().toString());
            out.put("batch", batch);
            out.put("points", points);
            out.put("params", net.parameterCount());
            out.put("train_step_s", median(train));
            out.put("infer_step_s", median(infer));
            out.put("peak_rss_mb", peakRssMb());
            putEnvironment(out, load0[0]);
        }
        return out;
    }

    /**
     * Runs {@code step} for the warm-up and the measured steps when {@code enabled}, and returns the
     * measured steps' seconds; with {@code --profile} the op profile covers the measured steps only.
     */
    private List<Double> timeSteps(boolean enabled, String what, Runnable step) {
        List<Double> times = new ArrayList<>();
        if (enabled) {
            for (int i = 0; i < c.warmup() + c.steps(); i++) {
                if (c.profile() && i == c.warmup()) {
                    Profiler.reset();
                    Profiler.enable(true);
                }
                long s = System.nanoTime();
                step.run();
                double dt = (System.nanoTime() - s) / 1e9;
                if (i >= c.warmup()) {
                    times.add(dt);
                }
            }
        }
        profileReport(what, times);
        return times;
    }

    /** Adds the load average before and now, the allocator and OpenMP settings and the engine. */
    private static void putEnvironment(Map<String, Object> out, double loadBefore) {
        out.put("load_before", loadBefore);
        out.put("load_after", loadAverage()[0]);
        out.put("glibc_tunables", System.getenv().getOrDefault("GLIBC_TUNABLES", ""));
        out.put("omp_wait_policy", System.getenv().getOrDefault("OMP_WAIT_POLICY", ""));
        out.put("engine", Backends.getDefault().describe());
    }

    private void profileReport(String what, List<Double> times) {
        if (c.profile() && !times.isEmpty()) {
            Profiler.enable(false);
            profileOut.println("---- op profile, " + what + " (median step " + median(times) + " s)");
            profileOut.print(Profiler.report(c.steps()));
        }
    }

    private PctClassifierConfig config() {
        PctClassifierConfig cfg = c.model().equals("pct") ? PctClassifierConfig.published(40)
                : PctClassifierConfig.light(40);
        return cfg.withMixer(MixerConfig.parse(c.mixer())).withPoints(c.effectivePoints());
    }

    private Map<String, Object> runClassifier() {
        int batch = c.batch();
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
        try (Network net = cfg.create(Backends.getDefault(), DType.FLOAT, 0);
             Sgd sgd = new Sgd(0.01, 0.9, 5e-4);
             CrossEntropy loss = CrossEntropy.pct()) {
            long p0 = System.nanoTime();
            PreparedBatch prepared = cfg.prepare(input);
            double prepareS = (System.nanoTime() - p0) / 1e9;
            double[] lastLoss = {Double.NaN};
            TrainStep step = new TrainStep(net, loss, sgd, GradientHook.NONE);
            List<Double> train = timeSteps(c.train(), "training step",
                    () -> lastLoss[0] = step.run(prepared, labels, 0).loss());
            List<Double> infer = timeSteps(c.infer(), "inference", () -> predict(net, prepared));
            out.put("impl", "pointea");
            out.put("model", c.model());
            out.put("mixer", cfg.mixer().toString());
            out.put("batch", batch);
            out.put("points", cfg.points());
            out.put("params", net.parameterCount());
            out.put("train_step_s", median(train));
            out.put("infer_step_s", median(infer));
            out.put("train_steps_s", train);
            out.put("infer_steps_s", infer);
            out.put("peak_rss_mb", peakRssMb());
            out.put("loss", lastLoss[0]);
            out.put("grouping_s", groupingS);
            out.put("prepare_s", prepareS);
            putEnvironment(out, load0[0]);
        }
        return out;
    }

    /** An inference pass with its outputs brought to the Java heap, as a predictor uses them. */
    private static float[] predict(Network net, PreparedBatch batch) {
        DeviceArray out = net.forward(batch, false);
        return out.backend().toFloatArray(out);
    }

    /**
     * Returns the median of some values, or NaN when there are none.
     *
     * @param v the values
     * @return their median
     */
    public static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Peak resident set (VmHWM) of this process in MB, or -1 where /proc is unavailable. */
    public static double peakRssMb() {
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

    /** The 1, 5 and 15 minute load averages, or -1s where /proc is unavailable. */
    public static double[] loadAverage() {
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

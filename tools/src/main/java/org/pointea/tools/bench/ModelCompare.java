package org.pointea.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pointea's PCT classifier against the PyTorch reference ({@code tools/peers/pct_reference.py},
 * as shipped), interleaved in one run: for each round and each allocator setting, one process of
 * ours ({@link ModelBench}) then one of PyTorch's, alternating; medians over rounds. Reports train
 * and inference step time, peak RSS and the ratios, plus the load average seen by each process.
 *
 * <pre>
 * java -cp ... org.pointea.tools.bench.ModelCompare [--model pct|pct-light|pct-seg] --mixer external --batch 32 \
 *     --rounds 2 [--malloc launcher|both|default|tuned] [--peer-mixer external|offset] [--python /usr/bin/python3] [--json]
 * </pre>
 * Allocator settings: {@code launcher} = ours as {@code tools/bin/pointea} (or any Java program)
 * runs it, with the runtime settings the library applies itself and no environment, against
 * PyTorch as shipped; {@code tuned} = {@link #TUNED} in both environments; {@code default} = glibc
 * defaults for PyTorch and, for ours, an allocator the library leaves alone (any
 * {@code GLIBC_TUNABLES} value makes it skip its own tuning: {@link #UNTUNED}). {@code both} runs all
 * three. Ours always runs with the launcher's JVM options; PyTorch without {@code OMP_WAIT_POLICY}. The PyTorch reference
 * has the PCT classifier with external or offset attention only: other models and mixers of ours run
 * against its External Attention network, as context ({@code --peer-mixer} picks).
 */
public final class ModelCompare {
    /** The glibc malloc tuning the launcher applies (see docs/engine.md). */
    public static final String TUNED = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0"
            + ":glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456";

    /** A {@code GLIBC_TUNABLES} value that changes nothing but makes the library leave the allocator alone. */
    public static final String UNTUNED = "glibc.malloc.check=0";

    private String model = "pct";
    private String mixer = "external";
    private String peerMixer;
    private int batch = 32;
    private int rounds = 2;
    private String malloc = "both";
    private String python = "/usr/bin/python3";
    private Path peer = Path.of("tools/peers/pct_reference.py");
    private boolean json;

    private ModelCompare() {
    }

    /** Runs the comparison; see the class comment for options. */
    public static void main(String[] args) throws Exception {
        ModelCompare c = new ModelCompare();
        c.parse(args);
        c.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = args[++i];
                case "--mixer" -> mixer = args[++i];
                case "--peer-mixer" -> peerMixer = args[++i];
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--malloc" -> malloc = args[++i];
                case "--python" -> python = args[++i];
                case "--peer" -> peer = Path.of(args[++i]);
                case "--json" -> json = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (peerMixer == null) {
            // the PyTorch reference has only the external and offset mixers (PCT, 1024 points): other
            // settings of ours run against its External Attention network, as context
            peerMixer = mixer.equals("offset") || mixer.equals("external") ? mixer : "external";
        }
        if (!peerMixer.equals("external") && !peerMixer.equals("offset")) {
            throw new IllegalArgumentException("the PyTorch reference has only the external and offset mixers");
        }
    }

    private record Setting(String name, String ours, String peer) {
    }

    private void run() throws Exception {
        List<Setting> settings = new ArrayList<>();
        if (malloc.equals("both") || malloc.equals("launcher")) {
            settings.add(new Setting("launcher (ours as shipped, PyTorch as shipped)", null, null));
        }
        if (malloc.equals("both") || malloc.equals("default")) {
            settings.add(new Setting("default malloc, both", UNTUNED, null));
        }
        if (malloc.equals("both") || malloc.equals("tuned")) {
            settings.add(new Setting("tuned malloc, both", TUNED, TUNED));
        }
        Map<String, List<Map<String, Double>>> ours = new LinkedHashMap<>();
        Map<String, List<Map<String, Double>>> theirs = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Setting s : settings) {
                ours.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(runOurs(s.ours()));
                theirs.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(runPeer(s.peer()));
            }
        }
        StringBuilder js = new StringBuilder("[");
        for (Setting s : settings) {
            Map<String, Double> o = medians(ours.get(s.name()));
            Map<String, Double> p = medians(theirs.get(s.name()));
            double tr = o.get("train_step_s") / p.get("train_step_s");
            double ir = o.get("infer_step_s") / p.get("infer_step_s");
            double mr = o.get("peak_rss_mb") / p.get("peak_rss_mb");
            if (json) {
                js.append(js.length() > 1 ? ", " : "").append(String.format(Locale.ROOT,
                        "{\"setting\": \"%s\", \"model\": \"%s\", \"mixer\": \"%s\", \"peer\": \"pct %s\", "
                                + "\"batch\": %d, \"rounds\": %d, "
                                + "\"ours\": {\"train_step_s\": %.3f, \"infer_step_s\": %.3f, \"peak_rss_mb\": %.0f, "
                                + "\"load\": %.2f}, \"pytorch\": {\"train_step_s\": %.3f, \"infer_step_s\": %.3f, "
                                + "\"peak_rss_mb\": %.0f, \"load\": %.2f}, \"train_ratio\": %.3f, \"infer_ratio\": %.3f, "
                                + "\"rss_ratio\": %.3f}",
                        s.name(), model, mixer, peerMixer, batch, rounds, o.get("train_step_s"), o.get("infer_step_s"),
                        o.get("peak_rss_mb"), o.get("load"), p.get("train_step_s"), p.get("infer_step_s"),
                        p.get("peak_rss_mb"), p.get("load"), tr, ir, mr));
            } else {
                System.out.printf(Locale.ROOT, "%s %s vs PyTorch pct %s, %-42s  train %.2f s vs %.2f s (%.2fx)  infer %.2f s vs %.2f s (%.2fx)"
                                + "  RSS %.0f MB vs %.0f MB (%.2fx)  load %.1f/%.1f%n",
                        model, mixer, peerMixer, s.name(), o.get("train_step_s"), p.get("train_step_s"), tr, o.get("infer_step_s"),
                        p.get("infer_step_s"), ir, o.get("peak_rss_mb"), p.get("peak_rss_mb"), mr, o.get("load"),
                        p.get("load"));
            }
        }
        if (json) {
            System.out.println(js.append(']'));
        }
    }

    private static Map<String, Double> medians(List<Map<String, Double>> runs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : runs.get(0).keySet()) {
            List<Double> v = new ArrayList<>();
            for (Map<String, Double> r : runs) {
                v.add(r.get(k));
            }
            m.put(k, ModelBench.median(v));
        }
        return m;
    }

    private Map<String, Double> runOurs(String tunables) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the JVM options of tools/bin/pointea (its DEFAULT_JAVA_OPTS); GLIBC_TUNABLES comes per setting
        List<String> cmd = List.of(javaBin, "-XX:MaxRAMPercentage=25", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"),
                ModelBench.class.getName(), "--model", model, "--mixer", mixer, "--batch", Integer.toString(batch),
                "--json");
        Map<String, String> env = new HashMap<>();
        env.put("GLIBC_TUNABLES", tunables);
        // the library sets the OpenMP wait policy itself, as for any Java program
        env.put("OMP_WAIT_POLICY", null);
        String out = PctPeer.exec(cmd, env);
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : new String[] {"train_step_s", "infer_step_s", "peak_rss_mb"}) {
            m.put(k, number(out, "\"" + k + "\": ([0-9.eE+-]+)"));
        }
        m.put("load", (number(out, "\"load_before\": ([0-9.]+)") + number(out, "\"load_after\": ([0-9.]+)")) / 2);
        log("ours", tunables, m);
        return m;
    }

    private Map<String, Double> runPeer(String tunables) throws IOException {
        if (!Files.exists(peer)) {
            throw new IllegalStateException("peer script not found: " + peer + " (run from the repository root)");
        }
        Map<String, String> env = new HashMap<>();
        env.put("GLIBC_TUNABLES", tunables);
        env.put("OMP_WAIT_POLICY", null); // PyTorch as shipped
        Map<String, Double> m = PctPeer.run(python, peer, peerMixer, batch, env);
        m.remove("params");
        log("pytorch", tunables, m);
        return m;
    }

    private static void log(String who, String tunables, Map<String, Double> m) {
        System.err.printf(Locale.ROOT, "  %-8s malloc=%-7s %s%n", who, tunables == null ? "default" : "tuned", m);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("cannot find /" + regex + "/ in output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }
}

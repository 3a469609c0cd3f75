package org.pointea.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch reference of the model benchmarks, {@code tools/peers/pct_reference.py} (the team's
 * reference as shipped): the PCT classifier, 1024 points, 40 classes, external or offset attention,
 * median of 5 steps after one warm-up. Runs it as a process and reads its figures.
 */
public final class PctPeer {
    /** The peer script's file name, under {@code tools/peers/}. */
    public static final String SCRIPT = "pct_reference.py";

    /** The only cloud size the reference runs. */
    public static final int POINTS = 1024;

    private PctPeer() {
    }

    /**
     * Says why the reference cannot run a configuration of ours, if it cannot.
     *
     * @param model  canonical model name ({@link ModelBench#canonicalModel})
     * @param mixer  mixer name
     * @param batch  clouds per step
     * @param points points per cloud
     * @return empty when the reference has the same network, else the reason
     */
    public static Optional<String> incomparable(String model, String mixer, int batch, int points) {
        if (!model.equals("pct")) {
            return Optional.of("the PyTorch reference has the PCT classifier only, not " + model);
        }
        if (!mixer.equals("external") && !mixer.equals("offset")) {
            return Optional.of("the PyTorch reference has the external and offset mixers only, not " + mixer);
        }
        if (points != POINTS) {
            return Optional.of("the PyTorch reference runs " + POINTS + " points only, not " + points);
        }
        return Optional.empty();
    }

    /**
     * Runs the reference once.
     *
     * @param python  the interpreter (with torch)
     * @param script  {@code pct_reference.py}
     * @param mixer   {@code external} or {@code offset}
     * @param batch   clouds per step
     * @param env     environment changes: a {@code null} value removes the variable
     * @return {@code params, train_step_s, infer_step_s, peak_rss_mb, load}
     * @throws IOException when it cannot start, fails, or prints something unexpected
     */
    public static Map<String, Double> run(String python, Path script, String mixer, int batch,
                                          Map<String, String> env) throws IOException {
        double l0 = ModelBench.loadAverage()[0];
        String out = exec(List.of(python, script.toString(), mixer, Integer.toString(batch)), env);
        Map<String, Double> m = parse(out);
        m.put("load", (l0 + ModelBench.loadAverage()[0]) / 2);
        return m;
    }

    /**
     * Reads the reference's printed figures.
     *
     * @param out what {@code pct_reference.py} printed
     * @return {@code params, train_step_s, infer_step_s, peak_rss_mb}
     * @throws IOException when a figure is missing
     */
    public static Map<String, Double> parse(String out) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("params", number(out, "params (\\d+)"));
        m.put("train_step_s", number(out, "train \\S+ B \\d+ median s/iter ([0-9.]+)"));
        m.put("infer_step_s", number(out, "infer \\S+ B \\d+ median s/iter ([0-9.]+)"));
        m.put("peak_rss_mb", number(out, "maxrss MB ([0-9.]+)"));
        return m;
    }

    private static double number(String text, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IOException("cannot find /" + regex + "/ in the peer's output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * Runs a command to its end and returns its stdout and stderr together.
     *
     * @param cmd the command
     * @param env environment changes: a {@code null} value removes the variable
     * @return the output
     * @throws IOException when it cannot start or exits with a non-zero status
     */
    static String exec(List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder sb = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                sb.append(line).append('\n');
            }
        }
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (rc != 0) {
            throw new IOException("command failed (exit " + rc + "): " + String.join(" ", cmd) + "\n" + sb);
        }
        return sb.toString();
    }
}

package org.pointea.models.cuda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;

/**
 * The device check's float32 parity: {@link #write} computes the fixtures of every
 * {@link ParityCase} on one backend (the CPU, when the bundle is built:
 * {@code tools/gpu/build-bundle.sh}), {@link #compare} runs the cases on another backend (the GPU,
 * in the device check) and reports, per case, the largest absolute and relative logit differences
 * against the target {@value #TARGET}.
 *
 * <pre>
 * java -cp ... org.pointea.models.cuda.Parity OUT-DIR        # fixtures on the CPU backend
 * </pre>
 */
public final class Parity {
    /** The largest absolute logit difference that passes (FP32 GEMM on both sides). */
    public static final double TARGET = 1e-4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Parity() {
    }

    /** Writes the fixtures of every case, computed on the CPU backend, into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        write(dir, Backends.cpu(), ParityCase.ALL);
        System.out.println("parity fixtures of " + ParityCase.ALL.size() + " networks in " + dir);
    }

    /**
     * Computes the cases on {@code be} and writes one {@code <name>.json} each into {@code dir}.
     *
     * @param dir   the fixture folder (created)
     * @param be    the reference backend
     * @param cases the cases
     * @throws IOException when a file cannot be written
     */
    static void write(Path dir, Backend be, List<ParityCase> cases) throws IOException {
        Files.createDirectories(dir);
        for (ParityCase c : cases) {
            long t0 = System.nanoTime();
            float[][] out = c.run(be);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("config", c.config().toString());
            m.put("batch", c.batch());
            m.put("points", c.config().points());
            m.put("seed", c.seed());
            m.put("reference", be.describe());
            m.put("seconds", (System.nanoTime() - t0) / 1e9);
            m.put("logits", out[0]);
            if (out.length > 1) {
                m.put("logits_after_step", out[1]);
            }
            Path f = dir.resolve(c.name() + ".json");
            Path tmp = dir.resolve(c.name() + ".json.tmp");
            JSON.writeValue(tmp.toFile(), m);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Runs every fixture of {@code dir} on {@code be} and compares.
     *
     * @param dir   the fixture folder
     * @param be    the backend under test
     * @param cases the cases the fixtures may name
     * @return one entry per fixture: name, the differences, {@code passed}; or {@code error}
     * @throws IOException when the folder cannot be read
     */
    static List<Map<String, Object>> compare(Path dir, Backend be, List<ParityCase> cases) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("fixture", f.getFileName().toString());
            try {
                JsonNode j = JSON.readTree(f.toFile());
                String name = j.get("name").asText();
                ParityCase c = cases.stream().filter(k -> k.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no parity case " + name + " in this build"));
                r.put("name", c.name());
                if (!c.config().toString().equals(j.get("config").asText())) {
                    throw new IllegalStateException("the fixture's network (" + j.get("config").asText()
                            + ") is not this build's (" + c.config().toString() + "): rebuild the bundle");
                }
                r.put("reference", j.get("reference").asText());
                long t0 = System.nanoTime();
                float[][] out = c.run(be);
                r.put("seconds", (System.nanoTime() - t0) / 1e9);
                boolean passed = difference(r, "logits", floats(j.get("logits")), out[0]);
                if (out.length > 1) {
                    passed &= difference(r, "logits_after_step", floats(j.get("logits_after_step")), out[1]);
                }
                r.put("passed", passed);
            } catch (IOException | RuntimeException e) {
                r.put("passed", false);
                r.put("error", e.toString());
            }
            results.add(r);
        }
        return results;
    }

    /** Puts the largest differences of {@code actual} from {@code expected} under {@code key}; true when within the target. */
    static boolean difference(Map<String, Object> r, String key, float[] expected, float[] actual) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (expected.length != actual.length) {
            d.put("error", "expected " + expected.length + " values, got " + actual.length);
            r.put(key, d);
            return false;
        }
        double maxAbs = 0;
        double maxRel = 0;
        double scale = 0;
        boolean finite = true;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            finite &= Float.isFinite(actual[i]);
            maxAbs = Math.max(maxAbs, diff);
            maxRel = Math.max(maxRel, diff / Math.max(1e-6, Math.abs(expected[i])));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        d.put("values", expected.length);
        d.put("max_abs_diff", maxAbs);
        d.put("max_rel_diff", maxRel);
        d.put("max_abs_value", scale);
        d.put("target", TARGET);
        boolean ok = finite && maxAbs <= TARGET;
        d.put("passed", ok);
        r.put(key, d);
        return ok;
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }
}

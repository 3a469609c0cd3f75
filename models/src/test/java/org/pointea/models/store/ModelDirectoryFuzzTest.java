package org.pointea.models.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.pointea.io.Printable;

/**
 * Fuzz targets for model directories (issue 12, E): a mutated {@code model.json} next to real
 * weights, and mutated weights whose size and SHA-256 {@code model.json} states correctly (an
 * attacker can compute hashes). Opening must succeed or fail with an {@link IOException} whose
 * message is one printable line, allocating at most 64 x the input + 32 MiB on the heap (the
 * configuration is checked against the weights' shapes before any network exists: WeightsCheck).
 * Seeds: {@code ModelDirectoryFuzzTestInputs/<method>/}; docs/fuzzing.md has the campaign command.
 */
class ModelDirectoryFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static Path saved;
    private static Path work;

    /**
     * The template: the committed seeds' {@code model.json} and {@code tiny.npz} (a saved tiny
     * classifier, {@link ModelFuzzSeedsWriter}), so that the target needs no ND4J: in regression
     * mode Jazzer's agent instruments every class loaded after it, and ND4J's are many.
     */
    @BeforeAll
    static synchronized void setUp() {
        if (saved != null) {
            return;
        }
        try {
            Path base = Files.createTempDirectory("pointea-fuzz-model");
            Path s = Files.createDirectories(base.resolve("saved"));
            byte[] json = resource("manifest/model.json");
            String weights = JSON.readTree(json).get("weights").get("file").asText();
            Files.write(s.resolve(ModelDirectory.MANIFEST), json);
            Files.write(s.resolve(weights), resource("weights/tiny.npz"));
            work = Files.createDirectories(base.resolve("work"));
            saved = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (java.io.InputStream in = ModelDirectoryFuzzTest.class.getResourceAsStream(
                "ModelDirectoryFuzzTestInputs/" + name)) {
            if (in == null) {
                throw new IOException("missing seed " + name);
            }
            return in.readAllBytes();
        }
    }

    private static Path weightsOf(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "weights-*.npz")) {
            return s.iterator().next();
        }
    }

    private static void clearWork() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(work)) {
            for (Path f : s) {
                Files.delete(f);
            }
        }
    }

    @FuzzTest(maxDuration = "150s")
    @Timeout(120)
    void manifest(byte[] in) throws IOException {
        setUp();
        clearWork();
        Path w = weightsOf(saved);
        Files.copy(w, work.resolve(w.getFileName()));
        Files.write(work.resolve(ModelDirectory.MANIFEST), in);
        ModelDirectory md = bounded(in, () -> ModelDirectory.open(work));
        if (md != null) {
            // opened: every width the network would take must be a tensor dimension the weights
            // hold (guards against open() ever skipping the check)
            WeightsCheck.check(md.spec(), Npz.shapes(w), work.resolve(ModelDirectory.MANIFEST), w);
        }
    }

    @FuzzTest(maxDuration = "150s")
    @Timeout(120)
    void weights(byte[] in) throws IOException {
        setUp();
        clearWork();
        String sha = ModelDirectory.sha256(in);
        String name = "weights-" + sha.substring(0, 16) + ".npz";
        Files.write(work.resolve(name), in);
        ObjectNode manifest = (ObjectNode) JSON.readTree(saved.resolve(ModelDirectory.MANIFEST).toFile());
        ObjectNode weights = (ObjectNode) manifest.get("weights");
        weights.put("file", name);
        weights.put("bytes", in.length);
        weights.put("sha256", sha);
        Files.write(work.resolve(ModelDirectory.MANIFEST), JSON.writeValueAsBytes(manifest));
        bounded(in, () -> ModelDirectory.open(work));
        bounded(in, () -> {
            Map<String, Npz.Tensor> t = Npz.read(work.resolve(name));
            return t;
        });
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    /** Runs {@code call}, judging a failure's message and the heap it allocated (measured twice when over). */
    private static <T> T bounded(byte[] in, Call<T> call) {
        long bound = 64L * in.length + (32L << 20);
        T result = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            try {
                result = call.run();
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                if (!Printable.isPrintable(m)) {
                    throw new AssertionError("message is not one printable line: " + Printable.escape(m), e);
                }
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - a0;
            if (allocated <= bound) {
                return result;
            }
            if (attempt == 1) {
                throw new AssertionError("allocated " + allocated + " bytes for a " + in.length + "-byte input");
            }
        }
        return result;
    }
}

package org.pointea.models.pretrained;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.models.store.ModelDirectory;

/**
 * A model shipped inside pointea's jar, run with no training:
 *
 * <pre>{@code
 * try (Predictor p = Predictor.load(Pretrained.MODELNET40)) {
 *     Classification c = (Classification) p.predict(cloud);
 * }
 * }</pre>
 *
 * <p>The first use copies the model directory out of the jar into the user's cache ({@code
 * $XDG_CACHE_HOME/pointea/models}, else {@code ~/.cache/pointea/models}; the system property
 * {@value #CACHE_DIR_PROPERTY} moves it), into a folder named by the weights' SHA-256, through a
 * temporary folder renamed into place; {@link ModelDirectory#open} then verifies every byte as for
 * any model directory. The model cards are in {@code docs/pretrained.md}.
 */
public enum Pretrained {
    /**
     * The light External-Attention PCT classifier trained on real ModelNet40 (40 classes, 512
     * points by farthest-point sampling, unit-sphere normalised, z up): a single object per file,
     * roughly upright, any scale.
     */
    MODELNET40("modelnet40");

    /** System property naming the folder pretrained models are unpacked into. */
    public static final String CACHE_DIR_PROPERTY = "pointea.modelCacheDir";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;

    Pretrained(String id) {
        this.id = id;
    }

    /** The name the CLI takes ({@code pointea predict --model modelnet40}). */
    public String id() {
        return id;
    }

    /**
     * The pretrained model called {@code name} (case-insensitive), if pointea ships one.
     *
     * @param name a name such as {@code modelnet40}
     * @return the model, or empty
     */
    public static Optional<Pretrained> byId(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(n)).findFirst();
    }

    /**
     * Unpacks the model (once) and opens it.
     *
     * @return the verified model directory
     * @throws IOException when the cache cannot be written or the unpacked copy fails verification
     */
    public ModelDirectory open() throws IOException {
        return ModelDirectory.open(directory());
    }

    /**
     * The model's directory in the user's cache, unpacked from the jar on first use.
     *
     * @return the directory (not yet verified; {@link #open} verifies it)
     * @throws IOException when the cache cannot be written
     */
    public Path directory() throws IOException {
        byte[] manifest = resource(ModelDirectory.MANIFEST);
        JsonNode weights = JSON.readTree(manifest).path("weights");
        String file = weights.path("file").asText();
        String sha = weights.path("sha256").asText();
        if (file.isEmpty() || sha.length() < 16) {
            throw new IOException("pointea's jar holds a broken " + ModelDirectory.MANIFEST + " for " + id);
        }
        Path dir = cacheRoot().resolve(id + "-" + sha.substring(0, 16));
        if (ModelDirectory.exists(dir)) {
            return dir;
        }
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), "." + id + "-");
        try {
            Files.write(tmp.resolve(file), resource(file));
            Files.write(tmp.resolve(ModelDirectory.MANIFEST), manifest);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!ModelDirectory.exists(dir)) { // another process may have unpacked it first
                    throw e;
                }
            }
        } finally {
            deleteQuietly(tmp);
        }
        return dir;
    }

    private byte[] resource(String name) throws IOException {
        String path = id + "/" + name;
        try (InputStream in = Pretrained.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("pointea's jar lacks the pretrained model file " + path);
            }
            return in.readAllBytes();
        }
    }

    private static Path cacheRoot() {
        String property = System.getProperty(CACHE_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return CachedDataset.userCacheRoot().resolve("models");
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless: its name starts with a dot
        }
    }
}

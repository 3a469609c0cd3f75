package org.pointea.models.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.pointea.eval.AtomicFiles;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.network.Network;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.optim.Optimizer;

/**
 * A saved model: a directory holding {@code model.json} (format version, {@link ModelSpec}, the list
 * of payload files with their sizes and SHA-256, optional trainer state) plus the payloads
 * {@code weights-<hash>.npz} (parameters and batch-norm statistics under their PyTorch names) and,
 * for checkpoints, {@code updater-<hash>.npz} (optimizer state). Loading needs nothing from the
 * trainer:
 *
 * <pre>{@code
 * ModelDirectory.write(dir, spec, net.parameters(), null, null);      // save
 * ModelDirectory md = ModelDirectory.open(dir);                        // checks version and hashes
 * try (Network net = md.createNetwork()) { ... }                       // bit-identical outputs
 * md.requireSpec(expected);   // ModelMismatchException: "config.mixer.kind: external vs ufo"
 * }</pre>
 *
 * <p><b>Crash safety.</b> {@code model.json} is the commit point. A write first stores each payload
 * under a name derived from its content (written to a temporary file, flushed to disk, renamed),
 * then replaces {@code model.json} atomically, then deletes payloads no longer referenced. A process
 * killed at any moment therefore leaves the directory holding either the previous model or the new
 * one, complete and verifiable, plus at most some unreferenced files that the next write removes.
 * A directory whose {@code model.json} is missing, of another format version, or whose payloads do
 * not match their recorded hashes is refused with a {@link ModelFormatException} naming the file.
 * One writer per directory at a time.
 */
public final class ModelDirectory {
    /** The manifest's file name. */
    public static final String MANIFEST = "model.json";
    /** The {@code format} value of a manifest. */
    public static final String FORMAT = "pointea-model";
    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern PAYLOAD = Pattern.compile("(weights|updater)-[0-9a-f]{16}\\.npz");
    private static final Pattern TEMP = Pattern.compile("\\..*\\.tmp");

    /** Receives the stages of a write (for tests that interrupt it; also usable for logging). */
    @FunctionalInterface
    public interface WriteObserver {
        /** No observation. */
        WriteObserver NONE = (stage, dir) -> { };

        /**
         * Called at each stage: {@code weights} and {@code updater} once that payload is on disk,
         * {@code commit} just before {@code model.json} is replaced, {@code committed} after.
         *
         * @param stage the stage
         * @param dir   the directory being written
         * @throws IOException to abort the write
         */
        void stage(String stage, Path dir) throws IOException;
    }

    private final Path dir;
    private final JsonNode manifest;
    private final ModelSpec spec;

    private ModelDirectory(Path dir, JsonNode manifest, ModelSpec spec) {
        this.dir = dir;
        this.manifest = manifest;
        this.spec = spec;
    }

    /**
     * Saves a model (and optionally optimizer and trainer state) into {@code dir}, replacing what
     * it held, crash-safely (see the class comment).
     *
     * @param dir      the directory, created if needed
     * @param spec     the model's specification
     * @param params   the network's parameters and running statistics
     * @param updater  the optimizer whose state to save, or null
     * @param training trainer state to store verbatim under {@code training}, or null
     * @return {@code dir}
     * @throws IOException when writing fails (the directory then still holds its previous model)
     */
    public static Path write(Path dir, ModelSpec spec, ParamStore params, Optimizer updater, ObjectNode training)
            throws IOException {
        return write(dir, spec, params, updater, training, WriteObserver.NONE);
    }

    /** As {@link #write(Path, ModelSpec, ParamStore, Optimizer, ObjectNode)}, reporting its stages. */
    public static Path write(Path dir, ModelSpec spec, ParamStore params, Optimizer updater, ObjectNode training,
                             WriteObserver observer) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("saved_at", Instant.now().toString());
        root.set("model", spec.toJson());

        Map<String, Npz.Tensor> weights = new LinkedHashMap<>();
        for (Param p : params.params()) {
            weights.put(p.name(), Npz.Tensor.of(p.value()));
        }
        params.states().forEach((name, a) -> weights.put(name, Npz.Tensor.of(a)));
        ObjectNode w = payload(dir, "weights", weights);
        w.put("dtype", params.dtype().id());
        w.put("parameters", params.count());
        root.set("weights", w);
        observer.stage("weights", dir);
        if (updater != null) {
            ObjectNode u = UpdaterState.describe(updater);
            u.setAll(payload(dir, "updater", UpdaterState.tensors(updater)));
            root.set("updater", u);
            observer.stage("updater", dir);
        }
        if (training != null) {
            root.set("training", training);
        }
        observer.stage("commit", dir);
        byte[] json = MAPPER.writeValueAsBytes(root);
        AtomicFiles.write(dir.resolve(MANIFEST), out -> {
            out.write(json);
            out.write('\n');
        });
        syncDirectory(dir);
        observer.stage("committed", dir);
        Set<String> keep = new HashSet<>();
        keep.add(w.get("file").asText());
        if (root.has("updater")) {
            keep.add(root.get("updater").get("file").asText());
        }
        removeStale(dir, keep);
        return dir;
    }

    private static ObjectNode payload(Path dir, String kind, Map<String, Npz.Tensor> tensors) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
        Npz.write(buf, tensors);
        byte[] bytes = buf.toByteArray();
        String sha = sha256(bytes);
        String name = kind + "-" + sha.substring(0, 16) + ".npz";
        AtomicFiles.write(dir.resolve(name), out -> out.write(bytes));
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", name);
        n.put("bytes", bytes.length);
        n.put("sha256", sha);
        n.put("tensors", tensors.size());
        return n;
    }

    private static void removeStale(Path dir, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if ((PAYLOAD.matcher(n).matches() && !keep.contains(n)) || TEMP.matcher(n).matches()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Flushes a directory's entries (renames) to disk where the platform allows it. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory; the rename is still atomic there
        }
    }

    /**
     * The model directory a path names: the path itself when it holds a {@code model.json}, else
     * the {@code best/} model of the training run it holds (as {@code pointea predict --run} takes
     * either).
     *
     * @param path a model directory or a training run's directory
     * @return the model directory (not yet verified)
     * @throws ModelFormatException when the path is neither, or a run without a best model yet
     */
    public static Path resolve(Path path) throws ModelFormatException {
        if (exists(path)) {
            return path;
        }
        Path best = path.resolve("best");
        if (exists(best)) {
            return best;
        }
        if (Files.isRegularFile(path.resolve("run.json"))) {
            throw new ModelFormatException(path, "a training run without a best model yet (its first epoch has not "
                    + "finished); use " + path.resolve("last") + " for its checkpoint");
        }
        if (!Files.isDirectory(path)) {
            throw new ModelFormatException(path, "no such model directory");
        }
        throw new ModelFormatException(path, "neither a model directory (no " + MANIFEST + ") nor a training run");
    }

    /** True when {@code dir} holds a {@code model.json} (not yet verified). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /**
     * Opens a model directory: reads {@code model.json}, checks its format and version, and
     * verifies every payload's size and SHA-256.
     *
     * @param dir the directory
     * @return the opened directory
     * @throws ModelFormatException when it is not a complete model directory of this format version
     * @throws IOException when it cannot be read
     */
    public static ModelDirectory open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(dir, "no such model directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(dir, "not a model directory: no " + MANIFEST
                    + " (never saved, or the first save was interrupted)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new ModelFormatException(file, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(file, "not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText())) {
            throw new ModelFormatException(file, "format is " + (format == null ? "missing" : "'" + format.asText()
                    + "'") + ", expected '" + FORMAT + "'");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.isIntegralNumber()) {
            throw new ModelFormatException(file, "format_version missing");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw new ModelFormatException(file, "format version " + version.intValue() + " differs from the "
                    + "version this pointea reads (" + FORMAT_VERSION + ")"
                    + (version.intValue() > FORMAT_VERSION ? "; it was written by a newer pointea" : ""));
        }
        ModelSpec spec = ModelSpec.fromJson(root.get("model"), file);
        verify(dir, file, root.get("weights"), "weights", true);
        verify(dir, file, root.get("updater"), "updater", false);
        Path weights = dir.resolve(root.get("weights").get("file").asText());
        WeightsCheck.check(spec, Npz.shapes(weights), file, weights);
        return new ModelDirectory(dir, root, spec);
    }

    private static void verify(Path dir, Path manifest, JsonNode entry, String what, boolean required)
            throws IOException {
        if (entry == null) {
            if (required) {
                throw new ModelFormatException(manifest, "no " + what + " entry");
            }
            return;
        }
        JsonNode fileNode = entry.get("file");
        JsonNode sizeNode = entry.get("bytes");
        JsonNode shaNode = entry.get("sha256");
        if (fileNode == null || sizeNode == null || shaNode == null) {
            throw new ModelFormatException(manifest, what + " entry lacks file, bytes or sha256");
        }
        String name = fileNode.asText();
        if (!PAYLOAD.matcher(name).matches()) {
            throw new ModelFormatException(manifest, what + " file name '" + name + "' is not a payload name");
        }
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new ModelFormatException(f, "missing (listed in " + MANIFEST + ")");
        }
        long size = Files.size(f);
        if (size != sizeNode.asLong()) {
            throw new ModelFormatException(f, "has " + size + " bytes, " + MANIFEST + " says " + sizeNode.asLong());
        }
        String sha = sha256(f);
        if (!sha.equals(shaNode.asText())) {
            throw new ModelFormatException(f, "content does not match its SHA-256 in " + MANIFEST + " (damaged)");
        }
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /** The model's specification. */
    public ModelSpec spec() {
        return spec;
    }

    /** The whole manifest (read-only use). */
    public JsonNode manifest() {
        return manifest;
    }

    /** The trainer state stored with the model, if any. */
    public Optional<JsonNode> training() {
        return Optional.ofNullable(manifest.get("training"));
    }

    /** The saved optimizer's description ({@code type}, hyper-parameters, file), if any. */
    public Optional<JsonNode> updater() {
        return Optional.ofNullable(manifest.get("updater"));
    }

    /**
     * Fails unless the saved spec equals {@code requested}.
     *
     * @param requested the configuration the caller wants
     * @throws ModelMismatchException listing every differing field
     */
    public void requireSpec(ModelSpec requested) throws ModelMismatchException {
        List<String> d = spec.differences(requested);
        if (!d.isEmpty()) {
            throw new ModelMismatchException(dir, "the model configuration", d);
        }
    }

    /**
     * Copies the saved parameters and running statistics into {@code params}; every name and shape
     * must match.
     *
     * @param params the network's store
     * @throws ModelFormatException listing missing, unexpected and mis-shaped tensors
     * @throws IOException when the file cannot be read
     */
    public void loadWeights(ParamStore params) throws IOException {
        Path f = dir.resolve(manifest.get("weights").get("file").asText());
        Map<String, Npz.Tensor> saved = Npz.read(f);
        Map<String, DeviceArray> targets = new LinkedHashMap<>();
        for (Param p : params.params()) {
            targets.put(p.name(), p.value());
        }
        params.states().forEach(targets::put);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, DeviceArray> t : targets.entrySet()) {
            Npz.Tensor s = saved.get(t.getKey());
            if (s == null) {
                problems.add("missing " + t.getKey());
            } else if (!Arrays.equals(s.shape(), t.getValue().shape())) {
                problems.add(t.getKey() + " has shape " + Arrays.toString(s.shape()) + ", the network "
                        + Arrays.toString(t.getValue().shape()));
            }
        }
        for (String name : saved.keySet()) {
            if (!targets.containsKey(name)) {
                problems.add("unexpected " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelFormatException(f, "the weights do not fit the network: " + String.join("; ", problems));
        }
        for (Map.Entry<String, DeviceArray> t : targets.entrySet()) {
            saved.get(t.getKey()).copyTo(t.getValue());
        }
    }

    /**
     * Restores the saved optimizer state into {@code optimizer} (a fresh one of the saved type).
     *
     * @param optimizer the optimizer
     * @param params    the network it updates
     * @throws ModelFormatException when there is no saved state or it does not fit
     * @throws IOException when the file cannot be read
     */
    public void loadUpdater(Optimizer optimizer, ParamStore params) throws IOException {
        JsonNode u = manifest.get("updater");
        if (u == null) {
            throw new ModelFormatException(dir.resolve(MANIFEST), "no updater state saved");
        }
        Path f = dir.resolve(u.get("file").asText());
        long steps = u.has("steps") ? u.get("steps").asLong() : 0;
        UpdaterState.restore(optimizer, u.get("type").asText(), steps, Npz.read(f), params, f);
    }

    /**
     * A new float32 network with the saved weights, on the default backend
     * ({@link Backends#getDefault()}).
     *
     * @return the network; the caller closes it
     * @throws IOException when the weights cannot be read or do not fit
     */
    public Network createNetwork() throws IOException {
        return createNetwork(Backends.getDefault());
    }

    /**
     * A new float32 network with the saved weights on {@code backend}; its outputs equal the saved
     * network's bit for bit on the same backend and thread count.
     *
     * @param backend where the network runs
     * @return the network; the caller closes it
     * @throws IOException when the weights cannot be read or do not fit
     */
    public Network createNetwork(Backend backend) throws IOException {
        Network net = spec.config().create(backend, DType.FLOAT, 0);
        try {
            loadWeights(net.parameters());
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** The SHA-256 of a file, streamed (a payload may be larger than one array). */
    static String sha256(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ModelDirectory(" + dir + ", " + spec.architecture() + "/" + spec.variant() + ")";
    }
}

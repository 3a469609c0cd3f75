package org.pointea.models.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.pretrained.Pretrained;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.CloudInput;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.Prediction;
import org.pointea.models.task.classification.Classification;
import org.pointea.models.task.classification.ClassificationTask;
import org.pointea.models.task.partseg.PartSegmentation;
import org.pointea.models.task.partseg.PartSegmentationTask;
import org.pointea.pointcloud.PointCloud;

/**
 * Runs a saved model on point clouds, plain Java in and out (DJL's {@code Predictor}): loads a
 * model directory ({@link ModelDirectory}) or a training run's best model, and for each cloud of
 * any size repeats the training pipeline's preprocessing as the model's {@code model.json} records
 * it (points with a non-finite coordinate dropped, sampling to the network's number of points,
 * normalisation), runs the network in inference mode and returns its task's {@link Prediction}:
 * <ul>
 *   <li>for a classifier, a {@link Classification}: logits, softmax probabilities and the top k
 *       classes with their names;</li>
 *   <li>for a part segmenter, a {@link PartSegmentation}: a part label for <em>every</em> input
 *       point. The network labels the sampled points (restricted to the parts of the given object
 *       category, as ShapeNet-part is scored), and each input point takes the label of its nearest
 *       sampled point.</li>
 * </ul>
 * {@link #predict} and {@link #predictBatch} serve every task; {@link #classify} and
 * {@link #segment} are typed shortcuts for the two tasks pointea ships with.
 *
 * <pre>{@code
 * try (Predictor p = Predictor.load(Path.of("runs/cls1"))) {          // a run, or runs/cls1/best
 *     Classification c = p.classify(PointCloudIO.read(Path.of("chair.ply")));
 *     for (ClassScore s : c.top(5)) System.out.println(s);
 * }
 * try (Predictor p = Predictor.builder(Path.of("runs/seg1/best")).optBatchSize(8).build()) {
 *     PartSegmentation s = p.segment(scan, "Chair");
 *     int[] parts = s.labels();                        // one global part id per point of scan
 * }
 * }</pre>
 *
 * <p><b>Determinism.</b> Random sampling restarts from the predictor's seed for every cloud, so a
 * cloud gets the same answer whatever was predicted before, in whichever batch or thread.
 *
 * <p><b>Thread safety.</b> A predictor is <em>not</em> thread-safe: it owns a network whose
 * activation buffers are reused by every call. Use one predictor per thread, or a
 * {@link PredictorPool}, which lends a fixed set of predictors to any number of threads.
 * Concurrent calls on one predictor are detected and refused with an
 * {@link IllegalStateException} rather than left to corrupt each other. Predictors of the same
 * model in different threads give exactly the answers a single thread gives
 * ({@code PredictorPoolTest}).
 */
public final class Predictor implements AutoCloseable {
    /** Default number of classes in {@link #topK()}. */
    public static final int DEFAULT_TOP_K = 5;
    /** Default number of clouds per network pass in the batch methods. */
    public static final int DEFAULT_BATCH_SIZE = 8;

    private final ModelSpec spec;
    private final Path source;
    private final Network network;
    private final InputPipeline pipeline;
    private final int topK;
    private final int batchSize;
    private final int threads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;

    private Predictor(Builder b, ModelDirectory model) throws IOException {
        this.spec = model.spec();
        this.source = model.path();
        this.topK = b.topK;
        this.batchSize = b.batchSize;
        this.threads = b.threads;
        Subsampling sampling = b.sampling != null ? b.sampling : spec.preprocessing().sampling();
        this.pipeline = new InputPipeline(sampling, spec.preprocessing().normalization(), spec.points(), b.seed);
        this.network = model.createNetwork(b.backend != null ? b.backend : Backends.getDefault());
    }

    /**
     * Loads the model in {@code dir} with the default settings.
     *
     * @param dir a model directory, or a training run (its {@code best/} model is used)
     * @return the predictor; the caller closes it
     * @throws IOException when the directory is not a readable model ({@code ModelFormatException}
     *                     names the file and what is wrong)
     * @throws IllegalStateException when the default backend cannot run here
     */
    public static Predictor load(Path dir) throws IOException {
        return builder(dir).build();
    }

    /**
     * Loads a model shipped with pointea with the default settings.
     *
     * @param model the pretrained model (unpacked into the user's cache on first use)
     * @return the predictor; the caller closes it
     * @throws IOException when the cache cannot be written or the unpacked model fails verification
     * @throws IllegalStateException when the default backend cannot run here
     */
    public static Predictor load(Pretrained model) throws IOException {
        return builder(model.open()).build();
    }

    /**
     * A builder for the model in {@code dir}.
     *
     * @param dir a model directory, or a training run (its {@code best/} model is used)
     * @return the builder
     */
    public static Builder builder(Path dir) {
        return new Builder(Objects.requireNonNull(dir, "dir"), null);
    }

    /**
     * A builder for an already opened (and verified) model directory, e.g. to create several
     * predictors without reading and hashing the files again.
     *
     * @param model the opened directory
     * @return the builder
     */
    public static Builder builder(ModelDirectory model) {
        return new Builder(null, Objects.requireNonNull(model, "model"));
    }

    /** Settings of a {@link Predictor}: {@code optX} for the optional ones, validated when set. */
    public static final class Builder {
        private final Path dir;
        private final ModelDirectory model;
        private int topK = DEFAULT_TOP_K;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int threads = 1;
        private long seed;
        private Subsampling sampling;
        private Backend backend;

        private Builder(Path dir, ModelDirectory model) {
            this.dir = dir;
            this.model = model;
        }

        /** Classes listed by {@link Predictor#topK()} (default {@value #DEFAULT_TOP_K}). */
        public Builder optTopK(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("top k must be >= 1, got " + k);
            }
            this.topK = k;
            return this;
        }

        /** Clouds per network pass in the batch methods (default {@value #DEFAULT_BATCH_SIZE}). */
        public Builder optBatchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        /**
         * Threads for the Java side (sampling, grouping, label propagation): 1 (default) runs them
         * on the caller's thread, 0 on all processors. The network's own threads are ND4J's.
         */
        public Builder optThreads(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("threads must be >= 0, got " + n);
            }
            this.threads = n;
            return this;
        }

        /** Seed of the random sampling (default 0); only used by models trained with random sampling. */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Overrides the model's sampling (e.g. {@link Subsampling#FPS} for an even cover of a scan by
         * a segmenter trained with random sampling).
         */
        public Builder optSampling(Subsampling s) {
            this.sampling = Objects.requireNonNull(s, "sampling");
            return this;
        }

        /** The backend the network runs on (default {@link Backends#getDefault()}). */
        public Builder optBackend(Backend b) {
            this.backend = Objects.requireNonNull(b, "backend");
            return this;
        }

        /**
         * Opens the model and creates the network.
         *
         * @return the predictor; the caller closes it
         * @throws IOException when the model cannot be read or does not fit its configuration
         */
        public Predictor build() throws IOException {
            return new Predictor(this, model != null ? model : ModelDirectory.open(ModelDirectory.resolve(dir)));
        }
    }

    /** The model's specification (task, network configuration, labels, preprocessing). */
    public ModelSpec spec() {
        return spec;
    }

    /** The model's task. */
    public ModelTask task() {
        return spec.task();
    }

    /** Class names of a classifier, or the object category names of a part segmenter. */
    public List<String> labels() {
        return spec.labels();
    }

    /** Points per cloud the network takes. */
    public int points() {
        return spec.points();
    }

    /** Number of classes {@link Classification#top(int)} is asked for by {@link #topK()} users (the CLI). */
    public int topK() {
        return topK;
    }

    /** The sampling used to reduce clouds to {@link #points()}. */
    public Subsampling sampling() {
        return pipeline.sampling();
    }

    // ---- classification ------------------------------------------------------------------------

    /**
     * Classifies one cloud.
     *
     * @param cloud any number of points (at least one finite); only positions are used
     * @return the scores
     * @throws IllegalStateException when the model is a part segmenter
     */
    public Classification classify(PointCloud cloud) {
        return classifyBatch(List.of(Objects.requireNonNull(cloud, "cloud"))).get(0);
    }

    /**
     * Classifies one cloud given as packed positions {@code x0, y0, z0, x1, ...}.
     *
     * @param xyz packed positions (not modified)
     * @return the scores
     */
    public Classification classify(float[] xyz) {
        return classify(PointCloud.of(checkPacked(xyz).clone()));
    }

    /**
     * Classifies many clouds, {@link Builder#optBatchSize} per network pass.
     *
     * @param clouds the clouds
     * @return one answer per cloud, in order
     */
    public List<Classification> classifyBatch(List<PointCloud> clouds) {
        requireTask(ClassificationTask.ID, "segment");
        List<Classification> out = new ArrayList<>(clouds.size());
        for (Prediction p : run(clouds, null)) {
            out.add((Classification) p);
        }
        return out;
    }

    // ---- part segmentation ---------------------------------------------------------------------

    /**
     * Segments one cloud into the parts of an object category.
     *
     * @param cloud    any number of points (at least one finite); only positions are used
     * @param category the object category's index in {@link #labels()}
     * @return a part label per point of {@code cloud}
     * @throws IllegalStateException when the model is a classifier
     */
    public PartSegmentation segment(PointCloud cloud, int category) {
        return segmentBatch(List.of(Objects.requireNonNull(cloud, "cloud")), new int[] {category}).get(0);
    }

    /**
     * As {@link #segment(PointCloud, int)} with the category's name (case-insensitive; for
     * ShapeNet-part models also its synset id, e.g. {@code 03001627}).
     */
    public PartSegmentation segment(PointCloud cloud, String category) {
        return segment(cloud, categoryIndex(category));
    }

    /** As {@link #segment(PointCloud, int)} for packed positions. */
    public PartSegmentation segment(float[] xyz, int category) {
        return segment(PointCloud.of(checkPacked(xyz).clone()), category);
    }

    /**
     * Segments many clouds, {@link Builder#optBatchSize} per network pass.
     *
     * @param clouds     the clouds
     * @param categories the object category of each cloud
     * @return one answer per cloud, in order
     */
    public List<PartSegmentation> segmentBatch(List<PointCloud> clouds, int[] categories) {
        requireTask(PartSegmentationTask.ID, "classify");
        if (categories.length != clouds.size()) {
            throw new IllegalArgumentException(categories.length + " categories for " + clouds.size() + " clouds");
        }
        List<PartSegmentation> out = new ArrayList<>(clouds.size());
        for (Prediction p : run(clouds, categories)) {
            out.add((PartSegmentation) p);
        }
        return out;
    }

    /**
     * The index of a category by name (case-insensitive) or, for ShapeNet-part models, synset id.
     *
     * @param name the name
     * @return its index in {@link #labels()}
     * @throws IllegalArgumentException listing the valid names when it is none of them, or when the
     *                                  model takes no category
     */
    public int categoryIndex(String name) {
        Objects.requireNonNull(name, "category");
        return spec.task().categoryIndex(spec.config(), spec.labels(), name);
    }

    // ---- either task ---------------------------------------------------------------------------

    /**
     * Predicts for one cloud with either kind of model.
     *
     * @param cloud    the cloud
     * @param category the object category for a part segmenter (name or synset); must be null for a
     *                 classifier
     * @return a {@link Classification} or a {@link PartSegmentation}
     */
    public Prediction predict(PointCloud cloud, String category) {
        return predictBatch(List.of(cloud), category == null ? null : List.of(category)).get(0);
    }

    /**
     * Predicts for many clouds with either kind of model.
     *
     * @param clouds     the clouds
     * @param categories one object category per cloud for a part segmenter; null for a classifier
     * @return one answer per cloud, in order
     */
    public List<Prediction> predictBatch(List<PointCloud> clouds, List<String> categories) {
        ModelTask task = spec.task();
        if (!task.needsCategory()) {
            if (categories != null) {
                throw new IllegalArgumentException("a " + task.title() + " model takes no object category");
            }
            return run(clouds, null);
        }
        if (categories == null) {
            throw new IllegalArgumentException("a " + task.title() + " model needs the object category of each cloud "
                    + "(one of " + String.join(", ", spec.labels()) + ")");
        }
        if (categories.size() != clouds.size()) {
            throw new IllegalArgumentException(categories.size() + " categories for " + clouds.size() + " clouds");
        }
        int[] idx = new int[categories.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = categoryIndex(categories.get(i));
        }
        return run(clouds, idx);
    }

    /** Prepares, runs and decodes the clouds, {@link Builder#optBatchSize} per network pass. */
    private List<Prediction> run(List<PointCloud> clouds, int[] categories) {
        ModelTask task = spec.task();
        if (categories != null) {
            int cats = spec.config().categories();
            for (int c : categories) {
                if (c < 0 || c >= cats) {
                    throw new IllegalArgumentException("category " + c + " outside [0, " + cats + ")");
                }
            }
        }
        enter();
        try {
            int n = spec.points();
            List<Prediction> out = new ArrayList<>(clouds.size());
            for (int from = 0; from < clouds.size(); from += batchSize) {
                int b = Math.min(batchSize, clouds.size() - from);
                float[] xyz = new float[b * n * 3];
                InputPipeline.Prepared[] prepared = new InputPipeline.Prepared[b];
                for (int j = 0; j < b; j++) {
                    prepared[j] = prepare(Objects.requireNonNull(clouds.get(from + j), "cloud"), from + j);
                    System.arraycopy(prepared[j].network(), 0, xyz, j * n * 3, n * 3);
                }
                int[] cats = categories == null ? null : java.util.Arrays.copyOfRange(categories, from, from + b);
                PreparedBatch batch = network.prepare(new CloudBatch(b, n, xyz, cats), threads);
                DeviceArray result = network.forward(batch, false);
                float[] outputs = result.backend().toFloatArray(result);
                for (int j = 0; j < b; j++) {
                    CloudInput input = new CloudInput(clouds.get(from + j), prepared[j].sampled(),
                            prepared[j].positions());
                    out.add(task.decode(spec.config(), spec.labels(), outputs, j, input, cats == null ? -1 : cats[j],
                            threads));
                }
            }
            return out;
        } finally {
            exit();
        }
    }

    private InputPipeline.Prepared prepare(PointCloud cloud, int index) {
        try {
            return pipeline.prepare(cloud.positions(), cloud.size());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cloud " + index + ": " + e.getMessage(), e);
        }
    }

    private static float[] checkPacked(float[] xyz) {
        Objects.requireNonNull(xyz, "xyz");
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("packed positions need a multiple of 3 floats, got " + xyz.length);
        }
        return xyz;
    }

    private void requireTask(String id, String other) {
        if (!spec.task().id().equals(id)) {
            throw new IllegalStateException(source + " holds a " + spec.task().title() + " model; use "
                    + (spec.task().id().equals(ClassificationTask.ID) || spec.task().id().equals(
                            PartSegmentationTask.ID) ? other : "predict") + "(...)");
        }
    }

    private void enter() {
        if (closed) {
            throw new IllegalStateException("the predictor is closed");
        }
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("a Predictor is not thread-safe: it is already running a call in another "
                    + "thread; use one predictor per thread or a PredictorPool");
        }
    }

    private void exit() {
        busy.set(false);
    }

    /** Releases the network's native memory; idempotent. Must not be called during a call. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("cannot close a predictor while it is running a call");
        }
        closed = true;
        network.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Predictor(%s, %s/%s, %s)", source, spec.architecture(), spec.variant(),
                pipeline);
    }
}

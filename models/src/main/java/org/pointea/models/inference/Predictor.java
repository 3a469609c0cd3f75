package org.pointea.models.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pointea.eval.ArgMax;
import org.pointea.io.dataset.Subsampling;
import org.pointea.io.dataset.Task;
import org.pointea.models.pct.PctInput;
import org.pointea.models.engine.CudaSupport;
import org.pointea.models.pct.PctClassifier;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenter;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.pct.SegInput;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.neighbors.KdTree;

/**
 * Runs a saved model on point clouds, plain Java in and out (DJL's {@code Predictor}): loads a
 * model directory ({@link ModelDirectory}), and for each cloud of any size repeats the training
 * pipeline's preprocessing as the model's {@code model.json} records it (points with a non-finite
 * coordinate dropped, sampling to the network's number of points, normalisation, PCT's grouping),
 * runs the network in inference mode and returns
 * <ul>
 *   <li>for a classifier, a {@link Classification}: logits, softmax probabilities and the top k
 *       classes with their names;</li>
 *   <li>for a part segmenter, a {@link PartSegmentation}: a part label for <em>every</em> input
 *       point. The network labels the sampled points (restricted to the parts of the given object
 *       category, as ShapeNet-part is scored), and each input point takes the label of its nearest
 *       sampled point (a KD-tree from the {@code pointcloud} module).</li>
 * </ul>
 *
 * <pre>{@code
 * try (Predictor p = Predictor.load(Path.of("runs/cls1/best"))) {
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
    private final PctClassifier classifier;
    private final PctSegmenter segmenter;
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
        if (spec.task() == Task.CLASSIFICATION) {
            this.classifier = model.createClassifier();
            this.segmenter = null;
        } else {
            this.classifier = null;
            this.segmenter = model.createSegmenter();
        }
    }

    /**
     * Loads the model in {@code dir} with the default settings.
     *
     * @param dir a model directory (e.g. a training run's {@code best/})
     * @return the predictor; the caller closes it
     * @throws IOException when the directory is not a readable model ({@code ModelFormatException}
     *                     names the file and what is wrong)
     * @throws CudaSupport.UnsupportedGpuException when built for CUDA and the GPU cannot run it
     */
    public static Predictor load(Path dir) throws IOException {
        return builder(dir).build();
    }

    /**
     * A builder for the model in {@code dir}.
     *
     * @param dir a model directory
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

        /**
         * Opens the model and creates the network.
         *
         * @return the predictor; the caller closes it
         * @throws IOException when the model cannot be read or does not fit its configuration
         */
        public Predictor build() throws IOException {
            CudaSupport.requireUsable();
            return new Predictor(this, model != null ? model : ModelDirectory.open(dir));
        }
    }

    /** The model's specification (task, network configuration, labels, preprocessing). */
    public ModelSpec spec() {
        return spec;
    }

    /** Classification or part segmentation. */
    public Task task() {
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
        requireTask(Task.CLASSIFICATION);
        enter();
        try {
            PctClassifierConfig c = spec.classifier();
            int n = c.points();
            int k = c.classes();
            List<Classification> out = new ArrayList<>(clouds.size());
            for (int from = 0; from < clouds.size(); from += batchSize) {
                int b = Math.min(batchSize, clouds.size() - from);
                float[] xyz = new float[b * n * 3];
                for (int j = 0; j < b; j++) {
                    PointCloud cloud = clouds.get(from + j);
                    InputPipeline.Prepared p = prepare(cloud, from + j);
                    System.arraycopy(p.network(), 0, xyz, j * n * 3, n * 3);
                }
                float[] logits = classifier.predict(PctInput.group(xyz, b, c, threads));
                for (int j = 0; j < b; j++) {
                    out.add(new Classification(java.util.Arrays.copyOfRange(logits, j * k, (j + 1) * k),
                            spec.labels()));
                }
            }
            return out;
        } finally {
            exit();
        }
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
        requireTask(Task.PART_SEGMENTATION);
        if (categories.length != clouds.size()) {
            throw new IllegalArgumentException(categories.length + " categories for " + clouds.size() + " clouds");
        }
        PctSegmenterConfig c = spec.segmenter();
        for (int cat : categories) {
            if (cat < 0 || cat >= c.categories()) {
                throw new IllegalArgumentException("category " + cat + " outside [0, " + c.categories() + ")");
            }
        }
        enter();
        try {
            int n = c.points();
            int parts = c.parts();
            List<PartSegmentation> out = new ArrayList<>(clouds.size());
            for (int from = 0; from < clouds.size(); from += batchSize) {
                int b = Math.min(batchSize, clouds.size() - from);
                float[] xyz = new float[b * n * 3];
                InputPipeline.Prepared[] prepared = new InputPipeline.Prepared[b];
                for (int j = 0; j < b; j++) {
                    prepared[j] = prepare(clouds.get(from + j), from + j);
                    System.arraycopy(prepared[j].network(), 0, xyz, j * n * 3, n * 3);
                }
                int[] cats = java.util.Arrays.copyOfRange(categories, from, from + b);
                float[] logits = segmenter.predict(new SegInput(b, n, xyz, cats));
                for (int j = 0; j < b; j++) {
                    int cat = cats[j];
                    int first = firstPart(cat);
                    int count = partCount(cat);
                    int[] sampledLabels = new int[n];
                    ArgMax.restricted(logits, j * n * parts, n, parts, first, count, sampledLabels, 0);
                    PointCloud cloud = clouds.get(from + j);
                    int[] labels = propagate(cloud.positions(), cloud.size(), prepared[j], sampledLabels);
                    out.add(new PartSegmentation(cat, spec.labels().get(cat), first, count, labels,
                            prepared[j].sampled()));
                }
            }
            return out;
        } finally {
            exit();
        }
    }

    /** The global part ids of a category start here (ShapeNet-part's table; 0 for other part sets). */
    private int firstPart(int category) {
        return shapeNetPart() ? ShapeNetPart.firstPart(category) : 0;
    }

    /** A category's number of parts (ShapeNet-part's table; every part for other part sets). */
    private int partCount(int category) {
        return shapeNetPart() ? ShapeNetPart.partCount(category) : spec.segmenter().parts();
    }

    private boolean shapeNetPart() {
        PctSegmenterConfig c = spec.segmenter();
        return c.categories() == ShapeNetPart.CATEGORIES && c.parts() == ShapeNetPart.PARTS;
    }

    /**
     * Labels every input point with the label of its nearest sampled point (non-finite points get
     * {@link PartSegmentation#NO_LABEL}).
     */
    private int[] propagate(float[] xyz, int size, InputPipeline.Prepared p, int[] sampledLabels) {
        int m = sampledLabels.length;
        KdTree tree = KdTree.build(p.positions(), m);
        int[] nearest = new int[size];
        float[] d2 = new float[size];
        tree.knn(xyz, size, 1, nearest, d2, threads);
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = nearest[i] < 0 ? PartSegmentation.NO_LABEL : sampledLabels[nearest[i]];
        }
        return labels;
    }

    /**
     * The index of a category by name (case-insensitive) or, for ShapeNet-part models, synset id.
     *
     * @param name the name
     * @return its index in {@link #labels()}
     * @throws IllegalArgumentException listing the valid names when it is none of them
     */
    public int categoryIndex(String name) {
        Objects.requireNonNull(name, "category");
        List<String> names = spec.labels();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        if (spec.task() == Task.PART_SEGMENTATION && shapeNetPart()
                && ShapeNetPart.synsets().contains(name.strip())) {
            return ShapeNetPart.synsets().indexOf(name.strip());
        }
        throw new IllegalArgumentException("unknown " + (spec.task() == Task.CLASSIFICATION ? "class" : "category")
                + " '" + name + "'; the model knows " + String.join(", ", names));
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
        if (spec.task() == Task.CLASSIFICATION) {
            if (categories != null) {
                throw new IllegalArgumentException("a classifier takes no object category");
            }
            return List.copyOf(classifyBatch(clouds));
        }
        if (categories == null) {
            throw new IllegalArgumentException("a part segmenter needs the object category of each cloud (one of "
                    + String.join(", ", spec.labels()) + ")");
        }
        int[] idx = new int[categories.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = categoryIndex(categories.get(i));
        }
        return List.copyOf(segmentBatch(clouds, idx));
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

    private void requireTask(Task t) {
        if (spec.task() != t) {
            throw new IllegalStateException(source + " holds a " + describe(spec.task()) + " model; use "
                    + (spec.task() == Task.CLASSIFICATION ? "classify" : "segment") + "(...)");
        }
    }

    private static String describe(Task t) {
        return t == Task.CLASSIFICATION ? "classification" : "part-segmentation";
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
        if (classifier != null) {
            classifier.close();
        }
        if (segmenter != null) {
            segmenter.close();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Predictor(%s, %s/%s, %s)", source, spec.architecture(), spec.variant(),
                pipeline);
    }
}

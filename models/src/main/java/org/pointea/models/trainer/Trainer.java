package org.pointea.models.trainer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.eval.AtomicFiles;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Task;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.Prefetcher;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.pct.PctBatch;
import org.pointea.models.pct.PctClassifier;
import org.pointea.models.pct.PctSegmenter;
import org.pointea.models.store.JsonDiff;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelFormatException;
import org.pointea.models.store.ModelMismatchException;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.train.CrossEntropy;
import org.pointea.models.train.Optimizer;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * Trains a PCT classifier or part segmenter into a run directory, crash-safely and reproducibly.
 *
 * <pre>{@code
 * TrainingResult r = Trainer.builder(config, Path.of("runs/cls1"))
 *     .optListener(progressBar).build().fit();
 * // later, after a crash or a kill:
 * Trainer.builder(Trainer.savedConfig(run), run).optResume(true).build().fit();
 * }</pre>
 *
 * <p>A run directory holds {@code run.json} (the {@link TrainerConfig}, written first),
 * {@code metrics.jsonl} (one line per epoch, read by {@code History.readJsonLines}), {@code last/}
 * (a {@link ModelDirectory} with optimizer and trainer state: the checkpoint) and {@code best/}
 * (the model of the best validation epoch, which is what to deploy).
 *
 * <p><b>Reproducibility.</b> Every random choice is a function of the seed and a position: the
 * shape order of epoch e, the augmentation of shape i in epoch e, the dropout masks of step s.
 * Batches are read ahead on background threads but consumed in order. ND4J's thread count is
 * recorded and restored (its results differ between thread counts). A checkpoint holds the
 * weights, batch-norm statistics, optimizer state, epoch, position in the epoch and the epoch's
 * running sums; the learning rate is a function of the step. So a run killed at any moment (even
 * while a checkpoint is being written: see {@link ModelDirectory}) and resumed ends with the same
 * weights, bit for bit, as an uninterrupted run.
 *
 * <p>Checkpoints: {@code last/} at the end of every epoch (after validation) and every
 * {@link TrainerConfig#checkpointEvery()} iterations; {@code best/} whenever the selection metric
 * improves ({@code val_acc} for classification, {@code val_instance_miou} for part segmentation,
 * computed on the validation split, never the test split unless that is the configured
 * validation split). Not thread-safe.
 */
public final class Trainer {
    /** The configuration file of a run. */
    public static final String RUN_FILE = "run.json";
    /** The per-epoch metrics of a run. */
    public static final String METRICS_FILE = "metrics.jsonl";
    /** The checkpoint directory. */
    public static final String LAST = "last";
    /** The best model directory. */
    public static final String BEST = "best";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    private final TrainerConfig requested;
    private final Path run;
    private final PointCloudDataset givenTrain;
    private final PointCloudDataset givenVal;
    private final TrainingListener listener;
    private final int loaderThreads;
    private final int prefetch;
    private final ModelDirectory.WriteObserver observer;
    private final boolean resume;

    private Trainer(Builder b) {
        this.requested = b.config;
        this.run = b.run;
        this.givenTrain = b.train;
        this.givenVal = b.val;
        this.listener = b.listener;
        this.loaderThreads = b.loaderThreads;
        this.prefetch = b.prefetch;
        this.observer = b.observer;
        this.resume = b.resume;
    }

    /** Starts a trainer for {@code config} writing into {@code run}. */
    public static Builder builder(TrainerConfig config, Path run) {
        return new Builder(config, run);
    }

    /** True when {@code run} holds a training run ({@code run.json}). */
    public static boolean isRun(Path run) {
        return Files.isRegularFile(run.resolve(RUN_FILE));
    }

    /**
     * The configuration a run was started with (from its {@code run.json}).
     *
     * @param run the run directory
     * @return the configuration
     * @throws ModelFormatException when there is no readable {@code run.json}
     * @throws IOException when it cannot be read
     */
    public static TrainerConfig savedConfig(Path run) throws IOException {
        Path f = run.resolve(RUN_FILE);
        if (!Files.isRegularFile(f)) {
            throw new ModelFormatException(run, "not a training run: no " + RUN_FILE);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(f.toFile());
        } catch (JacksonException e) {
            throw new ModelFormatException(f, "not JSON: " + e.getOriginalMessage());
        }
        return TrainerConfig.fromJson(root.get("config"), f);
    }

    /** The mutable state of a run, as stored in a checkpoint. */
    private static final class State {
        int epoch;
        int batch;
        long step;
        double lossSum;
        long batches;
        long correct;
        long count;
        long samples;
        double seconds;
        int bestEpoch;
        double bestValue = Double.NEGATIVE_INFINITY;
        long metricsBytes;

        void resetEpoch() {
            lossSum = 0;
            batches = 0;
            correct = 0;
            count = 0;
            samples = 0;
            seconds = 0;
        }

        ObjectNode toJson() {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("epoch", epoch);
            n.put("batch", batch);
            n.put("global_step", step);
            n.put("epoch_loss_sum", lossSum);
            n.put("epoch_batches", batches);
            n.put("epoch_correct", correct);
            n.put("epoch_count", count);
            n.put("epoch_samples", samples);
            n.put("epoch_seconds", seconds);
            n.put("best_epoch", bestEpoch);
            n.put("best_value", bestValue == Double.NEGATIVE_INFINITY ? null : bestValue);
            n.put("metrics_bytes", metricsBytes);
            return n;
        }

        static State fromJson(JsonNode n, Path file) throws ModelFormatException {
            if (n == null || !n.isObject()) {
                throw new ModelFormatException(file, "no trainer state (training.state)");
            }
            State s = new State();
            try {
                s.epoch = req(n, "epoch").asInt();
                s.batch = req(n, "batch").asInt();
                s.step = req(n, "global_step").asLong();
                s.lossSum = req(n, "epoch_loss_sum").asDouble();
                s.batches = req(n, "epoch_batches").asLong();
                s.correct = req(n, "epoch_correct").asLong();
                s.count = req(n, "epoch_count").asLong();
                s.samples = req(n, "epoch_samples").asLong();
                s.seconds = req(n, "epoch_seconds").asDouble();
                s.bestEpoch = req(n, "best_epoch").asInt();
                JsonNode bv = n.get("best_value");
                s.bestValue = bv == null || bv.isNull() ? Double.NEGATIVE_INFINITY : bv.asDouble();
                s.metricsBytes = req(n, "metrics_bytes").asLong();
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file, "trainer state: " + e.getMessage());
            }
            return s;
        }

        private static JsonNode req(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("missing " + f);
            }
            return v;
        }
    }

    /**
     * Runs (or resumes) the training to its last epoch.
     *
     * @return what the run produced
     * @throws FileAlreadyExistsException when the directory already holds a run and resume was not asked
     * @throws ModelMismatchException when resuming with another configuration than the saved one
     * @throws IOException on data or write errors
     */
    public TrainingResult fit() throws IOException {
        long t0 = System.nanoTime();
        TrainerConfig cfg = requested;
        State st;
        ModelDirectory checkpoint = null;
        if (isRun(run)) {
            if (!resume) {
                throw new FileAlreadyExistsException(run.toString(), null, "already holds a training run ("
                        + RUN_FILE + "); resume it or choose another directory");
            }
            cfg = reconcile(savedConfig(run), requested);
            if (ModelDirectory.exists(run.resolve(LAST))) {
                checkpoint = ModelDirectory.open(run.resolve(LAST));
                JsonNode training = checkpoint.training().orElseThrow(() -> new ModelFormatException(
                        run.resolve(LAST), "checkpoint without trainer state"));
                st = State.fromJson(training.get("state"), run.resolve(LAST).resolve(ModelDirectory.MANIFEST));
            } else {
                st = new State();
            }
        } else {
            if (cfg == null) {
                throw new ModelFormatException(run, "not a training run: no " + RUN_FILE + " to resume");
            }
            int threads = cfg.engineThreads() > 0 ? cfg.engineThreads() : EngineThreads.current();
            cfg = cfg.toBuilder().optEngineThreads(threads).build();
            Files.createDirectories(run);
            ObjectNode root = MAPPER.createObjectNode();
            root.put("format", "pointea-run");
            root.put("format_version", 1);
            root.set("config", cfg.toJson());
            AtomicFiles.writeString(run.resolve(RUN_FILE), MAPPER.writeValueAsString(root) + "\n");
            st = new State();
        }
        EngineThreads.set(cfg.engineThreads());
        ModelSpec spec = cfg.spec();

        PointCloudDataset train = givenTrain;
        PointCloudDataset val = givenVal;
        DatasetProgress dp = listener::onPrepare;
        if (train == null) {
            if (cfg.data() == null) {
                throw new IllegalArgumentException("no datasets given and no data folder configured");
            }
            train = TrainingData.open(cfg.data(), cfg.trainSplit(), spec, dp);
            val = cfg.valSplit() == null ? null : TrainingData.open(cfg.data(), cfg.valSplit(), spec, dp);
        }
        checkData(spec, train, "training");
        if (val != null) {
            checkData(spec, val, "validation");
        }
        int bs = cfg.batchSize();
        int perEpoch = train.size() / bs;
        if (perEpoch == 0) {
            throw new IllegalArgumentException("the batch size " + bs + " exceeds the " + train.size()
                    + " training shapes");
        }
        long totalSteps = (long) perEpoch * cfg.epochs();
        String prefix = (cfg.valSplit() == null ? "val" : cfg.valSplit().id()) + "_";
        String select = val == null ? "epoch" : prefix + (spec.task() == Task.CLASSIFICATION ? "acc" : "instance_miou");
        PointTransform augment = Augmentations.parse(cfg.augmentation());
        Path metrics = run.resolve(METRICS_FILE);
        truncate(metrics, st.metricsBytes);

        long processSamples = 0;
        double processSeconds = 0;
        EpochSummary lastSummary = null;
        try (Net net = Net.create(spec, cfg.seed());
             Optimizer opt = cfg.optimizer().create();
             CrossEntropy ce = CrossEntropy.of(cfg.smoothing())) {
            if (checkpoint != null) {
                checkpoint.requireSpec(spec);
                checkpoint.loadWeights(net.params());
                checkpoint.loadUpdater(opt, net.params());
            }
            listener.onStart(new TrainingListener.RunInfo(cfg.epochs(), perEpoch, train.size(),
                    val == null ? 0 : val.size(), st.epoch, st.batch, checkpoint != null, net.params().count(),
                    cfg.engineThreads()));
            final PointCloudDataset trainData = train;
            for (int e = st.epoch; e < cfg.epochs(); e++) {
                final int epoch = e;
                int[] order = Batches.order(train.size(), cfg.seed(), e);
                Batches.Augmenter aug = Batches.training(augment, cfg.seed(), e);
                listener.onEpochStart(e, cfg.epochs(), st.batch, perEpoch);
                long epochStart = System.nanoTime();
                double secondsBefore = st.seconds;
                long samplesBefore = st.samples;
                double lr = opt.learningRate();
                try (Prefetcher<Object> batches = new Prefetcher<>(st.batch, perEpoch,
                        i -> net.load(trainData, Batches.slice(order, i * bs, (i + 1) * bs), aug),
                        loaderThreads, prefetch, "pointea-loader")) {
                    while (batches.hasNext()) {
                        int i = batches.nextIndex();
                        Object batch = batches.next();
                        long step = (long) epoch * perEpoch + i;
                        lr = cfg.optimizer().learningRate(step, totalSteps);
                        opt.setLearningRate(lr);
                        net.reseedDropout(Batches.dropoutSeed(cfg.seed(), step));
                        Net.StepStats s = net.step(batch, ce, opt);
                        st.lossSum += s.loss();
                        st.batches++;
                        st.correct += s.correct();
                        st.count += s.count();
                        st.samples += bs;
                        st.step = step + 1;
                        st.batch = i + 1;
                        double now = (System.nanoTime() - epochStart) / 1e9;
                        st.seconds = secondsBefore + now;
                        listener.onBatch(new TrainingListener.BatchProgress(epoch, cfg.epochs(), i + 1, perEpoch,
                                st.lossSum / st.batches, st.count == 0 ? Double.NaN : (double) st.correct / st.count,
                                lr, (st.samples - samplesBefore) / Math.max(now, 1e-9)));
                        if (cfg.checkpointEvery() > 0 && st.step % cfg.checkpointEvery() == 0 && i + 1 < perEpoch) {
                            saveLast(cfg, spec, net.params(), opt, st);
                            listener.onCheckpoint(LAST, run.resolve(LAST), epoch, i + 1);
                        }
                    }
                }
                processSamples += st.samples - samplesBefore;
                processSeconds += (System.nanoTime() - epochStart) / 1e9;

                Map<String, Double> m = new LinkedHashMap<>();
                m.put("lr", lr);
                m.put("train_loss", st.lossSum / Math.max(1, st.batches));
                m.put("train_acc", st.count == 0 ? Double.NaN : (double) st.correct / st.count);
                double value = e + 1;
                if (val != null) {
                    int valBatches = (val.size() + cfg.evalBatchSize() - 1) / cfg.evalBatchSize();
                    listener.onValidationStart(e, valBatches);
                    Evaluator.Settings es = Evaluator.Settings.defaults(spec.task())
                            .withBatchSize(cfg.evalBatchSize()).withSmoothing(cfg.smoothing())
                            .withLoaderThreads(loaderThreads).withShapes(0);
                    Evaluator.Evaluation ev = net.evaluate(val, spec, es, listener::onValidationBatch);
                    ev.metrics().forEach((k, v) -> m.put(prefix + k, v));
                    value = m.get(select);
                }
                m.put("time_s", st.seconds);
                m.put("samples_per_s", st.samples / Math.max(st.seconds, 1e-9));
                // ties go to the later epoch, as PCT's reference (`if test_acc >= best_test_acc`): on a
                // small validation split the first epoch to reach a score is often the least trained
                boolean improved = value >= st.bestValue && !Double.isNaN(value);
                if (improved) {
                    st.bestValue = value;
                    st.bestEpoch = e + 1;
                }
                st.metricsBytes = appendLine(metrics, e + 1, m);
                st.epoch = e + 1;
                st.batch = 0;
                st.resetEpoch();
                if (improved) {
                    ObjectNode best = MAPPER.createObjectNode();
                    best.put("epoch", e + 1);
                    best.put("selected_on", select);
                    best.put("value", value);
                    ObjectNode metricsNode = best.putObject("metrics");
                    m.forEach(metricsNode::put);
                    best.set("config", cfg.toJson());
                    ModelDirectory.write(run.resolve(BEST), spec, net.params(), null, best, observer);
                    listener.onCheckpoint(BEST, run.resolve(BEST), e + 1, 0);
                }
                saveLast(cfg, spec, net.params(), opt, st);
                listener.onCheckpoint(LAST, run.resolve(LAST), e + 1, 0);
                lastSummary = new EpochSummary(e + 1, m, improved, st.bestEpoch, st.bestValue, select);
                listener.onEpochEnd(lastSummary);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new TrainingResult(run, run.resolve(BEST), run.resolve(LAST), cfg.epochs(), st.bestEpoch, select,
                st.bestValue, lastSummary, seconds, processSamples / Math.max(processSeconds, 1e-9));
    }

    private void saveLast(TrainerConfig cfg, ModelSpec spec, ParamStore params, Optimizer opt, State st)
            throws IOException {
        ObjectNode training = MAPPER.createObjectNode();
        training.set("state", st.toJson());
        training.set("config", cfg.toJson());
        ModelDirectory.write(run.resolve(LAST), spec, params, opt, training, observer);
    }

    /**
     * The saved configuration, checked against the requested one (null = take the saved one). The
     * checkpoint interval may change; so may the data folder's path (a moved dataset), which is
     * not compared.
     */
    private TrainerConfig reconcile(TrainerConfig saved, TrainerConfig req) throws ModelMismatchException {
        if (req == null) {
            return saved;
        }
        TrainerConfig.Builder b = req.toBuilder().optCheckpointEvery(saved.checkpointEvery());
        if (req.engineThreads() == 0) {
            b.optEngineThreads(saved.engineThreads());
        }
        ObjectNode a = saved.toJson();
        ObjectNode c = b.build().toJson();
        a.remove("data");
        c.remove("data");
        check(a, c);
        TrainerConfig.Builder out = saved.toBuilder().optCheckpointEvery(req.checkpointEvery());
        if (req.data() != null) {
            out.setData(req.data());
        }
        return out.build();
    }

    private void check(JsonNode saved, JsonNode req) throws ModelMismatchException {
        List<String> d = JsonDiff.of(saved, req);
        if (!d.isEmpty()) {
            throw new ModelMismatchException(run, "the training configuration", d);
        }
    }

    private static void checkData(ModelSpec spec, PointCloudDataset ds, String what) {
        if (ds.task() != spec.task()) {
            throw new IllegalArgumentException("the " + what + " data is for " + TrainingData.describe(ds.task())
                    + ", the model for " + TrainingData.describe(spec.task()));
        }
        if (ds.pointsPerShape() != spec.points()) {
            throw new IllegalArgumentException("the " + what + " data has " + ds.pointsPerShape()
                    + " points per shape, the model takes " + spec.points());
        }
        if (spec.task() == Task.CLASSIFICATION && !ds.classNames().equals(spec.labels())) {
            throw new IllegalArgumentException("the " + what + " data's classes " + ds.classNames()
                    + " differ from the model's " + spec.labels());
        }
    }

    /** Cuts {@code metrics.jsonl} back to what the checkpoint had seen (lines of unfinished epochs go). */
    private static void truncate(Path file, long bytes) throws IOException {
        if (Files.exists(file) && Files.size(file) > bytes) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(bytes);
                ch.force(true);
            }
        }
    }

    /** Appends one epoch's line and returns the file's new length. */
    private static long appendLine(Path file, int epoch, Map<String, Double> m) throws IOException {
        ObjectNode line = LINE.createObjectNode();
        line.put("epoch", epoch);
        m.forEach((k, v) -> {
            if (v == null || v.isNaN() || v.isInfinite()) {
                line.putNull(k);
            } else {
                line.put(k, v);
            }
        });
        byte[] bytes = (LINE.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
            return ch.size();
        }
    }

    /** A network of either task behind one interface. */
    private interface Net extends AutoCloseable {
        /** One training step's outcome. */
        record StepStats(double loss, long correct, long count) {
        }

        ParamStore params();

        void reseedDropout(long seed);

        /** Reads a training batch (loader thread). */
        Object load(PointCloudDataset ds, int[] indices, Batches.Augmenter aug);

        /** Forward, loss, backward, update; releases the batch. */
        StepStats step(Object batch, CrossEntropy ce, Optimizer opt);

        Evaluator.Evaluation evaluate(PointCloudDataset ds, ModelSpec spec, Evaluator.Settings s,
                                      Evaluator.Progress p);

        @Override
        void close();

        static Net create(ModelSpec spec, long seed) {
            return spec.task() == Task.CLASSIFICATION ? new ClsNet(PctClassifier.create(spec.classifier(), seed))
                    : new SegNet(PctSegmenter.create(spec.segmenter(), seed));
        }
    }

    private record ClsLoaded(PctBatch batch, int[] labels) {
    }

    private static final class ClsNet implements Net {
        private final PctClassifier net;

        ClsNet(PctClassifier net) {
            this.net = net;
        }

        @Override
        public ParamStore params() {
            return net.parameters();
        }

        @Override
        public void reseedDropout(long seed) {
            net.reseedDropout(seed);
        }

        @Override
        public Object load(PointCloudDataset ds, int[] indices, Batches.Augmenter aug) {
            Batches.Cls c = Batches.classification(ds, indices, aug, net.config());
            return new ClsLoaded(net.prepare(c.input()), c.labels());
        }

        @Override
        public StepStats step(Object batch, CrossEntropy ce, Optimizer opt) {
            ClsLoaded b = (ClsLoaded) batch;
            try (PctBatch pb = b.batch()) {
                INDArray logits = net.forward(pb, true);
                double loss = ce.compute(logits, b.labels());
                long correct = correct(logits, b.labels());
                net.backward(ce.gradient());
                opt.step(net.parameters());
                return new StepStats(loss, correct, b.labels().length);
            }
        }

        @Override
        public Evaluator.Evaluation evaluate(PointCloudDataset ds, ModelSpec spec, Evaluator.Settings s,
                                             Evaluator.Progress p) {
            return Evaluator.classification(net, ds, spec.labels(), s, p);
        }

        @Override
        public void close() {
            net.close();
        }
    }

    private static final class SegNet implements Net {
        private final PctSegmenter net;

        SegNet(PctSegmenter net) {
            this.net = net;
        }

        @Override
        public ParamStore params() {
            return net.parameters();
        }

        @Override
        public void reseedDropout(long seed) {
            net.reseedDropout(seed);
        }

        @Override
        public Object load(PointCloudDataset ds, int[] indices, Batches.Augmenter aug) {
            return Batches.segmentation(ds, indices, aug, net.config().points());
        }

        @Override
        public StepStats step(Object batch, CrossEntropy ce, Optimizer opt) {
            Batches.Seg b = (Batches.Seg) batch;
            INDArray logits = net.forward(b.input(), true);
            double loss = ce.compute(logits, b.parts());
            long correct = correct(logits, b.parts());
            net.backward(ce.gradient());
            opt.step(net.parameters());
            return new StepStats(loss, correct, b.parts().length);
        }

        @Override
        public Evaluator.Evaluation evaluate(PointCloudDataset ds, ModelSpec spec, Evaluator.Settings s,
                                             Evaluator.Progress p) {
            return Evaluator.segmentation(net, ds, s, p);
        }

        @Override
        public void close() {
            net.close();
        }
    }

    /** Rows of {@code logits} whose argmax equals the label. */
    static long correct(INDArray logits, int[] labels) {
        try (INDArray am = Nd4j.argMax(logits, 1)) {
            long[] pred = am.toLongVector();
            long c = 0;
            for (int i = 0; i < labels.length; i++) {
                if (pred[i] == labels[i]) {
                    c++;
                }
            }
            return c;
        }
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private final TrainerConfig config;
        private final Path run;
        private PointCloudDataset train;
        private PointCloudDataset val;
        private TrainingListener listener = TrainingListener.NONE;
        private int loaderThreads = 1;
        private int prefetch = 4;
        private ModelDirectory.WriteObserver observer = ModelDirectory.WriteObserver.NONE;
        private boolean resume;

        private Builder(TrainerConfig config, Path run) {
            this.config = config;
            this.run = Objects.requireNonNull(run, "run");
        }

        /**
         * Uses these datasets instead of opening the configured data folder (they must be prepared
         * with the model's number of points; {@code val} may be null).
         */
        public Builder optDatasets(PointCloudDataset trainSet, PointCloudDataset valSet) {
            this.train = Objects.requireNonNull(trainSet, "train");
            this.val = valSet;
            return this;
        }

        /** Sets the progress listener. */
        public Builder optListener(TrainingListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** Sets the background threads that read, augment and group batches (default 1; 0 = none). */
        public Builder optLoaderThreads(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("loader threads must be >= 0, got " + n);
            }
            this.loaderThreads = n;
            return this;
        }

        /** Sets how many batches are read ahead (default 4). */
        public Builder optPrefetch(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("prefetch must be >= 1, got " + n);
            }
            this.prefetch = n;
            return this;
        }

        /** Observes checkpoint writes (tests interrupt them here). */
        public Builder optWriteObserver(ModelDirectory.WriteObserver o) {
            this.observer = Objects.requireNonNull(o, "observer");
            return this;
        }

        /**
         * Resumes the run in the directory if there is one: the saved configuration is used and the
         * given one (if not null) must agree with it, apart from the checkpoint interval.
         */
        public Builder optResume(boolean r) {
            this.resume = r;
            return this;
        }

        /** Returns the trainer. */
        public Trainer build() {
            if (config == null && !resume) {
                throw new IllegalArgumentException("a configuration is needed unless resuming");
            }
            return new Trainer(this);
        }
    }
}

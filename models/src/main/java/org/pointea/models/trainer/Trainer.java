package org.pointea.models.trainer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.pointea.eval.AtomicFiles;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.data.Augmentations;
import org.pointea.models.data.Prefetcher;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.loss.Loss;
import org.pointea.models.network.Network;
import org.pointea.models.nn.BatchNormSync;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Optimizer;
import org.pointea.models.store.JsonDiff;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelFormatException;
import org.pointea.models.store.ModelMismatchException;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.LabelledBatch;
import org.pointea.models.task.ModelTask;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * Trains a network of any task into a run directory, crash-safely and reproducibly.
 *
 * <pre>{@code
 * TrainingResult r = Trainer.builder(config, Path.of("runs/cls1"))
 *     .optListener(progressBar).build().fit();
 * // later, after a crash or a kill:
 * Trainer.builder(null, run).optResume(true).build().fit();
 * }</pre>
 *
 * <p>The loop, per epoch: read and prepare batches ahead on loader threads; per batch set the
 * learning rate, reseed dropout from (seed, step) and run a {@link TrainStep} (forward + loss,
 * backward, {@link GradientHook}, update); then validate, and hand the epoch to the listeners that
 * keep the run's files, always in this order: {@link MetricsLog} ({@code metrics.jsonl}),
 * {@link BestModelKeeper} ({@code best/}), {@link CheckpointWriter} ({@code last/}, also every
 * {@link TrainerConfig#checkpointEvery()} steps), and the caller's {@link TrainingListener}.
 *
 * <p>A run directory holds {@code run.json} (the {@link TrainerConfig}, written first),
 * {@code metrics.jsonl} (one line per epoch), {@code last/} (a {@link ModelDirectory} with
 * optimizer and trainer state: the checkpoint) and {@code best/} (the model of the best validation
 * epoch, which is what to deploy).
 *
 * <p><b>Reproducibility.</b> Every random choice is a function of the seed and a position: the
 * shape order of epoch e, the augmentation of shape i in epoch e, the dropout masks of step s.
 * Batches are read ahead on background threads but consumed in order. The backend's thread count
 * is recorded and restored (results differ between thread counts). A checkpoint holds the
 * weights, batch-norm statistics, optimizer state and the {@link TrainerState}; the learning rate
 * is a function of the step. So a run killed at any moment (even while a checkpoint is being
 * written: see {@link ModelDirectory}) and resumed ends with the same weights, bit for bit, as an
 * uninterrupted run.
 *
 * <p><b>Data-parallel training.</b> With {@link Builder#optShard(int, int)} each of W workers
 * takes its slice of every global batch of the shared seeded order (W · batch size clouds per
 * step) and draws its own dropout masks; a {@link GradientHook} that averages the workers'
 * gradients then makes every worker apply the same update, and {@link Builder#optBatchNormSync}
 * makes batch norm see the whole global batch. Not thread-safe.
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

    private final TrainerConfig requested;
    private final Path run;
    private final PointCloudDataset givenTrain;
    private final PointCloudDataset givenVal;
    private final TrainingListener listener;
    private final GradientHook hook;
    private final BatchNormSync batchNormSync;
    private final Backend backend;
    private final int rank;
    private final int workers;
    private final int loaderThreads;
    private final int prefetch;
    private final ModelDirectory.WriteObserver observer;
    private final boolean resume;
    private final Path initFrom;
    private volatile boolean stopRequested;

    private Trainer(Builder b) {
        this.requested = b.config;
        this.run = b.run;
        this.givenTrain = b.train;
        this.givenVal = b.val;
        this.listener = b.listener;
        this.hook = b.hook;
        this.batchNormSync = b.batchNormSync;
        this.backend = b.backend;
        this.rank = b.rank;
        this.workers = b.workers;
        this.loaderThreads = b.loaderThreads;
        this.prefetch = b.prefetch;
        this.observer = b.observer;
        this.resume = b.resume;
        this.initFrom = b.initFrom;
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

    /**
     * Asks a running {@link #fit()} to stop, from any thread (a signal handler, a UI): it finishes
     * the step in progress, writes a checkpoint and throws {@link TrainingStoppedException}; the run
     * then resumes exactly where it stopped. A stop asked before the first step (while data is
     * being prepared) takes effect after that step.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Where a run starts: its configuration, its state, the checkpoint it resumes (or null) and the
     * pretrained model a fresh run starts from (or null).
     */
    private record Start(TrainerConfig config, TrainerState state, ModelDirectory checkpoint,
                         ModelDirectory pretrained) {
    }

    /** The data of a run. */
    private record Splits(PointCloudDataset train, PointCloudDataset val) {
    }

    /**
     * Runs (or resumes) the training to its last epoch.
     *
     * @return what the run produced
     * @throws FileAlreadyExistsException when the directory already holds a run and resume was not asked
     * @throws ModelMismatchException when resuming with another configuration than the saved one
     *                                (the number of epochs may change: see {@link Builder#optResume})
     * @throws IOException on data or write errors
     * @throws TrainingStoppedException when {@link #requestStop()} was called (a checkpoint is written)
     */
    public TrainingResult fit() throws IOException {
        long t0 = System.nanoTime();
        Start start = start();
        TrainerConfig cfg = start.config();
        backend.setThreads(cfg.engineThreads());
        ModelSpec spec = cfg.spec();
        ModelTask task = spec.task();
        Splits data = openData(cfg);
        int perEpoch = data.train().size() / (cfg.batchSize() * workers);
        if (perEpoch == 0) {
            throw new IllegalArgumentException("the batch size " + cfg.batchSize()
                    + (workers > 1 ? " x " + workers + " workers" : "") + " exceeds the " + data.train().size()
                    + " training shapes");
        }
        String prefix = (cfg.valSplit() == null ? "val" : cfg.valSplit().id()) + "_";
        String select = data.val() == null ? "epoch" : prefix + task.selectionMetric();
        MetricsLog metrics = new MetricsLog(run.resolve(METRICS_FILE));
        metrics.truncate(start.state().metricsBytes());

        try (Network net = spec.config().create(backend, DType.FLOAT, cfg.seed());
             Optimizer opt = cfg.optimizer().create();
             Loss loss = loss(cfg, task, data.train())) {
            net.parameters().setBatchNormSync(batchNormSync);
            if (start.checkpoint() != null) {
                start.checkpoint().requireSpec(spec);
                start.checkpoint().loadWeights(net.parameters());
                start.checkpoint().loadUpdater(opt, net.parameters());
            } else if (start.pretrained() != null) {
                FineTuning.load(start.pretrained(), spec, net);
            }
            TrainingSession s = new TrainingSession(run, cfg, net, opt, start.state(), select, listener, observer);
            s.setCategories(task.needsCategory() ? categories(data.train(), spec.labels()) : null);
            BestModelKeeper best = new BestModelKeeper(s);
            CheckpointWriter checkpoints = new CheckpointWriter(s);
            listener.onStart(new TrainingListener.RunInfo(cfg.epochs(), perEpoch, data.train().size(),
                    data.val() == null ? 0 : data.val().size(), s.state().epoch(), s.state().batch(),
                    start.checkpoint() != null, net.parameterCount(), cfg.engineThreads()));
            TrainStep step = new TrainStep(net, loss, opt, hook);
            double processSeconds = 0;
            long processSamples = 0;
            EpochSummary summary = null;
            for (int e = s.state().epoch(); e < cfg.epochs(); e++) {
                long epochStart = System.nanoTime();
                long samplesBefore = s.state().epochSamples();
                double lr = trainEpoch(s, step, checkpoints, data.train(), e, perEpoch);
                processSamples += s.state().epochSamples() - samplesBefore;
                processSeconds += (System.nanoTime() - epochStart) / 1e9;
                Map<String, Double> m = epochMetrics(s, lr, data.val(), prefix);
                double value = data.val() == null ? e + 1 : m.get(select);
                // ties go to the later epoch, as PCT's reference (`if test_acc >= best_test_acc`): on a
                // small validation split the first epoch to reach a score is often the least trained
                boolean improved = value >= s.state().best() && !Double.isNaN(value);
                s.setState(s.state().nextEpoch(improved, value));
                summary = new EpochSummary(e + 1, m, improved, s.state().bestEpoch(), s.state().best(), select);
                s.setState(s.state().withMetricsBytes(metrics.append(e + 1, m)));
                best.onEpochEnd(summary);
                checkpoints.onEpochEnd(summary);
                listener.onEpochEnd(summary);
                if (stopRequested && e + 1 < cfg.epochs()) {
                    throw new TrainingStoppedException(run, e, perEpoch, perEpoch, s.state().globalStep());
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new TrainingResult(run, run.resolve(BEST), run.resolve(LAST), cfg.epochs(), s.state().bestEpoch(),
                    select, s.state().best(), summary, seconds, processSamples / Math.max(processSeconds, 1e-9));
        }
    }

    /** The names of the object categories present in the training data, in label order. */
    private static List<String> categories(PointCloudDataset train, List<String> labels) {
        TreeSet<Integer> present = new TreeSet<>();
        for (int i = 0; i < train.size(); i++) {
            present.add(train.label(i));
        }
        return present.stream().filter(c -> c >= 0 && c < labels.size()).map(labels::get).toList();
    }

    /** The training loss: cross entropy with the recipe's smoothing, class-balanced when configured. */
    private static CrossEntropy loss(TrainerConfig cfg, ModelTask task, PointCloudDataset train) {
        CrossEntropy ce = CrossEntropy.of(cfg.smoothing());
        if (cfg.classWeights().equals(TrainerConfig.BALANCED)) {
            double[] w = task.classWeights(train);
            if (w == null) {
                throw new IllegalArgumentException("class-balanced weights are not defined for " + task.title());
            }
            ce = ce.withClassWeights(w);
        }
        return ce;
    }

    /** One loaded training batch: the batch as read and its prepared form. */
    private record Loaded(LabelledBatch batch, PreparedBatch prepared) {
    }

    /** Trains epoch {@code e} from the state's batch to its end; returns the last learning rate used. */
    private double trainEpoch(TrainingSession s, TrainStep step, CheckpointWriter checkpoints,
                              PointCloudDataset train, int e, int perEpoch) throws IOException {
        TrainerConfig cfg = s.config();
        ModelTask task = cfg.spec().task();
        int bs = cfg.batchSize();
        long totalSteps = (long) perEpoch * cfg.epochs();
        int[] order = Batches.order(train.size(), cfg.seed(), e);
        SampleAugmenter aug = Batches.training(Augmentations.parse(cfg.augmentation()), cfg.seed(), e);
        int firstBatch = s.state().batch();
        listener.onEpochStart(e, cfg.epochs(), firstBatch, perEpoch);
        long epochStart = System.nanoTime();
        double secondsBefore = s.state().epochSeconds();
        long samplesBefore = s.state().epochSamples();
        double lr = s.optimizer().learningRate();
        Network net = s.network();
        int points = cfg.spec().points();
        try (Prefetcher<Loaded> batches = new Prefetcher<>(firstBatch, perEpoch, i -> {
            int from = (i * workers + rank) * bs;
            LabelledBatch b = task.read(train, Batches.slice(order, from, from + bs), aug, points);
            return new Loaded(b, net.prepare(b.clouds()));
        }, loaderThreads, prefetch, "pointea-loader")) {
            while (batches.hasNext()) {
                int i = batches.nextIndex();
                Loaded b = batches.next();
                long global = (long) e * perEpoch + i;
                lr = cfg.optimizer().learningRate(global, totalSteps);
                s.optimizer().setLearningRate(lr);
                net.reseedDropout(Batches.dropoutSeed(cfg.seed(), global, rank));
                TrainStep.Result r = step.run(b.prepared(), b.batch().targets(), global);
                double now = (System.nanoTime() - epochStart) / 1e9;
                s.setState(s.state().afterStep(i + 1, global, r.loss(), r.correct(), r.rows(), bs,
                        secondsBefore + now));
                TrainerState st = s.state();
                listener.onBatch(new TrainingListener.BatchProgress(e, cfg.epochs(), i + 1, perEpoch,
                        st.epochLoss(), st.epochAccuracy(), lr, (st.epochSamples() - samplesBefore) / Math.max(now,
                        1e-9)));
                boolean saved = checkpoints.onBatch(e, i + 1, perEpoch);
                if (stopRequested && i + 1 < perEpoch) {
                    if (!saved) {
                        checkpoints.now(e, i + 1);
                    }
                    throw new TrainingStoppedException(run, e, i + 1, perEpoch, st.globalStep());
                }
            }
        }
        return lr;
    }

    /** The epoch's training metrics, then its validation scores with {@code prefix}, then the timing. */
    private Map<String, Double> epochMetrics(TrainingSession s, double lr, PointCloudDataset val, String prefix) {
        TrainerConfig cfg = s.config();
        TrainerState st = s.state();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("lr", lr);
        m.put("train_loss", st.epochBatches() == 0 ? 0.0 : st.epochLoss());
        m.put("train_acc", st.epochAccuracy());
        if (val != null) {
            int valBatches = (val.size() + cfg.evalBatchSize() - 1) / cfg.evalBatchSize();
            listener.onValidationStart(st.epoch(), valBatches);
            Evaluator.Settings es = Evaluator.Settings.defaults(cfg.spec().task())
                    .withBatchSize(cfg.evalBatchSize()).withSmoothing(cfg.smoothing())
                    .withLoaderThreads(loaderThreads).withShapes(0);
            Evaluator.evaluate(s.network(), cfg.spec(), val, es, listener::onValidationBatch).metrics()
                    .forEach((k, v) -> m.put(prefix + k, v));
        }
        m.put("time_s", st.epochSeconds());
        m.put("samples_per_s", st.epochSamples() / Math.max(st.epochSeconds(), 1e-9));
        return m;
    }

    /** Reads or writes {@code run.json} and finds the checkpoint to resume. */
    private Start start() throws IOException {
        if (isRun(run)) {
            if (!resume) {
                throw new FileAlreadyExistsException(run.toString(), null, "already holds a training run ("
                        + RUN_FILE + "); resume it or choose another directory");
            }
            if (initFrom != null) {
                throw new IllegalArgumentException(run + ": a run being resumed continues from its own checkpoint; "
                        + "start a new run to fine-tune from " + initFrom);
            }
            TrainerConfig saved = savedConfig(run);
            TrainerConfig cfg = reconcile(saved, requested);
            ModelDirectory pretrained = savedPretrained();
            if (!ModelDirectory.exists(run.resolve(LAST))) {
                extend(saved, cfg, 0);
                return new Start(cfg, TrainerState.start(), null, pretrained);
            }
            ModelDirectory checkpoint = ModelDirectory.open(run.resolve(LAST));
            JsonNode training = checkpoint.training().orElseThrow(() -> new ModelFormatException(
                    run.resolve(LAST), "checkpoint without trainer state"));
            TrainerState st = TrainerState.fromJson(training.get("state"),
                    run.resolve(LAST).resolve(ModelDirectory.MANIFEST));
            extend(saved, cfg, st.epoch());
            return new Start(cfg, st, checkpoint, null);
        }
        if (requested == null) {
            throw new ModelFormatException(run, "not a training run: no " + RUN_FILE + " to resume");
        }
        ModelDirectory pretrained = initFrom == null ? null : ModelDirectory.open(ModelDirectory.resolve(initFrom));
        int threads = requested.engineThreads() > 0 ? requested.engineThreads() : backend.threads();
        TrainerConfig cfg = requested.toBuilder().optEngineThreads(threads).build();
        Files.createDirectories(run);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "pointea-run");
        root.put("format_version", 1);
        root.set("config", cfg.toJson());
        if (pretrained != null) {
            ObjectNode init = root.putObject("init_from");
            init.put("model", pretrained.path().toAbsolutePath().normalize().toString());
            init.put("weights_sha256", pretrained.manifest().get("weights").get("sha256").asText());
        }
        AtomicFiles.writeString(run.resolve(RUN_FILE), MAPPER.writeValueAsString(root) + "\n");
        return new Start(cfg, TrainerState.start(), null, pretrained);
    }

    /**
     * The pretrained model a run started from ({@code init_from} of {@code run.json}), for a run
     * resumed before its first checkpoint; it must still hold the same weights.
     */
    private ModelDirectory savedPretrained() throws IOException {
        JsonNode init = MAPPER.readTree(run.resolve(RUN_FILE).toFile()).get("init_from");
        if (init == null || init.isNull() || ModelDirectory.exists(run.resolve(LAST))) {
            return null;
        }
        ModelDirectory m = ModelDirectory.open(Path.of(init.get("model").asText()));
        if (!m.manifest().get("weights").get("sha256").asText().equals(init.get("weights_sha256").asText())) {
            throw new ModelFormatException(m.path(), "its weights changed since the run " + run + " started from it");
        }
        return m;
    }

    /**
     * Records a changed number of epochs in {@code run.json} (a finished run extended, or a longer
     * or shorter plan): the cosine schedule is re-planned over the new total from the current step.
     * A run cannot be cut below the epochs it has trained.
     */
    private void extend(TrainerConfig saved, TrainerConfig cfg, int epochsDone) throws IOException {
        if (cfg.epochs() == saved.epochs()) {
            return;
        }
        if (cfg.epochs() < epochsDone) {
            throw new IllegalArgumentException(run + ": has trained " + epochsDone + " epochs; it cannot end at "
                    + cfg.epochs() + " (give at least " + epochsDone + ")");
        }
        ObjectNode root = (ObjectNode) MAPPER.readTree(run.resolve(RUN_FILE).toFile());
        root.set("config", cfg.toJson());
        ArrayNode history = root.has("epochs_changed") && root.get("epochs_changed").isArray()
                ? (ArrayNode) root.get("epochs_changed") : root.putArray("epochs_changed");
        ObjectNode change = history.addObject();
        change.put("at_epoch", epochsDone);
        change.put("from", saved.epochs());
        change.put("to", cfg.epochs());
        AtomicFiles.writeString(run.resolve(RUN_FILE), MAPPER.writeValueAsString(root) + "\n");
    }

    private Splits openData(TrainerConfig cfg) throws IOException {
        ModelSpec spec = cfg.spec();
        PointCloudDataset train = givenTrain;
        PointCloudDataset val = givenVal;
        if (train == null) {
            if (cfg.data() == null) {
                throw new IllegalArgumentException("no datasets given and no data folder configured");
            }
            DatasetProgress dp = listener::onPrepare;
            train = TrainingData.openForTraining(cfg.data(), cfg.trainSplit(), spec, dp);
            val = cfg.valSplit() == null ? null : TrainingData.openForTraining(cfg.data(), cfg.valSplit(), spec, dp);
        }
        spec.task().checkData(spec.config(), spec.labels(), train, "training");
        if (val != null) {
            spec.task().checkData(spec.config(), spec.labels(), val, "validation");
        }
        return new Splits(train, val);
    }

    /**
     * The saved configuration, checked against the requested one (null = take the saved one). The
     * checkpoint interval and the number of epochs may change (see {@code extend}); so may the data
     * folder's path (a moved dataset), which is not compared.
     */
    private TrainerConfig reconcile(TrainerConfig saved, TrainerConfig req) throws ModelMismatchException {
        if (req == null) {
            return saved;
        }
        TrainerConfig.Builder b = req.toBuilder().optCheckpointEvery(saved.checkpointEvery())
                .optEpochs(saved.epochs());
        if (req.engineThreads() == 0) {
            b.optEngineThreads(saved.engineThreads());
        }
        ObjectNode a = saved.toJson();
        ObjectNode c = b.build().toJson();
        a.remove("data");
        c.remove("data");
        List<String> d = JsonDiff.of(a, c);
        if (!d.isEmpty()) {
            throw new ModelMismatchException(run, "the training configuration", d);
        }
        TrainerConfig.Builder out = saved.toBuilder().optCheckpointEvery(req.checkpointEvery())
                .optEpochs(req.epochs());
        if (req.data() != null) {
            out.setData(req.data());
        }
        return out.build();
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private final TrainerConfig config;
        private final Path run;
        private PointCloudDataset train;
        private PointCloudDataset val;
        private TrainingListener listener = TrainingListener.NONE;
        private GradientHook hook = GradientHook.NONE;
        private BatchNormSync batchNormSync;
        private Backend backend;
        private int rank;
        private int workers = 1;
        private int loaderThreads = 1;
        private int prefetch = 4;
        private ModelDirectory.WriteObserver observer = ModelDirectory.WriteObserver.NONE;
        private boolean resume;
        private Path initFrom;

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

        /** Sets what runs between each step's backward pass and its update (default: nothing). */
        public Builder optGradientHook(GradientHook h) {
            this.hook = Objects.requireNonNull(h, "hook");
            return this;
        }

        /**
         * Shares the batch-norm statistics of every training step with the other workers of a
         * data-parallel run through {@code sync} (synchronised batch norm: W workers with batch b
         * then train as one process with batch W·b); null, the default, keeps each worker's
         * statistics to itself ("ghost" batch norm over its b clouds).
         */
        public Builder optBatchNormSync(BatchNormSync sync) {
            this.batchNormSync = sync;
            return this;
        }

        /** Sets the backend the network runs on (default {@link Backends#getDefault()}). */
        public Builder optBackend(Backend b) {
            this.backend = Objects.requireNonNull(b, "backend");
            return this;
        }

        /**
         * Sets the backend by name, {@code cpu} or {@code cuda[:N]} (the CLI's {@code --device}):
         * {@code optBackend(Backends.get(device))}.
         *
         * @throws IllegalArgumentException for a malformed or unknown name
         * @throws IllegalStateException when the backend cannot run here (the message says why)
         */
        public Builder optDevice(String device) {
            return optBackend(Backends.get(device));
        }

        /**
         * Makes this trainer worker {@code rank} of {@code workers} in a data-parallel run: it
         * trains on its slice of every global batch ({@code workers × batch size} clouds of the
         * shared seeded order) and draws its own dropout masks. Default: worker 0 of 1.
         */
        public Builder optShard(int rank, int workers) {
            if (workers < 1 || rank < 0 || rank >= workers) {
                throw new IllegalArgumentException("need 0 <= rank < workers, got rank " + rank + " of " + workers);
            }
            this.rank = rank;
            this.workers = workers;
            return this;
        }

        /** Sets the background threads that read, augment and prepare batches (default 1; 0 = none). */
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
         * given one (if not null) must agree with it, apart from the checkpoint interval and the number
         * of epochs. More epochs extend the run (a finished one included) and fewer shorten it, not below
         * the epochs trained; the cosine schedule is re-planned over the new total from the current step
         * (the learning rate is a function of the step and the total), and {@code run.json} records the
         * change.
         */
        public Builder optResume(boolean r) {
            this.resume = r;
            return this;
        }

        /**
         * Fine-tunes: a new run starts from the weights of a saved model (a model directory, or a
         * training run whose {@code best/} is used) instead of a random initialisation. The whole
         * network is copied when the model has the same task and labels; otherwise only its backbone,
         * and the head is new (initialised from the run's seed). The model's backbone must fit the
         * configured network (same architecture and widths). Recorded in {@code run.json}
         * ({@code init_from}); not for resumed runs, which continue from their own checkpoint.
         */
        public Builder optInitFrom(Path model) {
            this.initFrom = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Returns the trainer. */
        public Trainer build() {
            if (config == null && !resume) {
                throw new IllegalArgumentException("a configuration is needed unless resuming");
            }
            if (backend == null) {
                backend = Backends.getDefault();
            }
            return new Trainer(this);
        }
    }
}

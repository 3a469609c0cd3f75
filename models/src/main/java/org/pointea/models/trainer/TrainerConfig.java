package org.pointea.models.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import org.pointea.io.dataset.Split;
import org.pointea.models.data.Augmentations;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.store.ModelFormatException;
import org.pointea.models.store.ModelSpec;

/**
 * Everything that determines a training run's result: the model ({@link ModelSpec}), the data
 * (folder and splits), epochs, batch sizes, optimizer and schedule, label smoothing, seed,
 * augmentation and the backend's thread count. Stored in the run directory and compared on resume,
 * so a resumed run is the same run. (Loader threads and progress output do not change results and
 * are not part of it.)
 *
 * <pre>{@code
 * TrainerConfig cfg = TrainerConfig.builder(spec)
 *     .setData(Path.of("data/modelnet40_normal_resampled"))
 *     .optEpochs(10).optBatchSize(32).optOptimizer(OptimizerSpec.pct())
 *     .optAugmentation("pct").optSeed(1).build();
 * }</pre>
 */
public final class TrainerConfig {
    private final ModelSpec spec;
    private final Path data;
    private final Split trainSplit;
    private final Split valSplit;
    private final int epochs;
    private final int batchSize;
    private final int evalBatchSize;
    private final OptimizerSpec optimizer;
    private final double smoothing;
    private final long seed;
    private final String augmentation;
    private final int checkpointEvery;
    private final int engineThreads;

    private TrainerConfig(Builder b) {
        this.spec = b.spec;
        this.data = b.data == null ? null : b.data.toAbsolutePath().normalize();
        this.trainSplit = b.trainSplit;
        this.valSplit = b.valSplit;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.evalBatchSize = b.evalBatchSize;
        this.optimizer = b.optimizer;
        this.smoothing = b.smoothing != null ? b.smoothing : spec.task().defaultSmoothing();
        this.seed = b.seed;
        this.augmentation = Augmentations.canonical(b.augmentation != null ? b.augmentation
                : spec.task().defaultAugmentation());
        this.checkpointEvery = b.checkpointEvery;
        this.engineThreads = b.engineThreads;
    }

    /** Starts a configuration for a model. */
    public static Builder builder(ModelSpec spec) {
        return new Builder(spec);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return toBuilder(spec);
    }

    /** A builder holding this configuration's values with another model. */
    public Builder toBuilder(ModelSpec otherSpec) {
        Builder b = new Builder(otherSpec);
        b.data = data;
        b.trainSplit = trainSplit;
        b.valSplit = valSplit;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.evalBatchSize = evalBatchSize;
        b.optimizer = optimizer;
        b.smoothing = smoothing;
        b.seed = seed;
        b.augmentation = augmentation;
        b.checkpointEvery = checkpointEvery;
        b.engineThreads = engineThreads;
        return b;
    }

    /** The model. */
    public ModelSpec spec() {
        return spec;
    }

    /** The dataset folder (absolute), or null when datasets are given to the trainer directly. */
    public Path data() {
        return data;
    }

    /** The split trained on. */
    public Split trainSplit() {
        return trainSplit;
    }

    /** The split validated on every epoch (model selection), or null for none (the last epoch is kept). */
    public Split valSplit() {
        return valSplit;
    }

    /** Epochs. */
    public int epochs() {
        return epochs;
    }

    /** Training batch size (the last incomplete batch of an epoch is dropped, as PCT's loader). */
    public int batchSize() {
        return batchSize;
    }

    /** Validation batch size. */
    public int evalBatchSize() {
        return evalBatchSize;
    }

    /** Optimizer and schedule. */
    public OptimizerSpec optimizer() {
        return optimizer;
    }

    /** Label smoothing ε (PCT's formula; 0 = plain cross entropy). */
    public double smoothing() {
        return smoothing;
    }

    /** The seed of initialisation, data order, augmentation and dropout. */
    public long seed() {
        return seed;
    }

    /** The augmentation spec ({@link Augmentations}), canonical. */
    public String augmentation() {
        return augmentation;
    }

    /** Iterations between mid-epoch checkpoints (0 = only at the end of every epoch). */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** Backend threads (0 = as the backend starts; the value used is recorded and restored on resume). */
    public int engineThreads() {
        return engineThreads;
    }

    /** This configuration as JSON (stored in {@code run.json} and every checkpoint). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("model", spec.toJson());
        o.put("data", data == null ? null : data.toString());
        o.put("train_split", trainSplit.id());
        o.put("val_split", valSplit == null ? null : valSplit.id());
        o.put("epochs", epochs);
        o.put("batch_size", batchSize);
        o.put("eval_batch_size", evalBatchSize);
        ObjectNode opt = o.putObject("optimizer");
        opt.put("type", optimizer.type().id());
        opt.put("lr", optimizer.lr());
        opt.put("min_lr", optimizer.minLr());
        opt.put("momentum", optimizer.momentum());
        opt.put("weight_decay", optimizer.weightDecay());
        opt.put("schedule", "cosine per iteration");
        o.put("label_smoothing", smoothing);
        o.put("seed", seed);
        o.put("augmentation", augmentation);
        o.put("checkpoint_every", checkpointEvery);
        o.put("engine_threads", engineThreads);
        return o;
    }

    /**
     * Reads a configuration written by {@link #toJson()}.
     *
     * @param n    the JSON object
     * @param file where it came from (for messages)
     * @return the configuration
     * @throws ModelFormatException when a field is missing or invalid
     */
    public static TrainerConfig fromJson(JsonNode n, Path file) throws ModelFormatException {
        if (n == null || !n.isObject()) {
            throw new ModelFormatException(file, "no training configuration");
        }
        ModelSpec spec = ModelSpec.fromJson(n.get("model"), file);
        try {
            Builder b = builder(spec);
            JsonNode data = n.get("data");
            if (data != null && !data.isNull()) {
                b.setData(Path.of(data.asText()));
            }
            b.optTrainSplit(Split.parse(req(n, "train_split", file).asText()));
            JsonNode val = n.get("val_split");
            b.optValSplit(val == null || val.isNull() ? null : Split.parse(val.asText()));
            b.optEpochs(req(n, "epochs", file).asInt());
            b.optBatchSize(req(n, "batch_size", file).asInt());
            b.optEvalBatchSize(req(n, "eval_batch_size", file).asInt());
            JsonNode opt = req(n, "optimizer", file);
            b.optOptimizer(new OptimizerSpec(OptimizerSpec.Type.parse(req(opt, "type", file).asText()),
                    req(opt, "lr", file).asDouble(), req(opt, "min_lr", file).asDouble(),
                    req(opt, "momentum", file).asDouble(), req(opt, "weight_decay", file).asDouble()));
            b.optSmoothing(req(n, "label_smoothing", file).asDouble());
            b.optSeed(req(n, "seed", file).asLong());
            b.optAugmentation(req(n, "augmentation", file).asText());
            b.optCheckpointEvery(req(n, "checkpoint_every", file).asInt());
            b.optEngineThreads(req(n, "engine_threads", file).asInt());
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, "invalid training configuration: " + e.getMessage());
        }
    }

    private static JsonNode req(JsonNode n, String field, Path file) throws ModelFormatException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new ModelFormatException(file, "training configuration lacks '" + field + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Builds a {@link TrainerConfig}; defaults: 10 epochs, batch 32, PCT's SGD recipe, seed 1. */
    public static final class Builder {
        private final ModelSpec spec;
        private Path data;
        private Split trainSplit = Split.TRAIN;
        private Split valSplit = Split.VAL;
        private int epochs = 10;
        private int batchSize = 32;
        private int evalBatchSize = 32;
        private OptimizerSpec optimizer = OptimizerSpec.pct();
        private Double smoothing;
        private long seed = 1;
        private String augmentation;
        private int checkpointEvery;
        private int engineThreads;

        private Builder(ModelSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        /** Sets the dataset folder (any layout {@code Datasets.open} finds). */
        public Builder setData(Path dir) {
            this.data = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Sets the training split (default TRAIN; ModelNet's TRAIN excludes its VAL part). */
        public Builder optTrainSplit(Split s) {
            this.trainSplit = Objects.requireNonNull(s, "split");
            return this;
        }

        /** Sets the validation split (default VAL); null for no validation. */
        public Builder optValSplit(Split s) {
            this.valSplit = s;
            return this;
        }

        /** Sets the number of epochs (default 10). */
        public Builder optEpochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** Sets the training batch size (default 32; at least 2, as batch norm needs). */
        public Builder optBatchSize(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("batch size must be >= 2 (batch norm), got " + n);
            }
            this.batchSize = n;
            return this;
        }

        /** Sets the validation batch size (default 32). */
        public Builder optEvalBatchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("eval batch size must be >= 1, got " + n);
            }
            this.evalBatchSize = n;
            return this;
        }

        /** Sets the optimizer and schedule (default {@link OptimizerSpec#pct()}). */
        public Builder optOptimizer(OptimizerSpec o) {
            this.optimizer = Objects.requireNonNull(o, "optimizer");
            return this;
        }

        /** Sets the label smoothing ε (default: the task's, 0.2 for classification, 0 for part segmentation). */
        public Builder optSmoothing(double eps) {
            if (!(eps >= 0 && eps < 1)) {
                throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + eps);
            }
            this.smoothing = eps;
            return this;
        }

        /** Sets the seed (default 1). */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Sets the augmentation spec (see {@link Augmentations}; default: the task's, {@code pct} for
         * classification, {@code partseg} for part segmentation).
         */
        public Builder optAugmentation(String spec) {
            Augmentations.canonical(spec);
            this.augmentation = spec;
            return this;
        }

        /** Sets the iterations between mid-epoch checkpoints (0, the default: only at epoch ends). */
        public Builder optCheckpointEvery(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + k);
            }
            this.checkpointEvery = k;
            return this;
        }

        /** Sets the backend's thread count (0, the default: as the backend starts). */
        public Builder optEngineThreads(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("engine threads must be >= 0, got " + n);
            }
            this.engineThreads = n;
            return this;
        }

        /** Returns the configuration. */
        public TrainerConfig build() {
            return new TrainerConfig(this);
        }
    }
}

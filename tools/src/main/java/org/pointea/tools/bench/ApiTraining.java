package org.pointea.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pointea.io.dataset.DatasetDescriber;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.pct.PctPresets;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.ModelTask;
import org.pointea.models.task.ModelTasks;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainerConfig;
import org.pointea.models.trainer.TrainingData;
import org.pointea.models.trainer.TrainingResult;

/**
 * A training run through the Java API alone, for comparing a plain {@code java -cp} program with
 * {@code tools/bin/pointea train} (issue 19: the library applies its runtime settings itself, so
 * a Java program without the launcher's environment trains at the CLI's speed). It trains the same
 * configuration as {@code pointea train --data DATA --out RUN --model light --mixer external
 * --optimizer adam --lr 0.002 --epochs E --batch B} and prints the training samples/s of this
 * process; the run's {@code metrics.jsonl} has the same per-epoch {@code samples_per_s} as the
 * CLI's. Nothing here touches ND4J before the trainer does.
 *
 * <pre>
 * env -u OMP_WAIT_POLICY -u GLIBC_TUNABLES java -cp tools/target/pointea.jar \
 *     org.pointea.tools.bench.ApiTraining DATA RUN [EPOCHS [BATCH]]
 * </pre>
 */
public final class ApiTraining {
    private ApiTraining() {
    }

    /**
     * Trains and prints one line: samples/s, wall seconds, the best validation value and the load.
     *
     * @param args {@code DATA RUN [EPOCHS [BATCH]]} (defaults 2 epochs, batch 16)
     * @throws IOException when the dataset cannot be read or the run cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ApiTraining DATA RUN [EPOCHS [BATCH]]");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path run = Path.of(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        ModelTask task = ModelTasks.forDataset(TrainingData.task(data));
        List<String> labels = task.modelLabels(DatasetDescriber.describe(data, 0).labels());
        ModelSpec spec = ModelSpec.of("light", PctPresets.forTask(task.id(), "light", labels, MixerConfig.external()),
                labels, task.defaultPreprocessing());
        OptimizerSpec adam = OptimizerSpec.defaults(OptimizerSpec.Type.ADAM);
        TrainerConfig config = TrainerConfig.builder(spec).setData(data).optEpochs(epochs).optBatchSize(batch)
                .optOptimizer(adam.withLr(0.002, Math.min(adam.minLr(), 0.002))).build();
        TrainingResult r = Trainer.builder(config, run).build().fit();
        System.out.printf(Locale.ROOT, "api training: %.2f samples/s, %.1f s, best %s %.4f (epoch %d), load %.2f%n",
                r.samplesPerSecond(), r.seconds(), r.selectedOn(), r.bestValue(), r.bestEpoch(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}

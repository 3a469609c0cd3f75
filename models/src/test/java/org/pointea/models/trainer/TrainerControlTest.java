package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.report.History;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelMismatchException;
import org.pointea.models.testing.Tiny;

/** Stopping a run on request, and extending a finished one. */
class TrainerControlTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Path data;

    @BeforeAll
    static void data() throws IOException {
        data = Tiny.modelNet(shared, 12, 4);
    }

    /** As {@link TrainerTest#config()}: 2 epochs of 8 steps, checkpoints every 3. */
    static TrainerConfig config() {
        return TrainerConfig.builder(Tiny.classifierSpec()).setData(data).optEpochs(2).optBatchSize(4)
                .optEvalBatchSize(8).optOptimizer(OptimizerSpec.defaults(OptimizerSpec.Type.ADAM))
                .optAugmentation("scale(0.8,1.25),shuffle").optSeed(3).optCheckpointEvery(3).optEngineThreads(1)
                .build();
    }

    @Test
    void aStopRequestCheckpointsAtTheNextStepAndTheResumedRunEndsAsAnUninterruptedOne() throws Exception {
        Path reference = tmp.resolve("reference");
        Trainer.builder(config(), reference).build().fit();

        Path run = tmp.resolve("run");
        AtomicReference<Trainer> trainer = new AtomicReference<>();
        // 8 steps per epoch, checkpoints every 3: a stop after step 5 is not at a checkpoint
        trainer.set(Trainer.builder(config(), run).optListener(new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                if (p.epoch() * p.batches() + p.batch() == 5) {
                    trainer.get().requestStop();
                }
            }
        }).build());
        assertThatThrownBy(() -> trainer.get().fit()).isInstanceOfSatisfying(TrainingStoppedException.class, e -> {
            assertThat(e.epoch()).isZero();
            assertThat(e.batch()).isEqualTo(5);
            assertThat(e.batches()).isEqualTo(8);
            assertThat(e.globalStep()).isEqualTo(5);
            assertThat(e.getMessage()).contains("epoch 1 after batch 5 of 8");
        });
        JsonNode state = ModelDirectory.open(run.resolve(Trainer.LAST)).training().orElseThrow().get("state");
        assertThat(state.get("global_step").asInt()).as("a checkpoint at the stop").isEqualTo(5);

        Trainer.builder(null, run).optResume(true).build().fit();
        TrainerTest.assertSameRun(reference, run);
    }

    @Test
    void aFinishedRunIsExtendedWithTheCosineScheduleReplannedOverTheNewTotal() throws Exception {
        Path run = tmp.resolve("run");
        TrainerConfig one = config().toBuilder().optEpochs(1).build();
        Trainer.builder(one, run).build().fit();

        List<double[]> rates = new ArrayList<>();
        TrainerConfig two = one.toBuilder().optEpochs(2).build();
        TrainingResult r = Trainer.builder(two, run).optResume(true).optListener(new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                rates.add(new double[] {p.epoch() * p.batches() + p.batch() - 1, p.learningRate()});
            }
        }).build().fit();

        assertThat(r.epochs()).isEqualTo(2);
        assertThat(History.readJsonLines(run.resolve(Trainer.METRICS_FILE)).size()).isEqualTo(2);
        assertThat(rates).hasSize(8);
        for (double[] sr : rates) {
            assertThat(sr[1]).as("step %d", (long) sr[0])
                    .isEqualTo(two.optimizer().learningRate((long) sr[0], 16));
        }
        JsonNode root = new ObjectMapper().readTree(run.resolve(Trainer.RUN_FILE).toFile());
        assertThat(root.get("config").get("epochs").asInt()).isEqualTo(2);
        assertThat(root.get("epochs_changed").get(0).toString()).isEqualTo("{\"at_epoch\":1,\"from\":1,\"to\":2}");
        assertThat(Trainer.savedConfig(run).epochs()).isEqualTo(2);

        // a run cannot end before the epochs it has trained; other settings still may not change
        assertThatThrownBy(() -> Trainer.builder(one, run).optResume(true).build().fit())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has trained 2 epochs");
        TrainerConfig otherSeed = two.toBuilder().optEpochs(3).optSeed(9).build();
        assertThatThrownBy(() -> Trainer.builder(otherSeed, run).optResume(true).build().fit())
                .isInstanceOf(ModelMismatchException.class).hasMessageContaining("seed: 3 vs 9")
                .message().doesNotContain("epochs");
    }
}

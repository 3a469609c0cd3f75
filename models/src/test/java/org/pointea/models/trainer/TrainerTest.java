package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.report.History;
import org.pointea.io.dataset.Split;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelMismatchException;
import org.pointea.models.task.partseg.SegmentationEvaluation;
import org.pointea.models.testing.Tiny;

class TrainerTest {

    @TempDir
    static Path shared;

    static Path modelNet;
    static Path shapeNet;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() throws IOException {
        modelNet = Tiny.modelNet(shared, 12, 4);
        shapeNet = Tiny.shapeNetPart(shared, 8, 2, 2);
    }

    /** 2 epochs of 8 batches of 4 shapes; one engine thread; checkpoints every 3 steps. */
    static TrainerConfig config() {
        return TrainerConfig.builder(Tiny.classifierSpec()).setData(modelNet).optEpochs(2).optBatchSize(4)
                .optEvalBatchSize(8).optOptimizer(OptimizerSpec.defaults(OptimizerSpec.Type.ADAM))
                .optAugmentation("scale(0.8,1.25),shuffle").optSeed(3).optCheckpointEvery(3).optEngineThreads(1)
                .build();
    }

    @Test
    void trainsAndWritesTheRunDirectory() throws Exception {
        Path run = tmp.resolve("run");
        List<EpochSummary> epochs = new ArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        List<String> checkpoints = new ArrayList<>();
        TrainingResult r = Trainer.builder(config(), run).optLoaderThreads(2).optListener(new TrainingListener() {
            @Override
            public void onBatch(BatchProgress p) {
                batches.incrementAndGet();
                assertThat(p.loss()).isFinite();
                assertThat(p.learningRate()).isPositive();
            }

            @Override
            public void onCheckpoint(String kind, Path dir, int epoch, int batch) {
                checkpoints.add(kind + " " + epoch + "/" + batch);
            }

            @Override
            public void onEpochEnd(EpochSummary s) {
                epochs.add(s);
            }
        }).build().fit();
        // ModelNet's TRAIN split: the 36 training shapes minus 3 for VAL, in batches of 4
        assertThat(batches.get()).isEqualTo(2 * (33 / 4));
        assertThat(epochs).hasSize(2);
        assertThat(r.epochs()).isEqualTo(2);
        assertThat(r.selectedOn()).isEqualTo("val_acc");
        assertThat(r.bestEpoch()).isBetween(1, 2);
        History h = History.readJsonLines(run.resolve(Trainer.METRICS_FILE));
        assertThat(h.epochNumbers()).containsExactly(1, 2);
        assertThat(h.metricNames()).contains("lr", "train_loss", "train_acc", "val_loss", "val_acc", "val_macc",
                "time_s", "samples_per_s");
        assertThat(h.series("val_acc")[r.bestEpoch() - 1]).isEqualTo(r.bestValue());
        double[] val = h.series("val_acc");
        // the best epoch is the last one with the highest score: ties go to the later epoch, as PCT's reference
        assertThat(r.bestEpoch()).isEqualTo(val[1] >= val[0] ? 2 : 1);
        ModelDirectory last = ModelDirectory.open(run.resolve(Trainer.LAST));
        JsonNode state = last.training().orElseThrow().get("state");
        assertThat(state.get("epoch").asInt()).isEqualTo(2);
        assertThat(state.get("global_step").asInt()).isEqualTo(16);
        assertThat(last.updater().orElseThrow().get("type").asText()).isEqualTo("adam");
        ModelDirectory best = ModelDirectory.open(run.resolve(Trainer.BEST));
        assertThat(best.updater()).isEmpty();
        assertThat(best.training().orElseThrow().get("epoch").asInt()).isEqualTo(r.bestEpoch());
        // every 3 steps (steps 3, 6 of epoch 0 and 9, 12, 15 of epoch 1) and at both epoch ends
        assertThat(checkpoints.stream().filter(c -> c.startsWith("last")).toList())
                .containsExactly("last 0/3", "last 0/6", "last 1/0", "last 1/1", "last 1/4", "last 1/7", "last 2/0");
        assertThat(checkpoints.stream().filter(c -> c.startsWith("best")).count())
                .isEqualTo(epochs.stream().filter(EpochSummary::improved).count());
        assertThat(Trainer.savedConfig(run).toJson()).isEqualTo(config().toJson());
    }

    @Test
    void refusesAnExistingRunUnlessResuming() throws Exception {
        Path run = tmp.resolve("run");
        TrainerConfig one = config().toBuilder().optEpochs(1).build();
        Trainer.builder(one, run).build().fit();
        assertThatThrownBy(() -> Trainer.builder(one, run).build().fit())
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("resume it");
        // resuming a finished run does nothing and says so through its result
        TrainingResult again = Trainer.builder(null, run).optResume(true).build().fit();
        assertThat(again.last()).isNull();
        assertThat(History.readJsonLines(run.resolve(Trainer.METRICS_FILE)).size()).isEqualTo(1);
    }

    @Test
    void resumingWithAnotherConfigurationSaysWhatDiffers() throws Exception {
        Path run = tmp.resolve("run");
        Trainer.builder(config().toBuilder().optEpochs(1).build(), run).build().fit();
        TrainerConfig other = config().toBuilder().optEpochs(1).optBatchSize(8).optSeed(4).build();
        assertThatThrownBy(() -> Trainer.builder(other, run).optResume(true).build().fit())
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("batch_size: 4 vs 8").hasMessageContaining("seed: 3 vs 4");
    }

    @Test
    void aRunInterruptedInsideACheckpointResumesToTheSameWeights() throws Exception {
        Path reference = tmp.resolve("reference");
        Trainer.builder(config(), reference).build().fit();
        Path run = tmp.resolve("run");
        AtomicInteger commits = new AtomicInteger();
        assertThatThrownBy(() -> Trainer.builder(config(), run).optWriteObserver((stage, dir) -> {
            if (stage.equals("weights") && commits.incrementAndGet() == 3) {
                throw new IOException("crash while writing " + dir.getFileName());
            }
        }).build().fit()).hasMessageContaining("crash while writing");
        Trainer.builder(null, run).optResume(true).optLoaderThreads(3).build().fit();
        assertSameRun(reference, run);
    }

    /** Same final weights, optimizer state, best model and metrics (apart from timings). */
    static void assertSameRun(Path a, Path b) throws IOException {
        for (String d : new String[] {Trainer.LAST, Trainer.BEST}) {
            JsonNode ma = ModelDirectory.open(a.resolve(d)).manifest();
            JsonNode mb = ModelDirectory.open(b.resolve(d)).manifest();
            assertThat(mb.get("weights").get("sha256")).as(d + " weights").isEqualTo(ma.get("weights").get("sha256"));
            if (ma.has("updater")) {
                assertThat(mb.get("updater").get("sha256")).as(d + " updater")
                        .isEqualTo(ma.get("updater").get("sha256"));
            }
            assertThat(mb.get("training").get("state") == null ? null : strip(mb.get("training").get("state")))
                    .isEqualTo(ma.get("training").get("state") == null ? null : strip(ma.get("training").get("state")));
        }
        assertThat(metricsWithoutTimes(b)).isEqualTo(metricsWithoutTimes(a));
    }

    private static JsonNode strip(JsonNode state) {
        var s = state.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove(List.of("epoch_seconds", "metrics_bytes"));
        return s;
    }

    static List<String> metricsWithoutTimes(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(Trainer.METRICS_FILE))) {
            out.add(line.replaceAll(",\"time_s\":[^,}]*", "").replaceAll(",\"samples_per_s\":[^,}]*", ""));
        }
        return out;
    }

    /**
     * The seam of data-parallel training: two workers (ranks 0 and 1 of 2), each on its slice of
     * every global batch, averaging their gradients in the hook, end with the same parameters.
     */
    @Test
    void dataParallelWorkersWithAnAveragingHookEndWithTheSameParameters() throws Exception {
        int workers = 2;
        float[][] grads = new float[workers][];
        java.util.concurrent.CyclicBarrier gathered = new java.util.concurrent.CyclicBarrier(workers);
        java.util.concurrent.CyclicBarrier averaged = new java.util.concurrent.CyclicBarrier(workers);
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> stepsPerWorker = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        TrainerConfig cfg = config().toBuilder().optEpochs(1).optCheckpointEvery(0).build();
        for (int w = 0; w < workers; w++) {
            int rank = w;
            Thread t = new Thread(() -> {
                try {
                    GradientHook allReduce = (params, step) -> {
                        try {
                            float[] g = new float[(int) params.count()];
                            params.gradientsToHost(g);
                            grads[rank] = g;
                            gathered.await();
                            float[] mean = new float[g.length];
                            for (int i = 0; i < g.length; i++) {
                                mean[i] = (grads[0][i] + grads[1][i]) / 2;
                            }
                            averaged.await();
                            params.gradientsFromHost(mean);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    };
                    AtomicInteger steps = new AtomicInteger();
                    Trainer.builder(cfg, tmp.resolve("worker" + rank)).optShard(rank, workers).optLoaderThreads(0)
                            .optGradientHook(allReduce).optListener(new TrainingListener() {
                                @Override
                                public void onBatch(BatchProgress p) {
                                    steps.incrementAndGet();
                                }
                            }).build().fit();
                    stepsPerWorker.add(steps.get());
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(errors).isEmpty();
        assertThat(stepsPerWorker).containsExactly(33 / 8, 33 / 8);
        var a = org.pointea.models.store.Npz.read(weightsFile(tmp.resolve("worker0").resolve(Trainer.LAST)));
        var b = org.pointea.models.store.Npz.read(weightsFile(tmp.resolve("worker1").resolve(Trainer.LAST)));
        int compared = 0;
        for (String name : a.keySet()) {
            if (!name.endsWith("running_mean") && !name.endsWith("running_var")) {
                assertThat(b.get(name).floats()).as(name).containsExactly(a.get(name).floats());
                compared++;
            }
        }
        try (var net = Tiny.classifier().create(org.pointea.models.backend.Backends.cpu(),
                org.pointea.models.backend.DType.FLOAT, 0)) {
            assertThat(compared).isEqualTo(net.parameters().params().size());
        }
    }

    private static Path weightsFile(Path model) throws IOException {
        ModelDirectory md = ModelDirectory.open(model);
        return model.resolve(md.manifest().get("weights").get("file").asText());
    }

    @Test
    void trainsAPartSegmenter() throws Exception {
        Path run = tmp.resolve("seg");
        TrainerConfig cfg = TrainerConfig.builder(Tiny.segmenterSpec()).setData(shapeNet).optEpochs(1)
                .optBatchSize(4).optEngineThreads(1).build();
        assertThat(cfg.smoothing()).isZero();
        assertThat(cfg.augmentation()).isEqualTo("Compose([RandomScale(0.8, 1.25), RandomTranslate(0.1)])");
        TrainingResult r = Trainer.builder(cfg, run).build().fit();
        assertThat(r.selectedOn()).isEqualTo("val_instance_miou");
        assertThat(r.last().get("val_instance_miou")).isBetween(0.0, 1.0);
        assertThat(r.last().get("val_class_miou")).isBetween(0.0, 1.0);
        assertThat(r.last().get("train_acc")).isBetween(0.0, 1.0);
        ModelDirectory md = ModelDirectory.open(run.resolve(Trainer.BEST));
        var test = TrainingData.open(shapeNet, Split.TEST, md.spec(), org.pointea.io.dataset.DatasetProgress.NONE);
        var e = (SegmentationEvaluation) Evaluator.evaluate(md, test,
                Evaluator.Settings.defaults(md.spec().task()).withVotes(2), Evaluator.Progress.NONE);
        assertThat(e.result().shapes()).isEqualTo(4);
        assertThat(e.shapes()).hasSize(2); // one per category present
    }

    @Test
    void dataOfAnotherTaskIsRefused() {
        TrainerConfig cfg = TrainerConfig.builder(Tiny.segmenterSpec()).setData(modelNet).optEngineThreads(1).build();
        assertThatThrownBy(() -> Trainer.builder(cfg, tmp.resolve("x")).build().fit())
                .hasMessageContaining("holds a classification dataset, but the model is for part-segmentation");
    }
}

package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.network.ComposedNetwork;
import org.pointea.models.network.Network;
import org.pointea.models.nn.Param;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelFormatException;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.store.Npz;
import org.pointea.models.testing.Tiny;

/** Fine-tuning ({@link Trainer.Builder#optInitFrom}): a pretrained backbone, and a new head for new classes. */
class FineTuneTest {
    @TempDir
    static Path shared;

    static Path pretrained;
    static Path sameClasses;
    static Path otherClasses;

    @BeforeAll
    static void setUp() throws IOException {
        pretrained = shared.resolve("pretrained");
        try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 99)) {
            // "pretrained": every parameter moved away from any initialisation (batch-norm's ones and zeros too)
            float[] v = new float[(int) net.parameters().count()];
            java.util.SplittableRandom r = new java.util.SplittableRandom(5);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextDouble(-0.5, 0.5);
            }
            net.parameters().valuesFromHost(v);
            ModelDirectory.write(pretrained, Tiny.classifierSpec(), net.parameters(), null, null);
        }
        sameClasses = Tiny.modelNet(shared.resolve("same"), 4, 1);
        otherClasses = shared.resolve("other").resolve("modelnet40_normal_resampled");
        SyntheticModelNet.builder().optClasses(List.of(ShapeClass.SPHERE, ShapeClass.CONE)).optTrainPerClass(6)
                .optTestPerClass(1).optPoints(128).optSeed(5).build()
                .write(otherClasses, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
    }

    private static TrainerConfig config(ModelSpec spec, Path data) {
        return TrainerConfig.builder(spec).setData(data).optEpochs(1).optBatchSize(4).optEvalBatchSize(8)
                .optOptimizer(OptimizerSpec.pct()).optSeed(7).optEngineThreads(1).build();
    }

    /** Trains one epoch from the pretrained model; returns the parameters as the first step found them. */
    private static Map<String, float[]> firstStepParameters(TrainerConfig cfg, Path run) throws IOException {
        Map<String, float[]> seen = new HashMap<>();
        Trainer.builder(cfg, run).optInitFrom(pretrained).optGradientHook((params, step) -> {
            if (step == 0) {
                for (Param p : params.params()) {
                    seen.put(p.name(), p.value().backend().toFloatArray(p.value()));
                }
            }
        }).build().fit();
        return seen;
    }

    private static Set<String> backbone(ModelSpec spec) {
        try (Network net = spec.config().create(Backends.cpu(), DType.FLOAT, 1)) {
            return ((ComposedNetwork) net).backboneTensors();
        }
    }

    @Test
    void otherClassesGetThePretrainedBackboneAndANewHead(@TempDir Path tmp) throws Exception {
        ModelSpec spec = ModelSpec.of("custom", Tiny.classifier().withClasses(2), List.of("cone", "sphere"),
                Preprocessing.fpsUnitSphere());
        Map<String, float[]> start = firstStepParameters(config(spec, otherClasses), tmp.resolve("run"));
        Map<String, Npz.Tensor> model = Npz.read(pretrained.resolve(ModelDirectory.open(pretrained).manifest()
                .get("weights").get("file").asText()));
        Set<String> backbone = backbone(spec);
        int head = 0;
        for (Map.Entry<String, float[]> p : start.entrySet()) {
            float[] saved = model.get(p.getKey()).floats();
            if (backbone.contains(p.getKey())) {
                assertThat(p.getValue()).as(p.getKey()).containsExactly(saved);
            } else {
                head++;
                assertThat(p.getValue()).as("head " + p.getKey()).isNotEqualTo(saved);
            }
        }
        assertThat(head).as("head parameters").isGreaterThanOrEqualTo(4);
        assertThat(new ObjectMapper().readTree(tmp.resolve("run").resolve(Trainer.RUN_FILE).toFile())
                .get("init_from").get("model").asText()).isEqualTo(pretrained.toAbsolutePath().toString());
    }

    @Test
    void theSameClassesLoadTheWholeModel(@TempDir Path tmp) throws Exception {
        Map<String, float[]> start = firstStepParameters(config(Tiny.classifierSpec(), sameClasses),
                tmp.resolve("run"));
        Map<String, Npz.Tensor> model = Npz.read(pretrained.resolve(ModelDirectory.open(pretrained).manifest()
                .get("weights").get("file").asText()));
        assertThat(start).isNotEmpty();
        for (Map.Entry<String, float[]> p : start.entrySet()) {
            assertThat(p.getValue()).as(p.getKey()).containsExactly(model.get(p.getKey()).floats());
        }
    }

    @Test
    void aBackboneThatDoesNotFitIsRefusedAndResumedRunsTakeNoModel(@TempDir Path tmp) throws Exception {
        ModelSpec wider = ModelSpec.of("custom", Tiny.classifier().withWidths(16, 16, 32, 16, 16, 8),
                Tiny.classifierSpec().labels(), Preprocessing.fpsUnitSphere());
        assertThatThrownBy(() -> Trainer.builder(config(wider, sameClasses), tmp.resolve("a"))
                .optInitFrom(pretrained).build().fit())
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("backbone does not fit")
                .message().doesNotContain("\n");
        Path run = java.nio.file.Files.createDirectories(tmp.resolve("b"));
        java.nio.file.Files.writeString(run.resolve(Trainer.RUN_FILE), "{}"); // any run: refused before it is read
        assertThatThrownBy(() -> Trainer.builder(null, run).optResume(true).optInitFrom(pretrained).build().fit())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("continues from its own checkpoint");
    }
}

package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pointea.io.dataset.Split;
import org.pointea.models.optim.OptimizerSpec;
import org.pointea.models.testing.Tiny;

class TrainerConfigTest {

    @Test
    void roundTripsThroughJson() throws Exception {
        TrainerConfig c = TrainerConfig.builder(Tiny.classifierSpec()).setData(Path.of("data/x"))
                .optValSplit(null).optTrainSplit(Split.TRAINVAL).optEpochs(7).optBatchSize(12)
                .optOptimizer(OptimizerSpec.defaults(OptimizerSpec.Type.ADAMW)).optSmoothing(0.1)
                .optAugmentation("pct").optSeed(-5).optCheckpointEvery(10).optEngineThreads(2).build();
        TrainerConfig back = TrainerConfig.fromJson(c.toJson(), Path.of("run.json"));
        assertThat(back.toJson()).isEqualTo(c.toJson());
        assertThat(back.valSplit()).isNull();
        assertThat(back.data()).isAbsolute();
        assertThat(back.augmentation()).startsWith("Compose([RandomDropout(0.875)");
    }

    @Test
    void defaultsFollowTheTask() {
        TrainerConfig cls = TrainerConfig.builder(Tiny.classifierSpec()).build();
        assertThat(cls.smoothing()).isEqualTo(0.2);
        assertThat(cls.augmentation())
                .isEqualTo("Compose([RandomDropout(0.875), RandomScale(0.6666667, 1.5), RandomTranslate(0.2), Shuffle()])");
        assertThat(cls.optimizer()).isEqualTo(OptimizerSpec.pct());
        assertThat(cls.valSplit()).isEqualTo(Split.VAL);
        TrainerConfig seg = TrainerConfig.builder(Tiny.segmenterSpec()).build();
        assertThat(seg.smoothing()).isZero();
    }

    @Test
    void badValuesAreRefused() {
        var b = TrainerConfig.builder(Tiny.classifierSpec());
        assertThatThrownBy(() -> b.optBatchSize(1)).hasMessageContaining("batch norm");
        assertThatThrownBy(() -> b.optEpochs(0)).hasMessageContaining("epochs");
        assertThatThrownBy(() -> b.optAugmentation("warp")).hasMessageContaining("warp");
        ObjectNode j = TrainerConfig.builder(Tiny.classifierSpec()).build().toJson();
        j.remove("seed");
        assertThatThrownBy(() -> TrainerConfig.fromJson(j, Path.of("run.json"))).hasMessageContaining("'seed'");
    }
}

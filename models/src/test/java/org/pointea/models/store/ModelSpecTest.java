package org.pointea.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.io.dataset.Subsampling;
import org.pointea.io.dataset.Task;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.testing.Tiny;

class ModelSpecTest {
    private static final Path FILE = Path.of("model.json");

    @Test
    void roundTripsThroughJson() throws Exception {
        ModelSpec cls = ModelSpec.of("light", PctClassifierConfig.light(3).withMixer(MixerConfig.ufo(4)),
                List.of("a", "b", "c"), Preprocessing.fpsUnitSphere());
        assertThat(ModelSpec.fromJson(cls.toJson(), FILE)).isEqualTo(cls);
        ModelSpec seg = ModelSpec.of("pct", PctSegmenterConfig.published().withMixer(
                MixerConfig.external(32, 2, true)), Tiny.segmenterSpec().labels(),
                new Preprocessing(Subsampling.RANDOM_WITH_REPLACEMENT, Preprocessing.Normalization.NONE));
        assertThat(ModelSpec.fromJson(seg.toJson(), FILE)).isEqualTo(seg);
        assertThat(seg.task().id()).isEqualTo("part_segmentation");
        assertThat(seg.task().datasetTask()).isEqualTo(Task.PART_SEGMENTATION);
        assertThat(seg.outputs()).isEqualTo(50);
    }

    @Test
    void jsonNamesEveryArchitectureField() {
        ObjectNode j = Tiny.classifierSpec().toJson();
        assertThat(j.get("task").asText()).isEqualTo("classification");
        assertThat(j.get("architecture").asText()).isEqualTo("pct_classifier");
        assertThat(j.get("config").get("centres0").asInt()).isEqualTo(32);
        assertThat(j.get("config").get("mixer").get("kind").asText()).isEqualTo("external");
        assertThat(j.get("config").get("mixer").get("slots").asInt()).isEqualTo(8);
        assertThat(j.get("preprocessing").get("sampling").asText()).isEqualTo("fps");
        assertThat(j.get("preprocessing").get("normalization").asText()).isEqualTo("unit_sphere");
        assertThat(j.get("preprocessing").get("transform").asText())
                .isEqualTo("Compose([Subsample(64, fps), NormalizeToUnitSphere()])");
        assertThat(j.get("labels")).hasSize(3);
    }

    @Test
    void differencesNameTheFields() {
        ModelSpec a = Tiny.classifierSpec();
        ModelSpec b = ModelSpec.of("custom", ((PctClassifierConfig) a.config()).withMixer(MixerConfig.ufo(4)), a.labels(),
                a.preprocessing());
        assertThat(a.differences(a)).isEmpty();
        assertThat(a.differences(b)).contains("config.mixer.kind: external vs ufo", "config.mixer.heads: 1 vs 4");
    }

    @Test
    void badJsonFailsWithThePath() {
        ObjectNode j = Tiny.classifierSpec().toJson();
        ((ObjectNode) j.get("config")).remove("fuse");
        assertThatThrownBy(() -> ModelSpec.fromJson(j, FILE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.config.fuse missing");
        ObjectNode k = Tiny.classifierSpec().toJson();
        ((ObjectNode) k.get("config")).put("centres1", 999);
        assertThatThrownBy(() -> ModelSpec.fromJson(k, FILE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("centres1 <= centres0");
        ObjectNode t = Tiny.classifierSpec().toJson();
        t.put("task", "detection");
        assertThatThrownBy(() -> ModelSpec.fromJson(t, FILE)).hasMessageContaining("detection");
        ObjectNode a = Tiny.classifierSpec().toJson();
        a.put("architecture", "pct_segmenter");
        assertThatThrownBy(() -> ModelSpec.fromJson(a, FILE)).isInstanceOf(ModelFormatException.class);
        ObjectNode u = Tiny.classifierSpec().toJson();
        u.put("architecture", "pointnet2");
        assertThatThrownBy(() -> ModelSpec.fromJson(u, FILE))
                .hasMessageContaining("model.architecture 'pointnet2' is not a network this pointea knows");
        ObjectNode m = Tiny.classifierSpec().toJson();
        ((ObjectNode) m.get("config").get("mixer")).put("kind", "lstm");
        assertThatThrownBy(() -> ModelSpec.fromJson(m, FILE)).hasMessageContaining("model.config.mixer.kind 'lstm'");
    }

    /** The recorded preprocessing transform is read back and must agree with the fields older readers use. */
    @Test
    void thePreprocessingTransformIsCheckedAgainstItsFields() throws Exception {
        ObjectNode j = Tiny.classifierSpec().toJson();
        ((ObjectNode) j.get("preprocessing")).put("transform", "Compose([Subsample(64, random), NormalizeToUnitSphere()])");
        assertThatThrownBy(() -> ModelSpec.fromJson(j, FILE)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("disagrees with its sampling 'fps'");
        ((ObjectNode) j.get("preprocessing")).put("transform", "Compose([Subsample(32, fps), NormalizeToUnitSphere()])");
        assertThatThrownBy(() -> ModelSpec.fromJson(j, FILE)).hasMessageContaining("samples 32 points");
        ((ObjectNode) j.get("preprocessing")).put("transform", "Shuffle()");
        assertThatThrownBy(() -> ModelSpec.fromJson(j, FILE)).hasMessageContaining("is not a Subsample");
        ((ObjectNode) j.get("preprocessing")).remove("transform");
        assertThat(ModelSpec.fromJson(j, FILE)).isEqualTo(Tiny.classifierSpec());
    }

    @Test
    void labelsMustMatchTheOutputs() {
        assertThatThrownBy(() -> ModelSpec.of("x", Tiny.classifier(), List.of("a"),
                Preprocessing.fpsUnitSphere())).hasMessageContaining("1 class names for 3 classes");
    }
}

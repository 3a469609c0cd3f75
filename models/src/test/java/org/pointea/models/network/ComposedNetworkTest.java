package org.pointea.models.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.optim.Sgd;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.testing.Nets;
import org.pointea.pointcloud.ShapeNetPart;

class ComposedNetworkTest {

    static MixerConfig mixer(String m) {
        return switch (m) {
            case "external" -> MixerConfig.external(8, 1, false);
            case "external_heads_tied" -> MixerConfig.external(8, 2, true);
            case "ufo" -> MixerConfig.ufo(2);
            case "offset" -> MixerConfig.offset();
            default -> MixerConfig.selfAttention(2);
        };
    }

    static float[] clouds(int b, int n) {
        SplittableRandom r = new SplittableRandom(4);
        float[] xyz = new float[b * n * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) r.nextDouble(-1, 1);
        }
        return xyz;
    }

    /**
     * Memory is owned once and every declared buffer is used: after a training step and an
     * inference pass no registered buffer of either network, with any mixer, is left unused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"external", "external_heads_tied", "ufo", "offset", "self"})
    void everyRegisteredBufferIsUsed(String m) {
        PctClassifierConfig cls = new PctClassifierConfig(3, 64, 32, 16, 8, 8, 16, 16, 32, 16, 16, 0.5, mixer(m));
        PctSegmenterConfig seg = new PctSegmenterConfig(ShapeNetPart.PARTS, ShapeNetPart.CATEGORIES, 32, 16, 32,
                0.5, mixer(m));
        try (Network a = cls.create(Backends.cpu(), DType.FLOAT, 1);
             Network b = seg.create(Backends.cpu(), DType.FLOAT, 1);
             CrossEntropy ce = CrossEntropy.of(0.1);
             Sgd sgd = new Sgd(0.01, 0.9, 0)) {
            PreparedBatch pa = a.prepare(CloudBatch.of(2, 64, clouds(2, 64)));
            Nets.trainStep(a, pa, new int[] {0, 2}, ce, sgd);
            Nets.predict(a, pa);
            assertThat(a.buffers().unused()).as(m + " classifier").isEmpty();
            assertThat(a.buffers().names()).isNotEmpty();
            PreparedBatch pb = b.prepare(CloudBatch.of(2, 32, clouds(2, 32), new int[] {3, 7}));
            int[] parts = new int[64];
            Nets.trainStep(b, pb, parts, ce, new Sgd(0.01, 0.9, 0));
            Nets.predict(b, pb);
            assertThat(b.buffers().unused()).as(m + " segmenter").isEmpty();
            assertThat(a.buffers().bytes()).isPositive();
        }
    }

    @Test
    void closesOnceAndRefusesUseAfterwards() {
        PctClassifierConfig cls = PctClassifierConfig.light(3).withPoints(64);
        Network net = cls.create(Backends.cpu(), DType.FLOAT, 1);
        PreparedBatch b = net.prepare(CloudBatch.of(2, 64, clouds(2, 64)));
        Nets.predict(net, b);
        net.close();
        net.close();
        assertThatThrownBy(() -> net.forward(b, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void backwardNeedsATrainingForwardAndDropoutFollowsItsSeed() {
        PctClassifierConfig cls = PctClassifierConfig.light(3).withPoints(64);
        try (Network net = cls.create(Backends.cpu(), DType.FLOAT, 5)) {
            PreparedBatch b = net.prepare(CloudBatch.of(2, 64, clouds(2, 64)));
            net.forward(b, false);
            assertThatThrownBy(() -> net.backward(net.forward(b, false))).isInstanceOf(IllegalStateException.class);
            net.reseedDropout(9);
            float[] first = net.backend().toFloatArray(net.forward(b, true));
            net.reseedDropout(9);
            float[] again = net.backend().toFloatArray(net.forward(b, true));
            net.reseedDropout(10);
            float[] other = net.backend().toFloatArray(net.forward(b, true));
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
            assertThat(net.toString()).contains("pct_classifier").contains("cpu");
        }
    }

    @Test
    void aConditionedNetworkChecksItsCategories() {
        PctSegmenterConfig seg = new PctSegmenterConfig(50, 16, 32, 16, 32, 0.5, MixerConfig.external(8, 1, false));
        try (Network net = seg.create(Backends.cpu(), DType.FLOAT, 1)) {
            assertThatThrownBy(() -> net.prepare(CloudBatch.of(1, 32, clouds(1, 32))))
                    .hasMessageContaining("object category");
            assertThatThrownBy(() -> net.prepare(CloudBatch.of(1, 32, clouds(1, 32), new int[] {16})))
                    .hasMessageContaining("category 16 of cloud 0 outside [0, 16)");
        }
    }

    @Test
    void architecturesAreRegisteredByName() {
        assertThat(Architectures.configType("pct_classifier")).isEqualTo(PctClassifierConfig.class);
        assertThat(Architectures.configType("pct_segmenter")).isEqualTo(PctSegmenterConfig.class);
        assertThat(Architectures.configType("pointnet")).isNull();
    }
}

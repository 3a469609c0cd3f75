package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.testing.Parity;
import org.pointea.models.testing.ParityFixture;

class PctSegmenterConfigTest {

    @Test
    void publishedOffsetAttentionHasTheReferenceParameterCount() {
        try (Network net = PctSegmenterConfig.published().withMixer(MixerConfig.offset())
                .create(Backends.cpu(), DType.FLOAT, 1)) {
            assertThat(net.parameterCount()).isEqualTo(2_446_130L);
            assertThat(PctSegmenterConfig.published().headInput()).isEqualTo(3136);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"external", "ufo", "offset", "self"})
    void matchesPyTorch(String mixer) {
        ParityFixture fx = ParityFixture.load("seg_" + mixer);
        int b = fx.meta().get("batch").asInt();
        int n = fx.meta().get("points").asInt();
        CloudBatch in = CloudBatch.of(b, n, fx.floats("xyz"), fx.ints("category"));
        PctSegmenterConfig cfg = PctSegmenterConfig.published().withMixer(fx.mixer()).withPoints(n).withDropout(0);
        try (Network net = cfg.create(Backends.cpu(), DType.FLOAT, 1); CrossEntropy loss = CrossEntropy.of(0)) {
            fx.fillStore(net.parameters(), "");
            assertThat(net.parameterCount()).isEqualTo(fx.meta().get("param_count").asLong());
            PreparedBatch batch = net.prepare(in);
            Parity.forward("seg_" + mixer + " inference", fx.floats("eval_logits"), net.forward(batch, false));
            DeviceArray logits = net.forward(batch, true);
            Parity.forward("seg_" + mixer + " training", fx.floats("train_logits"), logits);
            double l = loss.forward(logits, fx.ints("part_labels"));
            assertThat(l).isCloseTo(fx.floats("train_loss")[0], org.assertj.core.data.Offset.offset(1e-4));
            net.backward(loss.gradient());
            Parity.gradients("seg_" + mixer, fx, net.parameters(), "", "train_grad_stats_f64", Parity.GRAD_REL);
        }
        try (Network net = cfg.create(Backends.cpu(), DType.DOUBLE, 1); CrossEntropy loss = CrossEntropy.of(0)) {
            fx.fillStore(net.parameters(), "");
            DeviceArray logits = net.forward(net.prepare(in), true);
            double d = ParityFixture.maxAbsDiff(fx.doubles("train_logits_f64"), logits);
            System.out.printf("parity %-40s max|diff| = %.3g%n", "seg_" + mixer + " training, float64", d);
            assertThat(d).isLessThan(1e-9);
            loss.forward(logits, fx.ints("part_labels"));
            net.backward(loss.gradient());
            Parity.gradients("seg_" + mixer + " float64", fx, net.parameters(), "", "train_grad_stats_f64", 1e-6);
        }
    }

    @Test
    void lightPresetIsTheCommandLinesLightSegmenter() {
        PctSegmenterConfig light = PctSegmenterConfig.preset("light", MixerConfig.ufo(4));
        assertThat(light.points()).isEqualTo(1024);
        assertThat(light.channels()).isEqualTo(64);
        assertThat(light.fuse()).isEqualTo(256);
        assertThat(light.mixer()).isEqualTo(MixerConfig.ufo(4));
    }
}

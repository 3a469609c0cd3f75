package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.testing.Parity;
import org.pointea.models.testing.ParityFixture;
import org.pointea.models.train.CrossEntropy;

class PctSegmenterTest {

    @Test
    void publishedOffsetAttentionHasTheReferenceParameterCount() {
        try (PctSegmenter net = PctSegmenter.create(PctSegmenterConfig.published().withMixer(MixerConfig.offset()), 1)) {
            assertThat(net.parameterCount()).isEqualTo(2_446_130L);
            assertThat(net.config().headInput()).isEqualTo(3136);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"external", "ufo", "offset", "self"})
    void matchesPyTorch(String mixer) {
        ParityFixture fx = ParityFixture.load("seg_" + mixer);
        int b = fx.meta().get("batch").asInt();
        int n = fx.meta().get("points").asInt();
        SegInput in = new SegInput(b, n, fx.floats("xyz"), fx.ints("category"));
        PctSegmenterConfig cfg = PctSegmenterConfig.published().withMixer(fx.mixer()).withPoints(n).withDropout(0);
        try (PctSegmenter net = PctSegmenter.create(cfg, 1); CrossEntropy loss = CrossEntropy.of(0)) {
            fx.fillStore(net.parameters(), "");
            assertThat(net.parameterCount()).isEqualTo(fx.meta().get("param_count").asLong());
            Parity.forward("seg_" + mixer + " inference", fx.floats("eval_logits"), net.forward(in, false));
            INDArray logits = net.forward(in, true);
            Parity.forward("seg_" + mixer + " training", fx.floats("train_logits"), logits);
            double l = loss.compute(logits, fx.ints("part_labels"));
            assertThat(l).isCloseTo(fx.floats("train_loss")[0], org.assertj.core.data.Offset.offset(1e-4));
            net.backward(loss.gradient());
            Parity.gradients("seg_" + mixer, fx, net.parameters(), "", "train_grad_stats_f64", Parity.GRAD_REL);
        }
        try (PctSegmenter net = PctSegmenter.create(cfg, 1, DataType.DOUBLE); CrossEntropy loss = CrossEntropy.of(0)) {
            fx.fillStore(net.parameters(), "");
            INDArray logits = net.forward(in, true);
            double d = ParityFixture.maxAbsDiff(fx.doubles("train_logits_f64"), logits);
            System.out.printf("parity %-40s max|diff| = %.3g%n", "seg_" + mixer + " training, float64", d);
            assertThat(d).isLessThan(1e-9);
            loss.compute(logits, fx.ints("part_labels"));
            net.backward(loss.gradient());
            Parity.gradients("seg_" + mixer + " float64", fx, net.parameters(), "", "train_grad_stats_f64", 1e-6);
        }
    }
}

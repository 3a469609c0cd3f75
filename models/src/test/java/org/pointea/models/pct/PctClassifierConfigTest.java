package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Sgd;
import org.pointea.models.testing.Parity;
import org.pointea.models.testing.ParityFixture;
import org.pointea.models.trainer.GradientHook;
import org.pointea.models.trainer.TrainStep;

class PctClassifierConfigTest {

    static PctInput input(ParityFixture fx) {
        var m = fx.meta();
        int b = m.get("batch").asInt();
        int n = m.get("points").asInt();
        int s0 = m.get("centres0").asInt();
        int s1 = m.get("centres1").asInt();
        int k = m.get("k").asInt();
        return new PctInput(b, n, fx.floats("xyz"), s0, s1, k, fx.ints("fps0"), fx.ints("knn0"), fx.ints("fps1"),
                fx.ints("knn1"));
    }

    static PctClassifierConfig config(ParityFixture fx, double dropout) {
        var m = fx.meta();
        var w = m.get("widths");
        return PctClassifierConfig.published(m.get("classes").asInt())
                .withGrouping(m.get("points").asInt(), m.get("centres0").asInt(), m.get("centres1").asInt(),
                        m.get("k").asInt())
                .withWidths(w.get(0).asInt(), w.get(1).asInt(), w.get(2).asInt(), w.get(3).asInt(), w.get(4).asInt(),
                        w.get(5).asInt())
                .withMixer(fx.mixer())
                .withDropout(dropout);
    }

    @Test
    void publishedOffsetAttentionHasThePublishedParameterCount() {
        try (Network net = PctClassifierConfig.published(40).withMixer(MixerConfig.offset())
                .create(Backends.cpu(), DType.FLOAT, 1)) {
            assertThat(net.parameterCount()).isEqualTo(2_876_136L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"external", "ufo", "offset", "self"})
    void parameterCountsEqualPyTorchs(String mixer) throws Exception {
        var counts = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(getClass().getResourceAsStream("/parity/param_counts.json"));
        try (Network net = PctClassifierConfig.published(40).withMixer(MixerConfig.parse(mixer))
                .create(Backends.cpu(), DType.FLOAT, 1)) {
            assertThat(net.parameterCount()).isEqualTo(counts.get("cls_" + mixer).asLong());
        }
        if (mixer.equals("external")) {
            try (Network light = PctClassifierConfig.light(40).create(Backends.cpu(), DType.FLOAT, 1)) {
                assertThat(light.parameterCount()).isEqualTo(counts.get("cls_light_external").asLong());
            }
        }
    }

    /** Published widths, every mixer, and the light variant: inference, training forward, loss and gradients. */
    @ParameterizedTest
    @ValueSource(strings = {"cls_external", "cls_ufo", "cls_offset", "cls_self", "cls_light_external"})
    void matchesPyTorch(String name) {
        ParityFixture fx = ParityFixture.load(name);
        try (Network net = config(fx, 0.0).create(Backends.cpu(), DType.FLOAT, 1);
             CrossEntropy loss = CrossEntropy.pct()) {
            PreparedBatch batch = config(fx, 0.0).prepare(input(fx));
            fx.fillStore(net.parameters(), "");
            assertThat(net.parameterCount()).isEqualTo(fx.meta().get("param_count").asLong());
            Parity.forward(name + " inference", fx.floats("eval_logits"), net.forward(batch, false));
            DeviceArray logits = net.forward(batch, true);
            Parity.forward(name + " training", fx.floats("train_logits"), logits);
            double l = loss.forward(logits, fx.ints("labels"));
            assertThat(l).isCloseTo(fx.floats("train_loss")[0], org.assertj.core.data.Offset.offset(1e-4));
            net.backward(loss.gradient());
            Parity.gradients(name, fx, net.parameters(), "", "train_grad_stats_f64", Parity.GRAD_REL);
        }
        // precision-independent check of the training-mode semantics: float64 on both sides
        try (Network net = config(fx, 0.0).create(Backends.cpu(), DType.DOUBLE, 1);
             CrossEntropy loss = CrossEntropy.pct()) {
            PreparedBatch batch = config(fx, 0.0).prepare(input(fx));
            fx.fillStore(net.parameters(), "");
            DeviceArray logits = net.forward(batch, true);
            double d = ParityFixture.maxAbsDiff(fx.doubles("train_logits_f64"), logits);
            System.out.printf("parity %-40s max|diff| = %.3g%n", name + " training, float64", d);
            assertThat(d).isLessThan(1e-9);
            loss.forward(logits, fx.ints("labels"));
            net.backward(loss.gradient());
            Parity.gradients(name + " float64", fx, net.parameters(), "", "train_grad_stats_f64", 1e-6);
        }
    }

    /** The README's example (section "Models"), line for line. */
    @Test
    void readmeExample() {
        PctClassifierConfig config = PctClassifierConfig.light(40)    // or published(40): PCT as published
                .withMixer(MixerConfig.parse("external"));            // external | ufo | offset | self
        int batch = 2;
        float[] xyz = randomClouds(batch, config.points());           // packed x0,y0,z0,x1,... per cloud
        int[] labels = {3, 17};
        try (Network net = config.create(Backends.cpu(), DType.FLOAT, 42);   // CPU backend, seed 42
             Sgd sgd = new Sgd(0.01, 0.9, 5e-4);
             CrossEntropy loss = CrossEntropy.pct()) {                 // label smoothing 0.2
            PreparedBatch prepared = net.prepare(CloudBatch.of(batch, config.points(), xyz), 0);  // FPS + kNN, all cores
            TrainStep step = new TrainStep(net, loss, sgd, GradientHook.NONE);
            double l = step.run(prepared, labels, 0).loss();          // forward, loss, backward, update
            DeviceArray out = net.forward(prepared, false);           // inference: [batch, 40]
            float[] logits = net.backend().toFloatArray(out);         // row-major
            assertThat(l).isFinite().isPositive();
            assertThat(logits).hasSize(batch * 40);
            assertThat(net.parameterCount()).isEqualTo(773_000L);
        }
    }

    private static float[] randomClouds(int batch, int points) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        float[] xyz = new float[batch * points * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) rnd.nextDouble(-1, 1);
        }
        return xyz;
    }

    @Test
    void rejectsInputWithOtherGrouping() {
        ParityFixture fx = ParityFixture.load("cls_external");
        assertThatThrownBy(() -> PctClassifierConfig.published(40).prepare(input(fx)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        try (Network net = PctClassifierConfig.published(40).create(Backends.cpu(), DType.FLOAT, 1)) {
            assertThatThrownBy(() -> net.prepare(CloudBatch.of(2, 512, new float[2 * 512 * 3])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512 points per cloud");
        }
    }

    @Test
    void doublePrecisionNetworkBuilds() {
        try (Network net = PctClassifierConfig.light(10).create(Backends.cpu(), DType.DOUBLE, 3)) {
            assertThat(net.parameters().dtype()).isEqualTo(DType.DOUBLE);
        }
    }
}

package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.testing.Parity;
import org.pointea.models.testing.ParityFixture;
import org.pointea.models.train.CrossEntropy;
import org.pointea.models.train.Sgd;

class PctClassifierTest {

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
        try (PctClassifier net = PctClassifier.create(PctClassifierConfig.published(40).withMixer(MixerConfig.offset()), 1)) {
            assertThat(net.parameterCount()).isEqualTo(2_876_136L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"external", "ufo", "offset", "self"})
    void parameterCountsEqualPyTorchs(String mixer) throws Exception {
        var counts = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(getClass().getResourceAsStream("/parity/param_counts.json"));
        try (PctClassifier net = PctClassifier.create(
                PctClassifierConfig.published(40).withMixer(MixerConfig.parse(mixer)), 1)) {
            assertThat(net.parameterCount()).isEqualTo(counts.get("cls_" + mixer).asLong());
        }
        if (mixer.equals("external")) {
            try (PctClassifier light = PctClassifier.create(PctClassifierConfig.light(40), 1)) {
                assertThat(light.parameterCount()).isEqualTo(counts.get("cls_light_external").asLong());
            }
        }
    }

    /** Published widths, every mixer, and the light variant: inference, training forward, loss and gradients. */
    @ParameterizedTest
    @ValueSource(strings = {"cls_external", "cls_ufo", "cls_offset", "cls_self", "cls_light_external"})
    void matchesPyTorch(String name) {
        ParityFixture fx = ParityFixture.load(name);
        try (PctClassifier net = PctClassifier.create(config(fx, 0.0), 1);
             PctBatch batch = net.prepare(input(fx));
             CrossEntropy loss = CrossEntropy.pct()) {
            fx.fillStore(net.parameters(), "");
            assertThat(net.parameterCount()).isEqualTo(fx.meta().get("param_count").asLong());
            Parity.forward(name + " inference", fx.floats("eval_logits"), net.forward(batch, false));
            INDArray logits = net.forward(batch, true);
            Parity.forward(name + " training", fx.floats("train_logits"), logits);
            double l = loss.compute(logits, fx.ints("labels"));
            assertThat(l).isCloseTo(fx.floats("train_loss")[0], org.assertj.core.data.Offset.offset(1e-4));
            net.backward(loss.gradient());
            Parity.gradients(name, fx, net.parameters(), "", "train_grad_stats_f64", Parity.GRAD_REL);
        }
        // precision-independent check of the training-mode semantics: float64 on both sides
        try (PctClassifier net = PctClassifier.create(config(fx, 0.0), 1, DataType.DOUBLE);
             PctBatch batch = net.prepare(input(fx));
             CrossEntropy loss = CrossEntropy.pct()) {
            fx.fillStore(net.parameters(), "");
            INDArray logits = net.forward(batch, true);
            double d = ParityFixture.maxAbsDiff(fx.doubles("train_logits_f64"), logits);
            System.out.printf("parity %-40s max|diff| = %.3g%n", name + " training, float64", d);
            assertThat(d).isLessThan(1e-9);
            loss.compute(logits, fx.ints("labels"));
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
        PctInput input = PctInput.group(xyz, batch, config, 0);       // FPS + kNN on the CPU, all cores
        try (PctClassifier net = PctClassifier.create(config, 42);    // seed 42
             PctBatch prepared = net.prepare(input);
             Sgd sgd = new Sgd(0.01, 0.9, 5e-4);
             CrossEntropy loss = CrossEntropy.pct()) {                 // label smoothing 0.2
            double l = net.trainStep(prepared, labels, loss, sgd);
            float[] logits = net.predict(prepared);                   // [batch * 40], row-major
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
        try (PctClassifier net = PctClassifier.create(PctClassifierConfig.published(40), 1)) {
            assertThatThrownBy(() -> net.prepare(input(fx))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not match");
        }
    }

    @Test
    void doublePrecisionNetworkBuilds() {
        try (PctClassifier net = PctClassifier.create(PctClassifierConfig.light(10), 3, DataType.DOUBLE)) {
            assertThat(net.parameters().dtype()).isEqualTo(DataType.DOUBLE);
        }
    }
}

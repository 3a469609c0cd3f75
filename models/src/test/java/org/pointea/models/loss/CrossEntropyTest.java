package org.pointea.models.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/** Unlabelled rows and class weights, against a direct computation in double. */
class CrossEntropyTest {
    private static final double[] LOGITS = {1.0, 2.0, 0.5, -1.0, 0.3, 0.3, 2.0, -0.5, 1.5, 0.0, 0.0, 0.1};
    private final Backend be = Backends.cpu();

    private DeviceArray logits() {
        DeviceArray a = be.allocate(DType.DOUBLE, 4, 3);
        be.upload(LOGITS, a);
        return a;
    }

    /** {@code Σ_r w_r (−log p_r[y_r])} and its gradient {@code w_r (p_r − onehot) / Σ w}. */
    private static double[] reference(int[] labels, double[] classWeights, double[] grad) {
        double loss = 0;
        double norm = 0;
        for (int r = 0; r < 4; r++) {
            if (labels[r] < 0) {
                continue;
            }
            norm += classWeights == null ? 1 : classWeights[labels[r]];
        }
        for (int r = 0; r < 4; r++) {
            double max = Math.max(LOGITS[3 * r], Math.max(LOGITS[3 * r + 1], LOGITS[3 * r + 2]));
            double z = 0;
            for (int c = 0; c < 3; c++) {
                z += Math.exp(LOGITS[3 * r + c] - max);
            }
            if (labels[r] < 0) {
                continue;
            }
            double w = classWeights == null ? 1 : classWeights[labels[r]];
            loss += -w * (LOGITS[3 * r + labels[r]] - max - Math.log(z)) / norm;
            for (int c = 0; c < 3; c++) {
                double p = Math.exp(LOGITS[3 * r + c] - max) / z;
                grad[3 * r + c] = w * (p - (c == labels[r] ? 1 : 0)) / norm;
            }
        }
        return new double[] {loss};
    }

    @Test
    void unlabelledRowsAddNothingAndTheMeanIsOverTheOthers() {
        int[] labels = {1, -1, 2, 0};
        double[] grad = new double[12];
        double expected = reference(labels, null, grad)[0];
        try (CrossEntropy ce = CrossEntropy.of(0)) {
            assertThat(ce.forward(logits(), labels)).isCloseTo(expected, within(1e-12));
            double[] g = be.toDoubleArray(ce.gradient());
            for (int i = 0; i < 12; i++) {
                assertThat(g[i]).as("gradient %d", i).isCloseTo(grad[i], within(1e-12));
            }
        }
    }

    @Test
    void classWeightsGiveAWeightedMean() {
        int[] labels = {1, 0, 2, 0};
        double[] w = {0.5, 2.0, 1.5};
        double[] grad = new double[12];
        double expected = reference(labels, w, grad)[0];
        try (CrossEntropy ce = CrossEntropy.of(0).withClassWeights(w)) {
            assertThat(ce.forward(logits(), labels)).isCloseTo(expected, within(1e-12));
            double[] g = be.toDoubleArray(ce.gradient());
            for (int i = 0; i < 12; i++) {
                assertThat(g[i]).isCloseTo(grad[i], within(1e-12));
            }
        }
        assertThatThrownBy(() -> CrossEntropy.of(0).withClassWeights(new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutUnlabelledRowsTheResultIsThePlainOne() {
        int[] labels = {1, 0, 2, 0};
        double[] grad = new double[12];
        double expected = reference(labels, null, grad)[0];
        try (CrossEntropy plain = CrossEntropy.of(0); CrossEntropy ones = CrossEntropy.of(0)
                .withClassWeights(new double[] {1, 1, 1})) {
            double a = plain.forward(logits(), labels);
            double b = ones.forward(logits(), labels);
            assertThat(a).isCloseTo(expected, within(1e-12));
            assertThat(b).isCloseTo(a, within(1e-12));
            assertThatThrownBy(() -> plain.forward(logits(), new int[] {1, 0, 3, 0}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
        }
    }
}

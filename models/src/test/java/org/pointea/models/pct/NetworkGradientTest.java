package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.testing.GradCheck;

/** Whole-network finite-difference gradient checks in double on tiny widths (dropout off). */
class NetworkGradientTest {

    static PctInput tinyInput(int b, int n, int s0, int s1, int k) {
        Random rnd = new Random(5);
        float[] xyz = new float[b * n * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = rnd.nextFloat();
        }
        int[] fps0 = new int[b * s0];
        int[] knn0 = new int[b * s0 * k];
        int[] fps1 = new int[b * s1];
        int[] knn1 = new int[b * s1 * k];
        for (int i = 0; i < fps0.length; i++) {
            fps0[i] = (i % s0) * (n / s0);
        }
        for (int i = 0; i < knn0.length; i++) {
            knn0[i] = rnd.nextInt(n); // repeats across and within groups
        }
        for (int i = 0; i < fps1.length; i++) {
            fps1[i] = (i % s1) * (s0 / s1);
        }
        for (int i = 0; i < knn1.length; i++) {
            knn1[i] = rnd.nextInt(s0);
        }
        return new PctInput(b, n, xyz, s0, s1, k, fps0, knn0, fps1, knn1);
    }

    /** Each mixer is checked alone (attention tests); here two suffice to check the wiring. */
    @ParameterizedTest
    @ValueSource(strings = {"external", "offset"})
    void classifier(String mixer) {
        PctClassifierConfig cfg = PctClassifierConfig.published(3).withGrouping(10, 6, 4, 3)
                .withWidths(3, 4, 8, 6, 5, 4).withMixer(mixer.equals("external") ? MixerConfig.external(4, 2, false)
                        : mixer.equals("offset") ? MixerConfig.offset() : mixer.equals("ufo") ? MixerConfig.ufo(2)
                        : MixerConfig.selfAttention(2)).withDropout(0);
        try (Network net = cfg.create(Backends.cpu(), DType.DOUBLE, 1)) {
            PreparedBatch batch = cfg.prepare(tinyInput(3, 10, 6, 4, 3));
            GradCheck.Result r = GradCheck.check(net.parameters(), List.of(), () -> net.forward(batch, true), d -> {
                net.backward(d);
                return new DeviceArray[0];
            }, 3, 4, 1e-3, 1e-6);
            assertThat(r.passed()).as(mixer + ": " + r).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"external"})
    void segmenter(String mixer) {
        PctSegmenterConfig cfg = new PctSegmenterConfig(5, 3, 6, 8, 6, 0.0,
                mixer.equals("external") ? MixerConfig.external(4, 1, true) : MixerConfig.offset());
        Random rnd = new Random(2);
        float[] xyz = new float[2 * 6 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = rnd.nextFloat();
        }
        try (Network net = cfg.create(Backends.cpu(), DType.DOUBLE, 1)) {
            PreparedBatch in = net.prepare(CloudBatch.of(2, 6, xyz, new int[] {2, 0}));
            GradCheck.Result r = GradCheck.check(net.parameters(), List.of(), () -> net.forward(in, true), d -> {
                net.backward(d);
                return new DeviceArray[0];
            }, 4, 4, 1e-3, 1e-6);
            assertThat(r.passed()).as(mixer + ": " + r).isTrue();
        }
    }
}

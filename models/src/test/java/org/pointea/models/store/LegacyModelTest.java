package org.pointea.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Adam;
import org.pointea.models.optim.Optimizer;
import org.pointea.models.optim.Sgd;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctInput;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.testing.Nets;

/**
 * The redesigned code against the models code of commit 86d521d (before the backend boundary),
 * through fixtures that code wrote ({@code src/test/resources/legacy}, see its README and
 * {@code src/test/scripts/LegacyFixtures.java}): its model directory loads and gives the same
 * outputs bit for bit, its optimizer state resumes to the same next step, and training the same
 * networks from the same seed gives the same weights and outputs bit for bit, for every mixer and
 * for the segmenter. One engine thread, as the fixtures were written.
 */
class LegacyModelTest {
    private static final int BATCH = 4;
    private static final int STEPS = 3;
    private static JsonNode cases;

    private static JsonNode cases() throws IOException {
        if (cases == null) {
            try (InputStream in = LegacyModelTest.class.getResourceAsStream("/legacy/outputs.json")) {
                JsonNode root = new ObjectMapper().readTree(in);
                assertThat(root.get("commit").asText()).isEqualTo("86d521d");
                assertThat(root.get("batch").asInt()).isEqualTo(BATCH);
                assertThat(root.get("steps").asInt()).isEqualTo(STEPS);
                cases = root.get("cases");
            }
        }
        return cases;
    }

    private static Path legacyDir(String name) throws URISyntaxException {
        return Path.of(LegacyModelTest.class.getResource("/legacy/" + name + "/model.json").toURI()).getParent();
    }

    static MixerConfig mixer(String m) {
        return switch (m) {
            case "external" -> MixerConfig.external(8, 1, false);
            case "external_heads_tied" -> MixerConfig.external(8, 2, true);
            case "ufo" -> MixerConfig.ufo(2);
            case "offset" -> MixerConfig.offset();
            case "self" -> MixerConfig.selfAttention(2);
            default -> throw new IllegalArgumentException(m);
        };
    }

    static PctClassifierConfig classifier(String m) {
        return new PctClassifierConfig(3, 64, 32, 16, 8, 8, 16, 16, 32, 16, 16, 0.5, mixer(m));
    }

    static float[] clouds(int b, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[b * n * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) r.nextDouble(-1, 1);
        }
        return xyz;
    }

    static PreparedBatch classifierBatch(PctClassifierConfig cfg) {
        return cfg.prepare(PctInput.group(clouds(BATCH, cfg.points(), 7), BATCH, cfg, 1));
    }

    static String sha(float[] values) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            b.putFloat(f);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    private static <T> T withOneThread(ThrowingSupplier<T> body) throws Exception {
        int before = Backends.cpu().threads();
        Backends.cpu().setThreads(1);
        try {
            return body.get();
        } finally {
            Backends.cpu().setThreads(before);
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"external", "external_heads_tied", "ufo", "offset", "self"})
    void trainsEveryMixerBitForBitAsBefore(String m) throws Exception {
        JsonNode expected = cases().get("cls_" + m);
        PctClassifierConfig cfg = classifier(m);
        PreparedBatch batch = classifierBatch(cfg);
        int[] labels = {0, 2, 1, 2};
        withOneThread(() -> {
            try (Network net = cfg.create(Backends.cpu(), DType.FLOAT, 11);
                 CrossEntropy ce = CrossEntropy.pct();
                 Optimizer opt = new Sgd(0.05, 0.9, 5e-4)) {
                for (int s = 0; s < STEPS; s++) {
                    net.reseedDropout(1000 + s);
                    double loss = Nets.trainStep(net, batch, labels, ce, opt);
                    assertThat(loss).as("loss of step %d", s).isEqualTo(expected.get("losses").get(s).asDouble());
                }
                float[] out = Nets.predict(net, batch);
                assertThat(sha(Nets.weights(net))).as("weights").isEqualTo(expected.get("weights_sha256").asText());
                assertThat(sha(out)).as("outputs").isEqualTo(expected.get("outputs_sha256").asText());
            }
            return null;
        });
    }

    @Test
    void trainsTheSegmenterBitForBitAsBefore() throws Exception {
        JsonNode expected = cases().get("seg_external_tied");
        PctSegmenterConfig cfg = new PctSegmenterConfig(50, 16, 64, 16, 32, 0.5, MixerConfig.external(8, 1, true));
        int[] cats = {0, 4, 15, 4};
        SplittableRandom r = new SplittableRandom(3);
        int[] parts = new int[BATCH * cfg.points()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = r.nextInt(cfg.parts());
        }
        withOneThread(() -> {
            try (Network net = cfg.create(Backends.cpu(), DType.FLOAT, 12);
                 CrossEntropy ce = CrossEntropy.of(0);
                 Optimizer opt = new Adam(2e-3, 1e-4)) {
                PreparedBatch batch = net.prepare(CloudBatch.of(BATCH, cfg.points(), clouds(BATCH, cfg.points(), 8),
                        cats));
                for (int s = 0; s < STEPS; s++) {
                    net.reseedDropout(2000 + s);
                    double loss = Nets.trainStep(net, batch, parts, ce, opt);
                    assertThat(loss).as("loss of step %d", s).isEqualTo(expected.get("losses").get(s).asDouble());
                }
                assertThat(sha(Nets.weights(net))).isEqualTo(expected.get("weights_sha256").asText());
                assertThat(sha(Nets.predict(net, batch))).isEqualTo(expected.get("outputs_sha256").asText());
            }
            return null;
        });
    }

    /** A model directory written by 86d521d loads, predicts the same bits and resumes its optimizer. */
    @Test
    void loadsAModelDirectoryWrittenBeforeTheRedesign() throws Exception {
        JsonNode expected = cases().get("cls_external");
        ModelDirectory md = ModelDirectory.open(legacyDir("cls"));
        assertThat(md.spec().config()).isEqualTo(classifier("external"));
        assertThat(md.spec().labels()).isEqualTo(List.of("cone", "cube", "torus"));
        assertThat(md.updater().orElseThrow().has("steps")).as("the old format had no SGD step counter").isFalse();
        PctClassifierConfig cfg = classifier("external");
        PreparedBatch batch = classifierBatch(cfg);
        withOneThread(() -> {
            try (Network net = md.createNetwork(Backends.cpu());
                 CrossEntropy ce = CrossEntropy.pct();
                 Optimizer opt = new Sgd(0.05, 0.9, 5e-4)) {
                assertThat(sha(Nets.weights(net))).isEqualTo(expected.get("weights_sha256").asText());
                assertThat(sha(Nets.predict(net, batch))).isEqualTo(expected.get("outputs_sha256").asText());
                md.loadUpdater(opt, net.parameters());
                net.reseedDropout(1000 + STEPS);
                Nets.trainStep(net, batch, new int[] {0, 2, 1, 2}, ce, opt);
                assertThat(sha(Nets.weights(net))).as("the step after the saved state")
                        .isEqualTo(expected.get("weights_sha256_after_next_step").asText());
            }
            return null;
        });
    }

    /** The same directory written again by this code holds the same weights file, byte for byte. */
    @Test
    void rewritesTheSameWeightsFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        ModelDirectory md = ModelDirectory.open(legacyDir("cls"));
        try (Network net = md.createNetwork(Backends.cpu())) {
            ModelDirectory.write(tmp, md.spec(), net.parameters(), null, null);
        }
        assertThat(ModelDirectory.open(tmp).manifest().get("weights").get("sha256").asText())
                .isEqualTo(md.manifest().get("weights").get("sha256").asText());
    }
}

package org.pointea.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.nn.Param;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.pct.PctInput;
import org.pointea.models.testing.Tiny;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.optim.Adam;
import org.pointea.models.optim.AdamW;
import org.pointea.models.optim.Optimizer;
import org.pointea.models.optim.Sgd;
import org.pointea.models.testing.Nets;

class ModelDirectoryTest {

    @TempDir
    Path tmp;

    static PctInput input(int batch, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[batch * 64 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) r.nextDouble(-1, 1);
        }
        return PctInput.group(xyz, batch, Tiny.classifier(), 1);
    }

    static int[] bits(float[] v) {
        return Nets.bits(v);
    }

    static Network tiny(long seed) {
        return Tiny.classifier().create(Backends.cpu(), DType.FLOAT, seed);
    }

    @Test
    void loadedClassifierGivesBitIdenticalOutputs() throws Exception {
        PctInput in = input(4, 1);
        Path dir = tmp.resolve("m");
        float[] before;
        PreparedBatch b = Tiny.classifier().prepare(in);
        try (Network net = tiny(3); Sgd sgd = Sgd.pct(); CrossEntropy ce = CrossEntropy.pct()) {
            Nets.trainStep(net, b, new int[] {0, 1, 2, 0}, ce, sgd); // moves the batch-norm statistics too
            before = Nets.predict(net, b);
            ModelDirectory.write(dir, Tiny.classifierSpec(), net.parameters(), null, null);
        }
        ModelDirectory md = ModelDirectory.open(dir);
        assertThat(md.spec()).isEqualTo(Tiny.classifierSpec());
        assertThat(md.updater()).isEmpty();
        try (Network loaded = md.createNetwork(Backends.cpu())) {
            assertThat(bits(Nets.predict(loaded, b))).isEqualTo(bits(before));
        }
    }

    @Test
    void loadedSegmenterGivesBitIdenticalOutputs() throws Exception {
        SplittableRandom r = new SplittableRandom(2);
        float[] xyz = new float[2 * 64 * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) r.nextDouble(-1, 1);
        }
        CloudBatch in = CloudBatch.of(2, 64, xyz, new int[] {9, 11});
        Path dir = tmp.resolve("s");
        float[] before;
        try (Network net = Tiny.segmenter().create(Backends.cpu(), DType.FLOAT, 4)) {
            before = Nets.predict(net, net.prepare(in));
            ModelDirectory.write(dir, Tiny.segmenterSpec(), net.parameters(), null, null);
        }
        try (Network loaded = ModelDirectory.open(dir).createNetwork(Backends.cpu())) {
            assertThat(bits(Nets.predict(loaded, loaded.prepare(in)))).isEqualTo(bits(before));
        }
    }

    @Test
    void optimizerStateRestoresTheNextStepExactly() throws Exception {
        for (String type : new String[] {"sgd", "adam", "adamw"}) {
            PctInput in = input(4, 5);
            int[] labels = {2, 1, 0, 1};
            Path dir = tmp.resolve("opt-" + type);
            float[] expected;
            PreparedBatch b = Tiny.classifier().prepare(in);
            try (Network net = tiny(6); Optimizer opt = optimizer(type); CrossEntropy ce = CrossEntropy.pct()) {
                net.reseedDropout(1);
                Nets.trainStep(net, b, labels, ce, opt);
                Nets.trainStep(net, b, labels, ce, opt);
                ModelDirectory.write(dir, Tiny.classifierSpec(), net.parameters(), opt, null);
                net.reseedDropout(2);
                Nets.trainStep(net, b, labels, ce, opt);
                expected = Nets.weights(net);
            }
            ModelDirectory md = ModelDirectory.open(dir);
            assertThat(md.updater().orElseThrow().get("type").asText()).isEqualTo(type);
            try (Network net = md.createNetwork(Backends.cpu()); Optimizer opt = optimizer(type);
                 CrossEntropy ce = CrossEntropy.pct()) {
                md.loadUpdater(opt, net.parameters());
                net.reseedDropout(2);
                Nets.trainStep(net, b, labels, ce, opt);
                assertThat(bits(Nets.weights(net))).as(type).isEqualTo(bits(expected));
            }
        }
    }

    private static Optimizer optimizer(String type) {
        return switch (type) {
            case "sgd" -> new Sgd(0.05, 0.9, 5e-4);
            case "adam" -> new Adam(1e-3, 1e-4);
            default -> new AdamW(1e-3, 0.05);
        };
    }

    private void saveTiny(Path dir, long seed) throws IOException {
        try (Network net = tiny(seed)) {
            ModelDirectory.write(dir, Tiny.classifierSpec(), net.parameters(), null, null);
        }
    }

    @Test
    void configMismatchSaysWhatDiffers() throws Exception {
        Path dir = tmp.resolve("m");
        saveTiny(dir, 1);
        ModelSpec other = ModelSpec.of("custom", Tiny.classifier().withMixer(MixerConfig.offset())
                .withGrouping(64, 32, 8, 8), Tiny.classifierSpec().labels(), Tiny.classifierSpec().preprocessing());
        assertThatThrownBy(() -> ModelDirectory.open(dir).requireSpec(other))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("config.centres1: 16 vs 8")
                .hasMessageContaining("config.mixer.kind: external vs offset");
        ModelDirectory.open(dir).requireSpec(Tiny.classifierSpec());
    }

    @Test
    void weightsOfAnotherNetworkAreRefusedWithTheirNames() throws Exception {
        Path dir = tmp.resolve("m");
        saveTiny(dir, 1);
        try (Network wider = Tiny.classifier().withWidths(8, 16, 16, 48, 16, 16).create(Backends.cpu(), DType.FLOAT, 1)) {
            assertThatThrownBy(() -> ModelDirectory.open(dir).loadWeights(wider.parameters()))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("conv_fuse.0.weight has shape [32, 80], the network [48, 80]");
        }
    }

    @Test
    void versionAndFormatAreChecked() throws Exception {
        Path dir = tmp.resolve("m");
        saveTiny(dir, 1);
        ObjectMapper m = new ObjectMapper();
        Path manifest = dir.resolve(ModelDirectory.MANIFEST);
        ObjectNode root = (ObjectNode) m.readTree(manifest.toFile());
        root.put("format_version", 2);
        Files.writeString(manifest, root.toString());
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("format version 2 differs from the version this pointea reads (1)")
                .hasMessageContaining("newer pointea");
        root.put("format_version", 1).put("format", "keras");
        Files.writeString(manifest, root.toString());
        assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("format is 'keras'");
        Files.delete(manifest);
        assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("not a model directory: no model.json");
        assertThatThrownBy(() -> ModelDirectory.open(tmp.resolve("nowhere"))).hasMessageContaining("no such model");
    }

    @Test
    void damagedPayloadIsRefused() throws Exception {
        Path dir = tmp.resolve("m");
        saveTiny(dir, 1);
        Path w;
        try (Stream<Path> s = Files.list(dir)) {
            w = s.filter(p -> p.getFileName().toString().startsWith("weights-")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(w);
        b[b.length / 2] ^= 1;
        Files.write(w, b);
        assertThatThrownBy(() -> ModelDirectory.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(w.getFileName().toString()).hasMessageContaining("damaged");
        Files.delete(w);
        assertThatThrownBy(() -> ModelDirectory.open(dir)).hasMessageContaining("missing (listed in model.json)");
    }

    @Test
    void anInterruptedWriteLeavesThePreviousModel() throws Exception {
        Path dir = tmp.resolve("m");
        saveTiny(dir, 1);
        String before = Files.readString(dir.resolve(ModelDirectory.MANIFEST));
        for (String stage : new String[] {"weights", "commit"}) {
            try (Network net = tiny(2)) {
                assertThatThrownBy(() -> ModelDirectory.write(dir, Tiny.classifierSpec(), net.parameters(), null,
                        null, (s, d) -> {
                            if (s.equals(stage)) {
                                throw new IOException("killed at " + s);
                            }
                        })).hasMessageContaining("killed at " + stage);
            }
            assertThat(Files.readString(dir.resolve(ModelDirectory.MANIFEST))).isEqualTo(before);
            ModelDirectory.open(dir); // still complete and verified
        }
        // the next successful write commits and removes the orphaned payload
        saveTiny(dir, 3);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(2).contains(ModelDirectory.MANIFEST).anyMatch(n -> n.startsWith("weights-"));
        }
    }
}

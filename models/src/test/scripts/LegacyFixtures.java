// Writes the "legacy" fixtures of the models tests with the models code of commit 86d521d (before
// the backend redesign), so the tests can prove that the redesigned code loads its model
// directories with bit-identical outputs and trains bit for bit as it did.
//
// Run with the jar built at that commit (single-file source launch), one engine thread as the tests:
//   git worktree add /tmp/old 86d521d && (cd /tmp/old && mvn -B -q -o -DskipTests package)
//   OMP_NUM_THREADS=1 java -cp /tmp/old/tools/target/pointea.jar \
//       models/src/test/scripts/LegacyFixtures.java models/src/test/resources/legacy
//
// Output (all small): cls/, a model directory of the tiny classifier (weights after 3 training steps,
// optimizer state included; the segmenter's, with its fixed 512/256 head, would be 1 MB), outputs.json (per case: SHA-256 of the float32 bits of every parameter and
// running statistic after training, in registration order, and the SHA-256 and first values of
// the inference outputs on the fixed input).
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.pct.PctBatch;
import org.pointea.models.pct.PctClassifier;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctInput;
import org.pointea.models.pct.PctSegmenter;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.pct.SegInput;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.store.Preprocessing;
import org.pointea.models.train.Adam;
import org.pointea.models.train.CrossEntropy;
import org.pointea.models.train.Optimizer;
import org.pointea.models.train.Sgd;
import org.pointea.io.dataset.Subsampling;

public class LegacyFixtures {
    static final int BATCH = 4;
    static final int STEPS = 3;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        StringBuilder json = new StringBuilder("{\n  \"commit\": \"86d521d\",\n  \"batch\": " + BATCH
                + ",\n  \"steps\": " + STEPS + ",\n  \"cases\": {\n");
        String[] mixers = {"external", "external_heads_tied", "ufo", "offset", "self"};
        for (String m : mixers) {
            json.append(classifierCase(m, m.equals("external") ? out.resolve("cls") : null)).append(",\n");
        }
        json.append(segmenterCase()).append("\n  }\n}\n");
        Files.writeString(out.resolve("outputs.json"), json.toString());
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

    /** The tiny classifier of the tests (models/src/test/.../Tiny.java), 3 classes on 64 points. */
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

    static String classifierCase(String m, Path dir) throws Exception {
        PctClassifierConfig cfg = classifier(m);
        PctInput in = PctInput.group(clouds(BATCH, cfg.points(), 7), BATCH, cfg, 1);
        int[] labels = {0, 2, 1, 2};
        try (PctClassifier net = PctClassifier.create(cfg, 11);
             PctBatch batch = net.prepare(in);
             CrossEntropy ce = CrossEntropy.pct();
             Optimizer opt = new Sgd(0.05, 0.9, 5e-4)) {
            StringBuilder losses = new StringBuilder();
            for (int s = 0; s < STEPS; s++) {
                net.reseedDropout(1000 + s);
                double l = net.trainStep(batch, labels, ce, opt);
                losses.append(s == 0 ? "" : ", ").append(Double.toString(l));
            }
            float[] logits = net.predict(batch);
            String trained = weightsSha(net.parameters());
            String resumed = "";
            if (dir != null) {
                ModelSpec spec = ModelSpec.classifier("custom", cfg, List.of("cone", "cube", "torus"),
                        Preprocessing.fpsUnitSphere());
                ModelDirectory.write(dir, spec, net.parameters(), opt, null);
                // one more step from the saved state: what a resumed run must reproduce
                net.reseedDropout(1000 + STEPS);
                net.trainStep(batch, labels, ce, opt);
                resumed = ", \"weights_sha256_after_next_step\": \"" + weightsSha(net.parameters()) + "\"";
            }
            return entry("cls_" + m, trained, logits, losses, resumed);
        }
    }

    static String segmenterCase() throws Exception {
        PctSegmenterConfig cfg = new PctSegmenterConfig(50, 16, 64, 16, 32, 0.5, MixerConfig.external(8, 1, true));
        float[] xyz = clouds(BATCH, cfg.points(), 8);
        int[] cats = {0, 4, 15, 4};
        SplittableRandom r = new SplittableRandom(3);
        int[] parts = new int[BATCH * cfg.points()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = r.nextInt(cfg.parts());
        }
        SegInput in = new SegInput(BATCH, cfg.points(), xyz, cats);
        try (PctSegmenter net = PctSegmenter.create(cfg, 12);
             CrossEntropy ce = CrossEntropy.of(0);
             Optimizer opt = new Adam(2e-3, 1e-4)) {
            StringBuilder losses = new StringBuilder();
            for (int s = 0; s < STEPS; s++) {
                net.reseedDropout(2000 + s);
                double l = net.trainStep(in, parts, ce, opt);
                losses.append(s == 0 ? "" : ", ").append(Double.toString(l));
            }
            float[] logits = net.predict(in);
            return entry("seg_external_tied", weightsSha(net.parameters()), logits, losses, "");
        }
    }

    static String weightsSha(ParamStore ps) throws Exception {
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        for (Param p : ps.params()) {
            w.write(bits(p.value()));
        }
        for (Map.Entry<String, INDArray> s : ps.states().entrySet()) {
            w.write(bits(s.getValue()));
        }
        return sha(w.toByteArray());
    }

    static String entry(String name, String weights, float[] logits, CharSequence losses, String extra)
            throws Exception {
        ByteBuffer lb = ByteBuffer.allocate(logits.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : logits) {
            lb.putFloat(f);
        }
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            first.append(i == 0 ? "" : ", ").append(Float.toString(logits[i]));
        }
        return "    \"" + name + "\": {\"weights_sha256\": \"" + weights + "\", \"outputs_sha256\": \""
                + sha(lb.array()) + "\", \"outputs\": " + logits.length + ", \"first_outputs\": [" + first
                + "], \"losses\": [" + losses + "]" + extra + "}";
    }

    static byte[] bits(INDArray a) {
        float[] v = a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').reshape(-1).toFloatVector();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}

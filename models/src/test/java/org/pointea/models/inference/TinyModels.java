package org.pointea.models.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.pointea.models.pct.PctInput;
import org.pointea.models.pct.PctBatch;
import org.pointea.models.pct.PctClassifier;
import org.pointea.models.pct.PctSegmenter;
import org.pointea.models.pct.SegInput;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.testing.Tiny;
import org.pointea.models.train.CrossEntropy;
import org.pointea.models.train.Sgd;
import org.pointea.pointcloud.PointCloud;

/** Saves the tiny test networks as model directories, after two training steps that move their batch-norm statistics. */
final class TinyModels {
    private TinyModels() {
    }

    static Path classifier(Path dir) throws IOException {
        try (PctClassifier net = PctClassifier.create(Tiny.classifier(), 3);
             Sgd sgd = new Sgd(0.05, 0.9, 0); CrossEntropy ce = CrossEntropy.pct();
             PctBatch b = net.prepare(PctInput.group(random(4 * 64, 1), 4, Tiny.classifier(), 1))) {
            for (int i = 0; i < 2; i++) {
                net.trainStep(b, new int[] {0, 1, 2, 0}, ce, sgd);
            }
            ModelDirectory.write(dir, Tiny.classifierSpec(), net.parameters(), null, null);
        }
        return dir;
    }

    static Path segmenter(Path dir) throws IOException {
        try (PctSegmenter net = PctSegmenter.create(Tiny.segmenter(), 4);
             Sgd sgd = new Sgd(0.05, 0.9, 0); CrossEntropy ce = CrossEntropy.of(0)) {
            SegInput in = new SegInput(2, 64, random(2 * 64, 2), new int[] {4, 9});
            int[] parts = new int[128];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = i < 64 ? 16 + i % 2 : 28 + i % 2;
            }
            for (int i = 0; i < 2; i++) {
                net.trainStep(in, parts, ce, sgd);
            }
            ModelDirectory.write(dir, Tiny.segmenterSpec(), net.parameters(), null, null);
        }
        return dir;
    }

    /** {@code n} points uniform in [-1, 1)³ from {@code seed}, packed. */
    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) r.nextDouble(-1, 1);
        }
        return xyz;
    }

    /** A cloud of {@code n} points, scaled and shifted so that normalisation matters. */
    static PointCloud cloud(int n, long seed) {
        float[] xyz = random(n, seed);
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = xyz[i] * 3.5f + (i % 3 == 0 ? 10f : -2f);
        }
        return PointCloud.of(xyz);
    }
}

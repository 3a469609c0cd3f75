package org.pointea.models.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.loss.CrossEntropy;
import org.pointea.models.network.CloudBatch;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.optim.Sgd;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.testing.Nets;
import org.pointea.models.testing.Tiny;
import org.pointea.pointcloud.PointCloud;

/** Saves the tiny test networks as model directories, after two training steps that move their batch-norm statistics. */
final class TinyModels {
    private TinyModels() {
    }

    static Path classifier(Path dir) throws IOException {
        try (Network net = Tiny.classifier().create(Backends.cpu(), DType.FLOAT, 3);
             Sgd sgd = new Sgd(0.05, 0.9, 0); CrossEntropy ce = CrossEntropy.pct()) {
            PreparedBatch b = net.prepare(CloudBatch.of(4, 64, random(4 * 64, 1)));
            for (int i = 0; i < 2; i++) {
                Nets.trainStep(net, b, new int[] {0, 1, 2, 0}, ce, sgd);
            }
            ModelDirectory.write(dir, Tiny.classifierSpec(), net.parameters(), null, null);
        }
        return dir;
    }

    static Path segmenter(Path dir) throws IOException {
        try (Network net = Tiny.segmenter().create(Backends.cpu(), DType.FLOAT, 4);
             Sgd sgd = new Sgd(0.05, 0.9, 0); CrossEntropy ce = CrossEntropy.of(0)) {
            PreparedBatch in = net.prepare(CloudBatch.of(2, 64, random(2 * 64, 2), new int[] {4, 9}));
            int[] parts = new int[128];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = i < 64 ? 16 + i % 2 : 28 + i % 2;
            }
            for (int i = 0; i < 2; i++) {
                Nets.trainStep(net, in, parts, ce, sgd);
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

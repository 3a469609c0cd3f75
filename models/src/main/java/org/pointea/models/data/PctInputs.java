package org.pointea.models.data;

import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctInput;
import org.pointea.pointcloud.neighbors.KnnSearch;
import org.pointea.pointcloud.sampling.FarthestPointSampler;

/**
 * Builds a {@link PctInput}: PCT's two sample-and-group stages of a batch of clouds, computed on the
 * CPU as the reference code does (farthest-point sampling from each cloud's index 0, then the k
 * nearest points of every centre by squared distance, the centre itself included; the second stage
 * samples and groups the first stage's centres).
 *
 * <pre>{@code
 * PctInput in = PctInputs.group(xyz, batch, config, 1);   // xyz packed [batch, config.points(), 3]
 * float[] logits = classifier.predict(in);
 * }</pre>
 */
public final class PctInputs {
    private PctInputs() {
    }

    /**
     * Groups a batch for a classifier of configuration {@code c}.
     *
     * @param xyz     packed positions {@code [batch, c.points(), 3]}; kept by the returned input
     * @param batch   number of clouds
     * @param c       the network's configuration (points, centres of both stages, k)
     * @param threads threads for the sampling and the neighbour search (1 = the caller's)
     * @return the input
     */
    public static PctInput group(float[] xyz, int batch, PctClassifierConfig c, int threads) {
        int n = c.points();
        int s0 = c.centres0();
        int s1 = c.centres1();
        int k = c.neighbours();
        if (xyz.length != (long) batch * n * 3) {
            throw new IllegalArgumentException(xyz.length + " coordinates for " + batch + " clouds of " + n
                    + " points");
        }
        int[] fps0 = FarthestPointSampler.sampleBatch(xyz, batch, n, s0, threads);
        float[] c0 = gather(xyz, batch, n, fps0, s0);
        int[] knn0 = new int[batch * s0 * k];
        KnnSearch.knnBatch(xyz, n, c0, s0, batch, k, knn0, new float[knn0.length], threads);
        int[] fps1 = FarthestPointSampler.sampleBatch(c0, batch, s0, s1, threads);
        float[] c1 = gather(c0, batch, s0, fps1, s1);
        int[] knn1 = new int[batch * s1 * k];
        KnnSearch.knnBatch(c0, s0, c1, s1, batch, k, knn1, new float[knn1.length], threads);
        return new PctInput(batch, n, xyz, s0, s1, k, fps0, knn0, fps1, knn1);
    }

    /** The positions of the chosen points of every cloud, packed {@code [batch, m, 3]}. */
    static float[] gather(float[] xyz, int batch, int n, int[] idx, int m) {
        float[] out = new float[batch * m * 3];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(xyz, (b * n + idx[b * m + i]) * 3, out, (b * m + i) * 3, 3);
            }
        }
        return out;
    }
}

package org.pointea.models.pct;

import org.pointea.pointcloud.neighbors.KnnSearch;
import org.pointea.pointcloud.sampling.FarthestPointSampler;

/**
 * A batch of clouds with PCT's two grouping stages precomputed (by the data pipeline, on the CPU):
 * plain Java arrays, indices local to each cloud. {@link #group} computes the stages with the
 * {@code pointcloud} module exactly as PCT does (farthest-point sampling from index 0, the k nearest
 * points of each centre, the centre among them).
 *
 * <pre>{@code
 * PctInput in = PctInput.group(xyz, 32, PctClassifierConfig.published(40), 0);  // 32 clouds of 1024 points
 * }</pre>
 *
 * @param batch    clouds B
 * @param points   points per cloud N
 * @param xyz      packed positions, cloud-major: {@code B·N·3} floats
 * @param centres0 S0, first-stage centres per cloud
 * @param centres1 S1, second-stage centres per cloud
 * @param k        neighbours per centre (both stages)
 * @param fps0     {@code B·S0} point indices in {@code [0, N)} (farthest-point sample of each cloud)
 * @param knn0     {@code B·S0·k} point indices in {@code [0, N)} (the k nearest points of each centre)
 * @param fps1     {@code B·S1} indices in {@code [0, S0)} into the first-stage centres
 * @param knn1     {@code B·S1·k} indices in {@code [0, S0)}: the k nearest first-stage centres
 */
public record PctInput(int batch, int points, float[] xyz, int centres0, int centres1, int k, int[] fps0, int[] knn0,
                       int[] fps1, int[] knn1) {

    /** Validates sizes and index ranges. */
    public PctInput {
        if (batch <= 0 || points <= 0 || centres0 <= 0 || centres1 <= 0 || k <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        check("xyz", xyz.length, (long) batch * points * 3);
        check("fps0", fps0.length, (long) batch * centres0);
        check("knn0", knn0.length, (long) batch * centres0 * k);
        check("fps1", fps1.length, (long) batch * centres1);
        check("knn1", knn1.length, (long) batch * centres1 * k);
        range("fps0", fps0, points);
        range("knn0", knn0, points);
        range("fps1", fps1, centres0);
        range("knn1", knn1, centres0);
    }

    /**
     * Groups {@code batch} clouds of {@code config.points()} points for a classifier with this
     * configuration, on {@code threads} threads (0 = all processors).
     */
    public static PctInput group(float[] xyz, int batch, PctClassifierConfig config, int threads) {
        return group(xyz, batch, config.points(), config.centres0(), config.centres1(), config.neighbours(), threads);
    }

    /**
     * Groups {@code batch} clouds of {@code points} points: {@code centres0} FPS centres over the
     * points with their {@code k} nearest points, then {@code centres1} FPS centres over the first
     * stage's centres with their {@code k} nearest first-stage centres.
     */
    public static PctInput group(float[] xyz, int batch, int points, int centres0, int centres1, int k,
                                 int threads) {
        check("xyz", xyz.length, (long) batch * points * 3);
        int[] fps0 = FarthestPointSampler.sampleBatch(xyz, batch, points, centres0, threads);
        float[] c0 = select(xyz, batch, points, fps0, centres0);
        int[] knn0 = new int[batch * centres0 * k];
        KnnSearch.knnBatch(xyz, points, c0, centres0, batch, k, knn0, new float[knn0.length], threads);
        int[] fps1 = FarthestPointSampler.sampleBatch(c0, batch, centres0, centres1, threads);
        float[] c1 = select(c0, batch, centres0, fps1, centres1);
        int[] knn1 = new int[batch * centres1 * k];
        KnnSearch.knnBatch(c0, centres0, c1, centres1, batch, k, knn1, new float[knn1.length], threads);
        return new PctInput(batch, points, xyz, centres0, centres1, k, fps0, knn0, fps1, knn1);
    }

    /** Positions of the selected points of every cloud, packed {@code [batch, m, 3]}. */
    private static float[] select(float[] xyz, int batch, int n, int[] idx, int m) {
        float[] out = new float[batch * m * 3];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(xyz, (b * n + idx[b * m + i]) * 3, out, (b * m + i) * 3, 3);
            }
        }
        return out;
    }

    private static void check(String name, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " entries, expected " + expected);
        }
    }

    private static void range(String name, int[] idx, int bound) {
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= bound) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + idx[i] + " outside [0, " + bound + ")");
            }
        }
    }
}

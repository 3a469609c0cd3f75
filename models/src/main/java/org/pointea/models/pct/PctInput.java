package org.pointea.models.pct;

/**
 * A batch of clouds with PCT's two grouping stages precomputed (by the data pipeline, on the CPU):
 * plain Java arrays, indices local to each cloud.
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

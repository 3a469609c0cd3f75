package org.pointea.tools.bench;

import java.util.SplittableRandom;
import org.pointea.models.pct.PctInput;

/**
 * Inputs for the model benchmarks: clouds uniform in [0,1)^3 as the PyTorch reference draws them,
 * grouped by {@link PctInput#group} (setup, not timed).
 */
final class BenchGrouping {
    private BenchGrouping() {
    }

    /** {@code batch} clouds of {@code n} uniform points from {@code seed}. */
    static float[] randomClouds(int batch, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] xyz = new float[batch * n * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) rnd.nextDouble();
        }
        return xyz;
    }

    /** Random clouds grouped for PCT. */
    static PctInput randomInput(int batch, int n, int s0, int s1, int k, long seed) {
        return PctInput.group(randomClouds(batch, n, seed), batch, n, s0, s1, k, 0);
    }
}

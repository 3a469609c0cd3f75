package org.pointea.tools.bench;

import java.util.Arrays;
import org.pointea.models.pct.PctInput;

/**
 * Builds PCT inputs for the model benchmark: random clouds and their two grouping stages, computed
 * like the PyTorch reference (farthest-point sampling from index 0, k nearest by squared distance,
 * the centre among its own neighbours). Setup code, not timed.
 */
final class BenchGrouping {
    private BenchGrouping() {
    }

    /** {@code batch} clouds of {@code n} points uniform in [0,1)^3 from {@code seed}, grouped. */
    static PctInput randomInput(int batch, int n, int s0, int s1, int k, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] xyz = new float[batch * n * 3];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) rnd.nextDouble();
        }
        int[] fps0 = new int[batch * s0];
        int[] knn0 = new int[batch * s0 * k];
        int[] fps1 = new int[batch * s1];
        int[] knn1 = new int[batch * s1 * k];
        for (int b = 0; b < batch; b++) {
            float[] pts = Arrays.copyOfRange(xyz, b * n * 3, (b + 1) * n * 3);
            int[] f0 = fps(pts, n, s0);
            float[] c0 = select(pts, f0);
            int[] k0 = knn(pts, n, c0, s0, k);
            int[] f1 = fps(c0, s0, s1);
            float[] c1 = select(c0, f1);
            int[] k1 = knn(c0, s0, c1, s1, k);
            System.arraycopy(f0, 0, fps0, b * s0, s0);
            System.arraycopy(k0, 0, knn0, b * s0 * k, s0 * k);
            System.arraycopy(f1, 0, fps1, b * s1, s1);
            System.arraycopy(k1, 0, knn1, b * s1 * k, s1 * k);
        }
        return new PctInput(batch, n, xyz, s0, s1, k, fps0, knn0, fps1, knn1);
    }

    static float[] select(float[] pts, int[] idx) {
        float[] out = new float[idx.length * 3];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(pts, idx[i] * 3, out, i * 3, 3);
        }
        return out;
    }

    static int[] fps(float[] p, int n, int m) {
        int[] idx = new int[m];
        float[] d = new float[n];
        Arrays.fill(d, Float.MAX_VALUE);
        int far = 0;
        for (int i = 0; i < m; i++) {
            idx[i] = far;
            float cx = p[far * 3];
            float cy = p[far * 3 + 1];
            float cz = p[far * 3 + 2];
            int best = 0;
            float bestD = -1;
            for (int j = 0; j < n; j++) {
                float dx = p[j * 3] - cx;
                float dy = p[j * 3 + 1] - cy;
                float dz = p[j * 3 + 2] - cz;
                float dd = Math.min(d[j], dx * dx + dy * dy + dz * dz);
                d[j] = dd;
                if (dd > bestD) {
                    bestD = dd;
                    best = j;
                }
            }
            far = best;
        }
        return idx;
    }

    static int[] knn(float[] p, int n, float[] q, int m, int k) {
        int[] out = new int[m * k];
        float[] d = new float[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float dx = p[j * 3] - q[i * 3];
                float dy = p[j * 3 + 1] - q[i * 3 + 1];
                float dz = p[j * 3 + 2] - q[i * 3 + 2];
                d[j] = dx * dx + dy * dy + dz * dz;
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Float.compare(d[a], d[b]));
            for (int j = 0; j < k; j++) {
                out[i * k + j] = order[j];
            }
        }
        return out;
    }
}

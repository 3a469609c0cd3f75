package org.pointea.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pointea.models.pct.PctInput;
import org.pointea.models.testing.Tiny;

class PctInputsTest {

    /** Reference: FPS from index 0 and brute-force kNN, as the PCT code. */
    static int[] fps(float[] p, int off, int n, int m) {
        int[] idx = new int[m];
        double[] d = new double[n];
        Arrays.fill(d, Double.MAX_VALUE);
        int far = 0;
        for (int i = 0; i < m; i++) {
            idx[i] = far;
            int best = 0;
            for (int j = 0; j < n; j++) {
                d[j] = Math.min(d[j], dist(p, off + 3 * j, p, off + 3 * far));
                if (d[j] > d[best]) {
                    best = j;
                }
            }
            far = best;
        }
        return idx;
    }

    static double dist(float[] a, int i, float[] b, int j) {
        double dx = a[i] - b[j];
        double dy = a[i + 1] - b[j + 1];
        double dz = a[i + 2] - b[j + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    @Test
    void groupingMatchesBruteForce() {
        var c = Tiny.classifier();
        int b = 3;
        int n = c.points();
        float[] xyz = new float[b * n * 3];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) r.nextDouble();
        }
        PctInput in = PctInputs.group(xyz, b, c, 2);
        for (int s = 0; s < b; s++) {
            int[] f0 = fps(xyz, s * n * 3, n, c.centres0());
            assertThat(Arrays.copyOfRange(in.fps0(), s * c.centres0(), (s + 1) * c.centres0())).isEqualTo(f0);
            for (int q = 0; q < c.centres0(); q++) {
                int centre = f0[q];
                double[] all = new double[n];
                for (int j = 0; j < n; j++) {
                    all[j] = dist(xyz, (s * n + j) * 3, xyz, (s * n + centre) * 3);
                }
                double[] sorted = all.clone();
                Arrays.sort(sorted);
                int base = (s * c.centres0() + q) * c.neighbours();
                double kth = sorted[c.neighbours() - 1];
                boolean self = false;
                for (int j = 0; j < c.neighbours(); j++) {
                    int nb = in.knn0()[base + j];
                    assertThat(all[nb]).isLessThanOrEqualTo(kth);
                    self |= nb == centre;
                }
                assertThat(self).isTrue();
            }
        }
        assertThat(Arrays.stream(in.fps1()).max().orElseThrow()).isLessThan(c.centres0());
        assertThat(Arrays.stream(in.knn1()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void rejectsAWrongSize() {
        assertThatThrownBy(() -> PctInputs.group(new float[10], 1, Tiny.classifier(), 1))
                .hasMessageContaining("10 coordinates for 1 clouds of 64 points");
    }
}

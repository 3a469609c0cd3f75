package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pointea.models.testing.ParityFixture;
import org.pointea.models.testing.Tiny;

class PctInputTest {

    /** The pointcloud module's grouping reproduces the PyTorch reference's fps / knn on the fixture clouds. */
    @Test
    void groupingMatchesThePyTorchReference() {
        ParityFixture fx = ParityFixture.load("cls_external");
        PctInput ref = PctClassifierConfigTest.input(fx);
        PctInput ours = PctInput.group(ref.xyz(), ref.batch(), ref.points(), ref.centres0(), ref.centres1(), ref.k(), 1);
        assertThat(ours.fps0()).containsExactly(ref.fps0());
        assertThat(ours.fps1()).containsExactly(ref.fps1());
        assertThat(sortedGroups(ours.knn0(), ref.k())).containsExactly(sortedGroups(ref.knn0(), ref.k()));
        assertThat(sortedGroups(ours.knn1(), ref.k())).containsExactly(sortedGroups(ref.knn1(), ref.k()));
    }

    private static int[] sortedGroups(int[] idx, int k) {
        int[] s = idx.clone();
        for (int g = 0; g < s.length / k; g++) {
            Arrays.sort(s, g * k, (g + 1) * k);
        }
        return s;
    }

    @Test
    void rejectsIndicesOutsideTheirCloud() {
        assertThatThrownBy(() -> new PctInput(1, 4, new float[12], 2, 1, 2, new int[] {0, 4}, new int[4], new int[1],
                new int[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fps0[1] = 4");
        assertThatThrownBy(() -> new PctInput(1, 4, new float[11], 2, 1, 2, new int[2], new int[4], new int[1],
                new int[2])).hasMessageContaining("xyz has 11");
    }


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
        PctInput in = PctInput.group(xyz, b, c, 2);
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
    void rejectsAWrongNumberOfCoordinates() {
        assertThatThrownBy(() -> PctInput.group(new float[10], 1, Tiny.classifier(), 1))
                .hasMessageContaining("xyz has 10 entries, expected 192");
    }
}

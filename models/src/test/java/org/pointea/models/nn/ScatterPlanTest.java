package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

class ScatterPlanTest {
    private static final Backend BE = Backends.cpu();

    /** INT slots for the plan's indices, allocated per call (a layer reuses buffers). */
    private static ScatterPlan.IndexSlots slots() {
        return (slot, n) -> BE.allocate(DType.INT, n);
    }

    private static DeviceArray zeros(DType t, long... shape) {
        return BE.zeros(t, shape);
    }

    private static double[][] naive(int[] idx, double[][] g, int targets) {
        double[][] out = new double[targets][g[0].length];
        for (int r = 0; r < idx.length; r++) {
            for (int c = 0; c < g[0].length; c++) {
                out[idx[r]][c] += g[r][c];
            }
        }
        return out;
    }

    @Test
    void equalsNaiveScatterAddWithRepeatsAndUnusedTargets() {
        Random rnd = new Random(3);
        int targets = 37;
        int[] idx = new int[200];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rnd.nextInt(targets - 5); // last 5 targets never hit
        }
        for (int i = 0; i < 40; i++) {
            idx[50 + i] = 2; // one target far above the others: a wide bucket of one
        }
        double[][] g = new double[idx.length][3];
        for (double[] row : g) {
            for (int c = 0; c < 3; c++) {
                row[c] = rnd.nextGaussian();
            }
        }
        ScatterPlan plan = new ScatterPlan(idx, targets);
        DeviceArray out = zeros(DType.DOUBLE, targets, 3);
        double[] gExt = new double[(g.length + 1) * 3];
        for (int r = 0; r < g.length; r++) {
            System.arraycopy(g[r], 0, gExt, r * 3, 3);
        }
        DeviceArray src = zeros(DType.DOUBLE, g.length + 1, 3);
        BE.upload(gExt, src);
        plan.apply(src, out, zeros(DType.DOUBLE, targets, 3), zeros(DType.DOUBLE, plan.maxBucketRows(), 3), slots());
        double[] got = BE.toDoubleArray(out);
        double[][] expected = naive(idx, g, targets);
        for (int n = 0; n < targets; n++) {
            for (int c = 0; c < 3; c++) {
                assertThat(got[n * 3 + c]).isCloseTo(expected[n][c], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(plan.maxDegree()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void rejectsSourceWithoutZeroRow() {
        ScatterPlan plan = new ScatterPlan(new int[] {0, 1}, 2);
        assertThatThrownBy(() -> plan.apply(zeros(DType.FLOAT, 2, 2), zeros(DType.FLOAT, 2, 2),
                zeros(DType.FLOAT, 2, 2), zeros(DType.FLOAT, 2, 2), slots()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero row");
    }

    @Test
    void rejectsOutOfRangeIndex() {
        assertThatThrownBy(() -> new ScatterPlan(new int[] {0, 4}, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 at 1");
    }

    @Test
    void emptyPlanZeroesOutput() {
        ScatterPlan plan = new ScatterPlan(new int[0], 2);
        DeviceArray out = zeros(DType.FLOAT, 2, 2);
        BE.fill(out, 1);
        plan.apply(zeros(DType.FLOAT, 1, 2), out, zeros(DType.FLOAT, 2, 2), zeros(DType.FLOAT, 2, 2), slots());
        assertThat(BE.sum(out)).isZero();
    }
}

package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScatterPlanTest {

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
        INDArray out = Nd4j.create(DataType.DOUBLE, targets, 3);
        double[][] gExt = java.util.Arrays.copyOf(g, g.length + 1);
        gExt[g.length] = new double[3];
        plan.apply(Nd4j.createFromArray(gExt), out, Nd4j.create(DataType.DOUBLE, targets, 3),
                Nd4j.create(DataType.DOUBLE, plan.maxBucketRows(), 3));
        double[][] expected = naive(idx, g, targets);
        for (int n = 0; n < targets; n++) {
            for (int c = 0; c < 3; c++) {
                assertThat(out.getDouble(n, c)).isCloseTo(expected[n][c], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        assertThat(plan.maxDegree()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void rejectsSourceWithoutZeroRow() {
        ScatterPlan plan = new ScatterPlan(new int[] {0, 1}, 2);
        assertThatThrownBy(() -> plan.apply(Nd4j.zeros(DataType.FLOAT, 2, 2), Nd4j.create(DataType.FLOAT, 2, 2),
                Nd4j.create(DataType.FLOAT, 2, 2), Nd4j.create(DataType.FLOAT, 2, 2)))
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
        INDArray out = Nd4j.ones(DataType.FLOAT, 2, 2);
        plan.apply(Nd4j.zeros(DataType.FLOAT, 1, 2), out, Nd4j.create(DataType.FLOAT, 2, 2),
                Nd4j.create(DataType.FLOAT, 2, 2));
        assertThat(out.sumNumber().doubleValue()).isZero();
    }
}

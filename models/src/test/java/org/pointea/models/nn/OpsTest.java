package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class OpsTest {

    /**
     * ND4J defect worked around: {@code Nd4j.gemm} rejects any view as output ("C array should NOT
     * be a view") although the op behind it writes views correctly. {@link Ops#gemm} calls the op
     * directly; this fails if it goes back through {@code Nd4j.gemm}.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void gemmWritesIntoRowRangeAndColumnBlockViews(DataType dt) {
        INDArray a = Nd4j.rand(dt, 50, 20);
        INDArray b = Nd4j.rand(dt, 50, 30);
        INDArray expected = a.transpose().mmul(b);
        INDArray w = Nd4j.zeros(dt, 20, 100);
        INDArray block = w.get(NDArrayIndex.all(), NDArrayIndex.interval(40, 70));
        Ops.gemm(a, b, block, true, false);
        assertThat(block.equalsWithEps(expected, 1e-4)).isTrue();
        assertThat(w.sumNumber().doubleValue()).isCloseTo(block.sumNumber().doubleValue(),
                org.assertj.core.data.Offset.offset(1e-6));
        Ops.gemm(a, b, block, true, false, 1.0, 1.0);
        assertThat(block.equalsWithEps(expected.mul(2), 1e-4)).isTrue();

        INDArray full = Nd4j.zeros(dt, 21, 30);
        INDArray rows = full.get(NDArrayIndex.interval(0, 20), NDArrayIndex.all());
        Ops.gemm(a, b, rows, true, false);
        assertThat(rows.equalsWithEps(expected, 1e-4)).isTrue();
        assertThat(full.getRow(20).sumNumber().doubleValue()).isZero();
    }

    /** The defect itself, so the workaround can be dropped when ND4J fixes it. */
    @Test
    void nd4jGemmStillRejectsViews() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 4, 8);
        INDArray block = w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        assertThatThrownBy(() -> Nd4j.gemm(Nd4j.rand(DataType.FLOAT, 4, 4), Nd4j.rand(DataType.FLOAT, 4, 4), block,
                false, false, 1.0, 0.0)).hasMessageContaining("view");
    }

    @Test
    void columnSumsAndGroupPoolingMatchLoops() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 12, 5);
        INDArray s = Nd4j.create(DataType.DOUBLE, 1, 5);
        Ops.columnSums(x, s);
        assertThat(s.equalsWithEps(x.sum(true, 0), 1e-12)).isTrue();
        INDArray mx = Nd4j.create(DataType.DOUBLE, 3, 5);
        Ops.maxOverGroups(x, 4, mx);
        INDArray mean = Nd4j.create(DataType.DOUBLE, 3, 5);
        Ops.meanOverGroups(x, 4, mean);
        for (int g = 0; g < 3; g++) {
            INDArray grp = x.get(NDArrayIndex.interval(4 * g, 4 * g + 4), NDArrayIndex.all());
            assertThat(mx.getRow(g).equalsWithEps(grp.max(0), 1e-12)).isTrue();
            assertThat(mean.getRow(g).equalsWithEps(grp.mean(0), 1e-12)).isTrue();
        }
    }
}

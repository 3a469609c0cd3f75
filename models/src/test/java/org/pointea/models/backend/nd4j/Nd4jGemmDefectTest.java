package org.pointea.models.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ND4J defect worked around by {@link Nd4jBackend#gemm}: {@code Nd4j.gemm} rejects any view as
 * output ("C array should NOT be a view") although the {@code matmul} op behind it writes views
 * correctly ({@code BackendConformance.gemmReadsAndWritesViews}). This test documents the defect,
 * so the workaround can be dropped when ND4J fixes it.
 */
class Nd4jGemmDefectTest {

    @Test
    void nd4jGemmStillRejectsViews() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 4, 8);
        INDArray block = w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        assertThatThrownBy(() -> Nd4j.gemm(Nd4j.rand(DataType.FLOAT, 4, 4), Nd4j.rand(DataType.FLOAT, 4, 4), block,
                false, false, 1.0, 0.0)).hasMessageContaining("view");
    }
}

package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Checks the row-major to column-major mapping by running the mapped call through a plain Java
 * column-major SGEMM (the cuBLAS contract) on row-major data, against the row-major product.
 */
class GemmCallTest {

    /** cuBLAS's column-major contract: C = op(A) op(B), element (i, j) of X at X[i + j*ld]. */
    static void colMajorGemm(int opA, int opB, int m, int n, int k, double[] a, int aOff, int lda, double[] b,
                             int bOff, int ldb, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = opA == GemmCall.OP_N ? a[aOff + i + p * lda] : a[aOff + p + i * lda];
                    double bv = opB == GemmCall.OP_N ? b[bOff + p + j * ldb] : b[bOff + j + p * ldb];
                    s += av * bv;
                }
                c[cOff + i + j * ldc] = s;
            }
        }
    }

    @Property(tries = 200)
    void mappedCallComputesTheRowMajorProduct(@ForAll boolean transA, @ForAll boolean transB,
                                              @ForAll @IntRange(min = 1, max = 6) int m,
                                              @ForAll @IntRange(min = 1, max = 6) int n,
                                              @ForAll @IntRange(min = 1, max = 6) int k,
                                              @ForAll @IntRange(min = 0, max = 3) int pad) {
        Random r = new Random(m * 1000 + n * 100 + k * 10 + pad);
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + pad;     // padding: the operands are column blocks of wider matrices
        int ldb = bCols + pad;
        int ldc = n + pad;
        double[] a = random(r, aRows * lda);
        double[] b = random(r, bRows * ldb);
        double[] c = new double[m * ldc];
        GemmCall g = GemmCall.rowMajor(transA, transB, m, n, k, lda, ldb, ldc);
        colMajorGemm(g.opFirst(), g.opSecond(), g.m(), g.n(), g.k(), b, 0, g.ldFirst(), a, 0, g.ldSecond(), c, 0,
                g.ldc());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[p * lda + i] : a[i * lda + p];
                    double bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += av * bv;
                }
                assertThat(c[i * ldc + j]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void linearLayerForward() {
        // y[rows, out] = x[rows, in] Wᵀ, W [out, in]: cuBLAS gets W first, transposed, m = out
        GemmCall g = GemmCall.rowMajor(false, true, 1024, 64, 3, 3, 3, 64);
        assertThat(g).isEqualTo(new GemmCall(GemmCall.OP_T, GemmCall.OP_N, 64, 1024, 3, 3, 3, 64));
    }

    @Test
    void shortStridesAreRefused() {
        assertThatThrownBy(() -> GemmCall.rowMajor(false, false, 4, 5, 6, 5, 5, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A's row stride 5");
        assertThatThrownBy(() -> GemmCall.rowMajor(false, false, 4, 5, 6, 6, 5, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C's row stride 4");
    }

    private static double[] random(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}

package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.DeviceRandom;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;

/**
 * Every operation of the CUDA backend against a host computation in double precision, on the GPU
 * (skipped with the reason where there is none). Complements the redesign's BackendConformance
 * suite, which the device check also runs against this backend.
 */
class CudaBackendGpuTest {
    private Backend be;
    private final Random rnd = new Random(7);

    @BeforeEach
    void open() {
        be = GpuOnly.backend();    // each test reports the skip and its reason where there is no GPU
    }

    private double[] random(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private DeviceArray dev(DType t, double[] v, long... shape) {
        DeviceArray a = be.allocate(t, shape);
        be.upload(v, a);
        return a;
    }

    private static void close(double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element " + i).isCloseTo(expected[i], within(tol * (1 + Math.abs(expected[i]))));
        }
    }

    @Test
    void gemmWithTransposesAndColumnBlocksMatchesTheHost() {
        for (DType t : new DType[] {DType.FLOAT, DType.DOUBLE}) {
            double tol = t == DType.FLOAT ? 1e-5 : 1e-12;
            int m = 37;
            int k = 19;
            int n = 23;
            double[] a = random(k * m);           // stored [k, m], used transposed
            double[] w = random(n * 40);          // [n, 40]; columns [5, 24) are B, used transposed
            double[] c0 = random(m * 30);         // [m, 30]; columns [3, 26) receive C
            try (DeviceArray da = dev(t, a, k, m); DeviceArray dw = dev(t, w, n, 40); DeviceArray dc = dev(t, c0, m, 30)) {
                be.gemm(da, dw.columns(5, 24), dc.columns(3, 26), true, true, 0.5, 2.0);
                double[] got = be.toDoubleArray(dc);
                double[] want = c0.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += a[p * m + i] * w[j * 40 + 5 + p];
                        }
                        want[i * 30 + 3 + j] = 0.5 * s + 2.0 * c0[i * 30 + 3 + j];
                    }
                }
                close(got, want, tol);
            }
        }
    }

    @Test
    void batchedGemm() {
        int b = 3;
        int m = 5;
        int k = 4;
        int n = 6;
        double[] a = random(b * m * k);
        double[] x = random(b * n * k);
        try (DeviceArray da = dev(DType.DOUBLE, a, b, m, k); DeviceArray dx = dev(DType.DOUBLE, x, b, n, k);
             DeviceArray dc = be.allocate(DType.DOUBLE, b, m, n)) {
            be.batchedGemm(da, dx, dc, false, true);
            double[] want = new double[b * m * n];
            for (int q = 0; q < b; q++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += a[q * m * k + i * k + p] * x[q * n * k + j * k + p];
                        }
                        want[q * m * n + i * n + j] = s;
                    }
                }
            }
            close(be.toDoubleArray(dc), want, 1e-12);
        }
    }

    @Test
    void elementwiseBroadcastScalarUnary() {
        double[] x = random(4 * 3 * 5);
        double[] y = random(4 * 5);
        try (DeviceArray dx = dev(DType.DOUBLE, x, 4, 3, 5); DeviceArray dy = dev(DType.DOUBLE, y, 4, 1, 5);
             DeviceArray out = be.allocate(DType.DOUBLE, 4, 3, 5)) {
            be.binary(BinaryOp.SQUARED_DIFFERENCE, dx, dy, out);
            double[] want = new double[x.length];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int c = 0; c < 5; c++) {
                        double d = x[i * 15 + j * 5 + c] - y[i * 5 + c];
                        want[i * 15 + j * 5 + c] = d * d;
                    }
                }
            }
            close(be.toDoubleArray(out), want, 1e-12);
            be.scalar(ScalarOp.REVERSE_DIVIDE, out, 3.0, out);
            for (int i = 0; i < want.length; i++) {
                want[i] = 3.0 / want[i];
            }
            close(be.toDoubleArray(out), want, 1e-12);
            be.unary(UnaryOp.NEGATE, out, out);
            be.unary(UnaryOp.RELU, out, out);
            assertThat(be.toDoubleArray(out)).containsOnly(0.0);
        }
    }

    @Test
    void reductionsAreDeterministic() {
        int r = 70_000;
        int c = 33;
        double[] x = random(r * c);
        try (DeviceArray dx = dev(DType.FLOAT, x, r, c); DeviceArray cols = be.allocate(DType.FLOAT, 1, c);
             DeviceArray rows = be.allocate(DType.FLOAT, r, 1)) {
            be.sumColumns(dx, cols);
            float[] first = be.toFloatArray(cols);
            be.sumColumns(dx, cols);
            assertThat(be.toFloatArray(cols)).containsExactly(first);
            double[] want = new double[c];
            double total = 0;
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    want[j] += (float) x[i * c + j];
                    total += (float) x[i * c + j];
                }
            }
            double[] got = new double[c];
            for (int j = 0; j < c; j++) {
                got[j] = first[j];
            }
            close(got, want, 1e-3);
            be.sumRows(dx, rows);
            assertThat(be.sum(dx)).isCloseTo(total, within(1e-6 * r * c));
            assertThat(be.sum(rows)).isCloseTo(total, within(1e-3 * Math.sqrt((double) r * c)));
        }
    }

    @Test
    void softmaxBatchNormGroupsGatherScatter() {
        double[] x = random(6 * 4);
        try (DeviceArray dx = dev(DType.DOUBLE, x, 6, 4); DeviceArray p = be.allocate(DType.DOUBLE, 6, 4);
             DeviceArray mx = be.allocate(DType.DOUBLE, 3, 4); DeviceArray dmx = be.allocate(DType.DOUBLE, 6, 4)) {
            be.softmax(dx, p);
            double[] sp = be.toDoubleArray(p);
            for (int i = 0; i < 6; i++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 4; j++) {
                    m = Math.max(m, x[i * 4 + j]);
                }
                double s = 0;
                for (int j = 0; j < 4; j++) {
                    s += Math.exp(x[i * 4 + j] - m);
                }
                for (int j = 0; j < 4; j++) {
                    assertThat(sp[i * 4 + j]).isCloseTo(Math.exp(x[i * 4 + j] - m) / s, within(1e-14));
                }
            }
            be.maxOverGroups(dx, 2, mx);
            be.maxOverGroupsBackward(dx, mx, 2, dmx);
            double[] g = be.toDoubleArray(dmx);
            for (int grp = 0; grp < 3; grp++) {
                for (int j = 0; j < 4; j++) {
                    double a = x[(2 * grp) * 4 + j];
                    double b = x[(2 * grp + 1) * 4 + j];
                    double m = Math.max(a, b);
                    assertThat(g[(2 * grp) * 4 + j]).isEqualTo(a == m ? m : 0.0);
                    assertThat(g[(2 * grp + 1) * 4 + j]).isEqualTo(a == m ? 0.0 : m);
                }
            }
        }
        int[] idx = {2, 0, 2, 2, 1, 0, 2};
        double[] src = random(idx.length * 3);
        try (DeviceArray di = be.allocate(DType.INT, idx.length); DeviceArray ds = dev(DType.FLOAT, src, idx.length, 3);
             DeviceArray out = be.allocate(DType.FLOAT, 4, 3); DeviceArray back = be.allocate(DType.FLOAT, idx.length, 3)) {
            be.upload(idx, di);
            be.scatterAddRows(ds, di, out);
            float[] once = be.toFloatArray(out);
            be.scatterAddRows(ds, di, out);
            assertThat(be.toFloatArray(out)).containsExactly(once);
            double[] want = new double[12];
            for (int i = 0; i < idx.length; i++) {
                for (int j = 0; j < 3; j++) {
                    want[idx[i] * 3 + j] += (float) src[i * 3 + j];
                }
            }
            double[] got = new double[12];
            for (int i = 0; i < 12; i++) {
                got[i] = once[i];
            }
            close(got, want, 1e-6);
            be.gatherRows(out, di, back);
            float[] gathered = be.toFloatArray(back);
            for (int i = 0; i < idx.length; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(gathered[i * 3 + j]).isEqualTo(once[idx[i] * 3 + j]);
                }
            }
        }
    }

    @Test
    void permuteAndBernoulli() {
        double[] x = random(2 * 3 * 4 * 5);
        try (DeviceArray dx = dev(DType.DOUBLE, x, 2, 3, 4, 5); DeviceArray out = be.allocate(DType.DOUBLE, 2, 4, 3, 5)) {
            be.permute(dx, new int[] {0, 2, 1, 3}, out);
            double[] got = be.toDoubleArray(out);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 3; b++) {
                    for (int c = 0; c < 4; c++) {
                        for (int d = 0; d < 5; d++) {
                            assertThat(got[((a * 4 + c) * 3 + b) * 5 + d]).isEqualTo(x[((a * 3 + b) * 4 + c) * 5 + d]);
                        }
                    }
                }
            }
        }
        try (DeviceRandom r = be.random(42); DeviceArray m1 = be.allocate(DType.FLOAT, 100_000);
             DeviceArray m2 = be.allocate(DType.FLOAT, 100_000)) {
            be.bernoulli(r, 0.3, m1);
            r.setSeed(42);
            be.bernoulli(r, 0.3, m2);
            assertThat(be.toFloatArray(m2)).containsExactly(be.toFloatArray(m1));
            assertThat(be.sum(m1) / 100_000).isCloseTo(0.3, within(0.01));
        }
    }
}

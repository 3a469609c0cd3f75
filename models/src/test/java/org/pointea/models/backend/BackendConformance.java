package org.pointea.models.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The backend conformance suite: every operation of {@link Backend} against its documented
 * semantics ({@code docs/engine.md}, "The backend boundary"), with the expected values computed
 * here in plain Java. A backend passes by subclassing this class and returning itself from
 * {@link #backend()}:
 *
 * <pre>{@code
 * class CudaBackendConformanceTest extends BackendConformance {
 *     @Override
 *     protected Backend backend() {
 *         return Backends.get("cuda");
 *     }
 * }
 * }</pre>
 *
 * <p>Elementwise operations must be exact (one IEEE rounding per result, as Java computes them in
 * the array's type); reductions, products, softmax and batch norm are compared with a tolerance
 * ({@link #tolerance}), since backends may sum in another order. Determinism (same inputs, same
 * bits) is checked for the operations whose order a backend chooses.
 */
public abstract class BackendConformance {
    private final List<DeviceArray> owned = new ArrayList<>();

    /** The backend under test. */
    protected abstract Backend backend();

    /** Relative tolerance of reductions and products in a type. */
    protected double tolerance(DType t) {
        return t == DType.FLOAT ? 2e-6 : 1e-13;
    }

    @AfterEach
    void release() {
        owned.forEach(DeviceArray::close);
        owned.clear();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private DeviceArray array(DType t, double[] values, long... shape) {
        DeviceArray a = backend().allocate(t, shape);
        owned.add(a);
        backend().upload(values, a);
        return a;
    }

    private DeviceArray empty(DType t, long... shape) {
        DeviceArray a = backend().allocate(t, shape);
        owned.add(a);
        return a;
    }

    private static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return v;
    }

    /** The values as the type holds them (rounded to float for FLOAT). */
    private static double[] held(DType t, double[] v) {
        double[] out = v.clone();
        if (t == DType.FLOAT) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) out[i];
            }
        }
        return out;
    }

    private double[] host(DeviceArray a) {
        return backend().toDoubleArray(a);
    }

    private void assertClose(DType t, double[] expected, double[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        double tol = tolerance(t);
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1.0, Math.abs(expected[i]));
            assertThat(Math.abs(actual[i] - expected[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tol * scale * 16);
        }
    }

    private static void assertExact(double[] expected, double[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToLongBits(actual[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }

    /** {@code x op y} rounded once to the type. */
    private static double apply(DType t, BinaryOp op, double x, double y) {
        if (t == DType.FLOAT) {
            float a = (float) x;
            float b = (float) y;
            return switch (op) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> a / b;
                case SQUARED_DIFFERENCE -> (a - b) * (a - b);
                case MAXIMUM -> Math.max(a, b);
            };
        }
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            case SQUARED_DIFFERENCE -> (x - y) * (x - y);
            case MAXIMUM -> Math.max(x, y);
        };
    }

    // ---- identity, memory, transfers ---------------------------------------------------------------

    @Test
    void describesItself() {
        assertThat(backend().name()).isNotBlank();
        assertThat(backend().describe()).isNotBlank();
        assertThat(backend().threads()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void uploadsAndDownloadsRowMajor(DType t) {
        double[] v = random(1, 24);
        DeviceArray a = array(t, v, 2, 3, 4);
        assertThat(a.dtype()).isEqualTo(t);
        assertThat(a.shape()).containsExactly(2, 3, 4);
        assertThat(a.rank()).isEqualTo(3);
        assertThat(a.length()).isEqualTo(24);
        assertThat(a.isContiguous()).isTrue();
        assertExact(held(t, v), host(a));
        float[] f = backend().toFloatArray(a);
        for (int i = 0; i < v.length; i++) {
            assertThat(f[i]).isEqualTo((float) v[i]);
        }
        float[] fv = {1.5f, -2.25f, 3.0e-8f};
        DeviceArray b = empty(t, 3);
        backend().upload(fv, b);
        assertExact(new double[] {1.5, -2.25, 3.0e-8f}, host(b));
    }

    @Test
    void indicesRoundTrip() {
        DeviceArray idx = empty(DType.INT, 5);
        backend().upload(new int[] {4, 0, 7, -1, 2}, idx);
        assertThat(backend().toIntArray(idx)).containsExactly(4, 0, 7, -1, 2);
        assertThatThrownBy(() -> backend().upload(new float[] {1}, empty(DType.INT, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backend().upload(new double[] {1, 2}, empty(DType.FLOAT, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void zerosFillAndCopy(DType t) {
        DeviceArray z = backend().zeros(t, 3, 2);
        owned.add(z);
        assertExact(new double[6], host(z));
        backend().fill(z, 0.1);
        double h = t == DType.FLOAT ? (float) 0.1 : 0.1;
        assertExact(new double[] {h, h, h, h, h, h}, host(z));
        DeviceArray c = empty(t, 3, 2);
        backend().copy(z, c);
        assertExact(host(z), host(c));
        assertThatThrownBy(() -> backend().copy(z, empty(t, 2, 3))).isInstanceOf(IllegalArgumentException.class);
        DType other = t == DType.FLOAT ? DType.DOUBLE : DType.FLOAT;
        assertThatThrownBy(() -> backend().copy(z, empty(other, 3, 2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewsShareMemory() {
        DType t = DType.DOUBLE;
        double[] v = random(2, 20);
        DeviceArray m = array(t, v, 4, 5);
        // reshape
        DeviceArray r = m.reshape(2, 10);
        assertThat(r.isView()).isTrue();
        backend().fill(r.reshape(20).reshape(4, 5).row(0), 7);
        double[] after = host(m);
        for (int j = 0; j < 5; j++) {
            assertThat(after[j]).isEqualTo(7);
        }
        // row range: contiguous
        DeviceArray rows = m.rows(1, 3);
        assertThat(rows.shape()).containsExactly(2, 5);
        assertThat(rows.isContiguous()).isTrue();
        assertExact(java.util.Arrays.copyOfRange(after, 5, 15), host(rows));
        // column block: a strided view
        DeviceArray cols = m.columns(1, 3);
        assertThat(cols.shape()).containsExactly(4, 2);
        assertThat(cols.isContiguous()).isFalse();
        assertThat(cols.rowStride()).isEqualTo(5);
        double[] expected = new double[8];
        for (int i = 0; i < 4; i++) {
            expected[2 * i] = after[5 * i + 1];
            expected[2 * i + 1] = after[5 * i + 2];
        }
        assertExact(expected, host(cols));
        assertThatThrownBy(() -> cols.reshape(8)).isInstanceOf(IllegalArgumentException.class);
        backend().upload(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, cols);
        double[] m2 = host(m);
        assertThat(new double[] {m2[1], m2[2], m2[6], m2[7], m2[11], m2[12], m2[16], m2[17]})
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(m2[0]).isEqualTo(7);
        assertThat(m2[3]).isEqualTo(7);
        backend().fill(cols, -1);
        backend().copy(array(t, new double[] {9, 9, 9, 9, 9, 9, 9, 9}, 4, 2), cols);
        assertThat(host(m)[6]).isEqualTo(9);
        assertThat(host(m)[5]).isEqualTo(after[5]);
        assertThat(m.columns(0, 5).isContiguous()).isTrue();
        assertThatThrownBy(() -> m.rows(3, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.reshape(3, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- products ----------------------------------------------------------------------------------

    private static double[] matmul(double[] a, long ar, long ac, boolean ta, double[] b, long br, long bc,
                                   boolean tb) {
        long m = ta ? ac : ar;
        long k = ta ? ar : ac;
        long n = tb ? br : bc;
        double[] c = new double[(int) (m * n)];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[(int) (p * ac + i)] : a[(int) (i * ac + p)];
                    double y = tb ? b[(int) (j * bc + p)] : b[(int) (p * bc + j)];
                    s += x * y;
                }
                c[(int) (i * n + j)] = s;
            }
        }
        return c;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void gemmEveryTransposition(DType t) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                double[] a = held(t, random(3, 6 * 4));
                double[] b = held(t, random(4, 4 * 5));
                long[] as = ta ? new long[] {4, 6} : new long[] {6, 4};
                long[] bs = tb ? new long[] {5, 4} : new long[] {4, 5};
                DeviceArray da = array(t, a, as);
                DeviceArray db = array(t, b, bs);
                double[] c0 = held(t, random(5, 30));
                DeviceArray dc = array(t, c0, 6, 5);
                backend().gemm(da, db, dc, ta, tb, 0.5, 2.0);
                double[] ab = matmul(a, as[0], as[1], ta, b, bs[0], bs[1], tb);
                double[] expected = new double[30];
                for (int i = 0; i < 30; i++) {
                    expected[i] = 0.5 * ab[i] + 2.0 * c0[i];
                }
                assertClose(t, expected, host(dc));
            }
        }
    }

    @Test
    void gemmWithZeroBetaDoesNotReadTheOutput() {
        DType t = DType.FLOAT;
        double[] a = held(t, random(6, 12));
        double[] b = held(t, random(7, 12));
        DeviceArray dc = empty(t, 3, 3);
        backend().fill(dc, Double.NaN);
        backend().gemm(array(t, a, 3, 4), array(t, b, 4, 3), dc, false, false, 1.0, 0.0);
        assertClose(t, matmul(a, 3, 4, false, b, 4, 3, false), host(dc));
    }

    @Test
    void gemmReadsAndWritesViews() {
        DType t = DType.DOUBLE;
        double[] a = random(8, 50 * 20);
        double[] b = random(9, 50 * 30);
        double[] ab = matmul(a, 50, 20, true, b, 50, 30, false);
        // into a column block of a wider matrix (a weight gradient's block)
        DeviceArray w = backend().zeros(t, 20, 100);
        owned.add(w);
        DeviceArray block = w.columns(40, 70);
        backend().gemm(array(t, a, 50, 20), array(t, b, 50, 30), block, true, false, 1.0, 0.0);
        assertClose(t, ab, host(block));
        double[] all = host(w);
        double outside = 0;
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 100; j++) {
                if (j < 40 || j >= 70) {
                    outside += Math.abs(all[i * 100 + j]);
                }
            }
        }
        assertThat(outside).isZero();
        backend().gemm(array(t, a, 50, 20), array(t, b, 50, 30), block, true, false, 1.0, 1.0);
        double[] twice = new double[ab.length];
        for (int i = 0; i < ab.length; i++) {
            twice[i] = 2 * ab[i];
        }
        assertClose(t, twice, host(block));
        // into a row range, leaving the next row alone
        DeviceArray full = backend().zeros(t, 21, 30);
        owned.add(full);
        backend().gemm(array(t, a, 50, 20), array(t, b, 50, 30), full.rows(0, 20), true, false, 1.0, 0.0);
        assertClose(t, ab, host(full.rows(0, 20)));
        assertExact(new double[30], host(full.row(20)));
        // operands that are column blocks
        double[] wide = random(10, 6 * 9);
        DeviceArray wideA = array(t, wide, 6, 9);
        double[] sub = new double[6 * 4];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(wide, i * 9 + 3, sub, i * 4, 4);
        }
        double[] rhs = random(11, 4 * 2);
        DeviceArray c = empty(t, 6, 2);
        backend().gemm(wideA.columns(3, 7), array(t, rhs, 4, 2), c, false, false, 1.0, 0.0);
        assertClose(t, matmul(sub, 6, 4, false, rhs, 4, 2, false), host(c));
        DeviceArray c2 = empty(t, 2, 6);
        backend().gemm(array(t, rhs, 4, 2), wideA.columns(3, 7), c2, true, true, 1.0, 0.0);
        assertClose(t, matmul(rhs, 4, 2, true, sub, 6, 4, true), host(c2));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void batchedGemm(DType t) {
        int n = 3;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                double[] a = held(t, random(12, n * 4 * 5));
                double[] b = held(t, random(13, n * 5 * 2));
                DeviceArray da = array(t, a, ta ? new long[] {n, 5, 4} : new long[] {n, 4, 5});
                DeviceArray db = array(t, b, tb ? new long[] {n, 2, 5} : new long[] {n, 5, 2});
                DeviceArray dc = empty(t, n, 4, 2);
                backend().batchedGemm(da, db, dc, ta, tb);
                double[] expected = new double[n * 8];
                for (int i = 0; i < n; i++) {
                    double[] ai = java.util.Arrays.copyOfRange(a, i * 20, (i + 1) * 20);
                    double[] bi = java.util.Arrays.copyOfRange(b, i * 10, (i + 1) * 10);
                    double[] ci = matmul(ai, ta ? 5 : 4, ta ? 4 : 5, ta, bi, tb ? 2 : 5, tb ? 5 : 2, tb);
                    System.arraycopy(ci, 0, expected, i * 8, 8);
                }
                assertClose(t, expected, host(dc));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void axpy(DType t) {
        double[] x = held(t, random(14, 10));
        double[] y = held(t, random(15, 10));
        DeviceArray dy = array(t, y, 2, 5);
        backend().axpy(-0.25, array(t, x, 2, 5), dy);
        double[] expected = new double[10];
        for (int i = 0; i < 10; i++) {
            expected[i] = y[i] - 0.25 * x[i];
        }
        assertClose(t, expected, host(dy));
    }

    // ---- elementwise -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryOpsAreExactInEitherType(BinaryOp op) {
        for (DType t : new DType[] {DType.FLOAT, DType.DOUBLE}) {
            double[] x = held(t, random(16, 12));
            double[] y = held(t, random(17, 12));
            for (int i = 0; i < 12; i++) {
                if (op == BinaryOp.DIVIDE && Math.abs(y[i]) < 0.1) {
                    y[i] = 0.5;
                }
            }
            DeviceArray dx = array(t, x, 3, 4);
            DeviceArray dy = array(t, y, 3, 4);
            DeviceArray out = empty(t, 3, 4);
            backend().binary(op, dx, dy, out);
            double[] expected = new double[12];
            for (int i = 0; i < 12; i++) {
                expected[i] = apply(t, op, x[i], y[i]);
            }
            assertExact(expected, host(out));
            // in place, into either operand
            backend().binary(op, dx, dy, dx);
            assertExact(expected, host(dx));
            DeviceArray dx2 = array(t, x, 3, 4);
            backend().binary(op, dx2, dy, dy);
            assertExact(expected, host(dy));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void binaryOpsBroadcastRowsColumnsAndSlabs(DType t) {
        double[] x = held(t, random(18, 12));
        double[] row = held(t, random(19, 4));
        double[] col = held(t, random(20, 3));
        DeviceArray dx = array(t, x, 3, 4);
        DeviceArray out = empty(t, 3, 4);
        backend().binary(BinaryOp.SUBTRACT, dx, array(t, row, 1, 4), out);
        double[] e1 = new double[12];
        for (int i = 0; i < 12; i++) {
            e1[i] = apply(t, BinaryOp.SUBTRACT, x[i], row[i % 4]);
        }
        assertExact(e1, host(out));
        backend().binary(BinaryOp.DIVIDE, dx, array(t, col, 3, 1), out);
        double[] e2 = new double[12];
        for (int i = 0; i < 12; i++) {
            e2[i] = apply(t, BinaryOp.DIVIDE, x[i], col[i / 4]);
        }
        assertExact(e2, host(out));
        // [B, N, N] divided by [B, 1, N] (column sums of each batch)
        double[] x3 = held(t, random(21, 2 * 3 * 3));
        double[] s3 = held(t, random(22, 2 * 3));
        DeviceArray d3 = array(t, x3, 2, 3, 3);
        backend().binary(BinaryOp.MULTIPLY, d3, array(t, s3, 2, 1, 3), d3);
        double[] e3 = new double[18];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    e3[b * 9 + i * 3 + j] = apply(t, BinaryOp.MULTIPLY, x3[b * 9 + i * 3 + j], s3[b * 3 + j]);
                }
            }
        }
        assertExact(e3, host(d3));
        // a column block as an operand and as the output
        DeviceArray wide = array(t, held(t, random(23, 3 * 6)), 3, 6);
        double[] before = host(wide);
        backend().binary(BinaryOp.ADD, wide.columns(2, 6), dx, wide.columns(2, 6));
        double[] after = host(wide);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 6; j++) {
                double e = j < 2 ? before[i * 6 + j] : apply(t, BinaryOp.ADD, before[i * 6 + j], x[i * 4 + j - 2]);
                assertThat(after[i * 6 + j]).isEqualTo(e);
            }
        }
        assertThatThrownBy(() -> backend().binary(BinaryOp.ADD, dx, array(t, row, 4, 1), out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(ScalarOp.class)
    void scalarOpsRoundTheScalarToTheTypeFirst(ScalarOp op) {
        for (DType t : new DType[] {DType.FLOAT, DType.DOUBLE}) {
            double[] x = held(t, random(24, 10));
            double s = 0.1;
            DeviceArray dx = array(t, x, 2, 5);
            DeviceArray out = empty(t, 2, 5);
            backend().scalar(op, dx, s, out);
            double[] expected = new double[10];
            for (int i = 0; i < 10; i++) {
                double sv = t == DType.FLOAT ? (float) s : s;
                expected[i] = switch (op) {
                    case ADD -> apply(t, BinaryOp.ADD, x[i], sv);
                    case SUBTRACT -> apply(t, BinaryOp.SUBTRACT, x[i], sv);
                    case MULTIPLY -> apply(t, BinaryOp.MULTIPLY, x[i], sv);
                    case DIVIDE -> apply(t, BinaryOp.DIVIDE, x[i], sv);
                    case REVERSE_DIVIDE -> apply(t, BinaryOp.DIVIDE, sv, x[i]);
                };
            }
            assertExact(expected, host(out));
            backend().scalar(op, dx, s, dx);
            assertExact(expected, host(dx));
        }
    }

    @Test
    void unaryOps() {
        DType t = DType.FLOAT;
        double[] x = {-1.5, -3, 0.0, 0.25, 2, 9};
        DeviceArray dx = array(t, x, 6);
        DeviceArray out = empty(t, 6);
        backend().unary(UnaryOp.RELU, dx, out);
        assertThat(host(out)).containsExactly(0, 0, 0, 0.25, 2, 9);
        backend().unary(UnaryOp.STEP, dx, out);
        assertThat(host(out)).containsExactly(0, 0, 0, 1, 1, 1);
        DeviceArray neg = empty(t, 3);
        backend().unary(UnaryOp.NEGATE, array(t, new double[] {-1.5, 3, 0.25}, 3), neg);
        assertThat(host(neg)).containsExactly(1.5, -3, -0.25);
        DeviceArray pos = array(t, new double[] {0, 0.25, 2, 9}, 4);
        backend().unary(UnaryOp.SQRT, pos, pos);
        assertExact(new double[] {0, 0.5, (float) Math.sqrt(2), 3}, host(pos));
        backend().unary(UnaryOp.RELU, dx, dx);
        assertThat(host(dx)).containsExactly(0, 0, 0, 0.25, 2, 9);
    }

    // ---- reductions --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void sums(DType t) {
        double[] x = held(t, random(25, 7 * 5));
        DeviceArray dx = array(t, x, 7, 5);
        DeviceArray cols = empty(t, 1, 5);
        backend().sumColumns(dx, cols);
        double[] ec = new double[5];
        double[] er = new double[7];
        double all = 0;
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                ec[j] += x[i * 5 + j];
                er[i] += x[i * 5 + j];
                all += x[i * 5 + j];
            }
        }
        assertClose(t, ec, host(cols));
        DeviceArray rows = empty(t, 7, 1);
        backend().sumRows(dx, rows);
        assertClose(t, er, host(rows));
        assertThat(backend().sum(dx)).isCloseTo(all, org.assertj.core.data.Offset.offset(1e-5));
        // over axes {0, 2} of [B, H, P] into [1, H]
        double[] y = held(t, random(26, 2 * 3 * 4));
        DeviceArray part = empty(t, 1, 3);
        backend().sum(array(t, y, 2, 3, 4), new int[] {0, 2}, part);
        double[] eh = new double[3];
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 3; h++) {
                for (int p = 0; p < 4; p++) {
                    eh[h] += y[b * 12 + h * 4 + p];
                }
            }
        }
        assertClose(t, eh, host(part));
    }

    // ---- network operations ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void softmaxAndLogSoftmaxAlongTheLastAxis(DType t) {
        double[] x = held(t, random(27, 3 * 5));
        x[0] = 40; // large values must not overflow
        DeviceArray dx = array(t, x, 3, 5);
        DeviceArray sm = empty(t, 3, 5);
        DeviceArray lsm = empty(t, 3, 5);
        backend().softmax(dx, sm);
        backend().logSoftmax(dx, lsm);
        double[] es = new double[15];
        double[] el = new double[15];
        for (int r = 0; r < 3; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 5; j++) {
                m = Math.max(m, x[r * 5 + j]);
            }
            double z = 0;
            for (int j = 0; j < 5; j++) {
                z += Math.exp(x[r * 5 + j] - m);
            }
            for (int j = 0; j < 5; j++) {
                es[r * 5 + j] = Math.exp(x[r * 5 + j] - m) / z;
                el[r * 5 + j] = x[r * 5 + j] - m - Math.log(z);
            }
        }
        assertClose(t, es, host(sm));
        assertClose(t, el, host(lsm));
        backend().softmax(dx, dx);
        assertClose(t, es, host(dx));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void batchNormNormalisesEveryChannel(DType t) {
        double[] x = held(t, random(28, 6 * 4));
        double[] mean = held(t, random(29, 4));
        double[] var = held(t, new double[] {0.5, 1, 2, 0.1});
        double[] g = held(t, random(30, 4));
        double[] b = held(t, random(31, 4));
        DeviceArray dx = array(t, x, 6, 4);
        DeviceArray out = empty(t, 6, 4);
        backend().batchNorm(dx, array(t, mean, 1, 4), array(t, var, 1, 4), array(t, g, 1, 4), array(t, b, 1, 4),
                1e-5, out);
        double[] e = new double[24];
        for (int i = 0; i < 24; i++) {
            int c = i % 4;
            e[i] = (x[i] - mean[c]) / Math.sqrt(var[c] + 1e-5) * g[c] + b[c];
        }
        assertClose(t, e, host(out));
        backend().batchNorm(dx, array(t, mean, 1, 4), array(t, var, 1, 4), array(t, g, 1, 4), array(t, b, 1, 4),
                1e-5, dx);
        assertClose(t, e, host(dx));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void groupPoolingAndItsBackward(DType t) {
        int g = 3;
        int k = 4;
        int c = 2;
        double[] x = held(t, random(32, g * k * c));
        // a tie inside group 1, channel 0: rows 1 and 3 of the group hold its maximum
        x[(k + 1) * c] = 5;
        x[(k + 3) * c] = 5;
        DeviceArray dx = array(t, x, (long) g * k, c);
        DeviceArray mx = empty(t, g, c);
        DeviceArray mean = empty(t, g, c);
        backend().maxOverGroups(dx, k, mx);
        backend().meanOverGroups(dx, k, mean);
        double[] em = new double[g * c];
        double[] ea = new double[g * c];
        int[] arg = new int[g * c];
        for (int gi = 0; gi < g; gi++) {
            for (int ci = 0; ci < c; ci++) {
                double m = Double.NEGATIVE_INFINITY;
                double s = 0;
                for (int j = 0; j < k; j++) {
                    double v = x[(gi * k + j) * c + ci];
                    if (v > m) {
                        m = v;
                        arg[gi * c + ci] = j;
                    }
                    s += v;
                }
                em[gi * c + ci] = m;
                ea[gi * c + ci] = s / k;
            }
        }
        assertExact(em, host(mx));
        assertClose(t, ea, host(mean));
        double[] d = held(t, random(33, g * c));
        DeviceArray grad = empty(t, (long) g * k, c);
        backend().fill(grad, Double.NaN);
        backend().maxOverGroupsBackward(dx, array(t, d, g, c), k, grad);
        double[] eg = new double[g * k * c];
        for (int gi = 0; gi < g; gi++) {
            for (int ci = 0; ci < c; ci++) {
                eg[(gi * k + arg[gi * c + ci]) * c + ci] = d[gi * c + ci];
            }
        }
        assertExact(eg, host(grad));
        assertThat(arg[c]).as("the tie goes to the first row").isEqualTo(1);
        // per-group addition
        double[] per = held(t, random(34, g * c));
        backend().addToGroups(dx, array(t, per, g, c), k);
        double[] after = host(dx);
        for (int gi = 0; gi < g; gi++) {
            for (int j = 0; j < k; j++) {
                for (int ci = 0; ci < c; ci++) {
                    int i = (gi * k + j) * c + ci;
                    assertThat(after[i]).isEqualTo(apply(t, BinaryOp.ADD, x[i], per[gi * c + ci]));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT", "DOUBLE"})
    void gatherAndScatterAddWithRepeatedIndices(DType t) {
        int rows = 6;
        int c = 3;
        double[] table = held(t, random(35, rows * c));
        int[] idx = {5, 0, 5, 2, 2, 2, 0};
        DeviceArray di = empty(DType.INT, idx.length);
        backend().upload(idx, di);
        DeviceArray out = empty(t, idx.length, c);
        backend().gatherRows(array(t, table, rows, c), di, out);
        double[] eg = new double[idx.length * c];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(table, idx[i] * c, eg, i * c, c);
        }
        assertExact(eg, host(out));
        double[] src = held(t, random(36, idx.length * c));
        DeviceArray sum = empty(t, rows, c);
        backend().fill(sum, 42);
        backend().scatterAddRows(array(t, src, idx.length, c), di, sum);
        double[] es = new double[rows * c];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < c; j++) {
                es[idx[i] * c + j] += src[i * c + j];
            }
        }
        double[] got = host(sum);
        assertClose(t, es, got);
        assertThat(new double[] {got[3], got[4], got[5], got[9], got[10], got[11]})
                .as("rows no index names are zero").containsOnly(0.0);
        // deterministic: the same bits again
        DeviceArray again = empty(t, rows, c);
        backend().scatterAddRows(array(t, src, idx.length, c), di, again);
        assertExact(got, host(again));
    }

    @Test
    void permuteMovesAxes() {
        DType t = DType.DOUBLE;
        int b = 2;
        int n = 3;
        int h = 2;
        int d = 2;
        double[] x = random(37, b * n * h * d);
        DeviceArray out = empty(t, b, h, n, d);
        backend().permute(array(t, x, b, n, h, d), new int[] {0, 2, 1, 3}, out);
        double[] got = host(out);
        for (int bi = 0; bi < b; bi++) {
            for (int ni = 0; ni < n; ni++) {
                for (int hi = 0; hi < h; hi++) {
                    for (int di = 0; di < d; di++) {
                        assertThat(got[((bi * h + hi) * n + ni) * d + di])
                                .isEqualTo(x[((bi * n + ni) * h + hi) * d + di]);
                    }
                }
            }
        }
    }

    // ---- randomness --------------------------------------------------------------------------------

    @Test
    void bernoulliIsAFunctionOfTheSeed() {
        DType t = DType.FLOAT;
        try (DeviceRandom r1 = backend().random(7); DeviceRandom r2 = backend().random(8)) {
            DeviceArray a = empty(t, 1000);
            DeviceArray b = empty(t, 1000);
            backend().bernoulli(r1, 0.75, a);
            r2.setSeed(7);
            backend().bernoulli(r2, 0.75, b);
            double[] va = host(a);
            assertExact(va, host(b));
            double ones = 0;
            for (double v : va) {
                assertThat(v).isIn(0.0, 1.0);
                ones += v;
            }
            assertThat(ones / 1000).isBetween(0.70, 0.80);
            backend().bernoulli(r1, 0.75, b);
            assertThat(host(b)).isNotEqualTo(va);
            r1.setSeed(9);
            backend().bernoulli(r1, 0.0, a);
            assertThat(host(a)).containsOnly(0.0);
            backend().bernoulli(r1, 1.0, a);
            assertThat(host(a)).containsOnly(1.0);
        }
    }

    // ---- runtime -----------------------------------------------------------------------------------

    @Test
    void threadCountIsSettable() {
        int before = backend().threads();
        try {
            backend().setThreads(1);
            assertThat(backend().threads()).isEqualTo(1);
        } finally {
            backend().setThreads(before);
        }
        assertThat(backend().threads()).isEqualTo(before);
    }
}

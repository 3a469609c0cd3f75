package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.testing.Host;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.testing.GradCheck;

class LocalOpTest {
    static final int B = 2;
    static final int N = 7;
    static final int S = 3;
    static final int K = 4;
    static final int CIN = 3;
    static final int COUT = 5;

    /** Centres and neighbours (global rows) with repeated neighbours inside and across groups. */
    static Neighborhoods neighbourhoods() {
        Random rnd = new Random(11);
        int[] centres = new int[B * S];
        int[] nbr = new int[B * S * K];
        for (int b = 0; b < B; b++) {
            for (int s = 0; s < S; s++) {
                centres[b * S + s] = b * N + s * 2;
                for (int j = 0; j < K; j++) {
                    nbr[(b * S + s) * K + j] = b * N + rnd.nextInt(4); // few distinct points -> repeats
                }
                nbr[(b * S + s) * K] = centres[b * S + s];
            }
        }
        return new Neighborhoods(centres, nbr, K, B * N);
    }

    @Test
    void gradientCheckWithRepeatedNeighbours() {
        gradientCheck();
    }

    @Test
    void gradientCheckWithTheScatterPlan() {
        ScatterPlan.Mode before = ScatterPlan.mode();
        ScatterPlan.setMode(ScatterPlan.Mode.PLAN);
        try {
            gradientCheck();
        } finally {
            ScatterPlan.setMode(before);
        }
    }

    private void gradientCheck() {
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        BufferRegistry buffers = new BufferRegistry(Backends.cpu());
        LocalOp op = new LocalOp(ps, buffers, "g", CIN, COUT);
        ps.initialise(1);
        Host.set(ps.param("g.bn2.weight").value(), 1, -0.7); // exercise the negative-scale (min) branch
        Host.set(ps.param("g.bn1.weight").value(), 2, 1.3);
        Neighborhoods nb = neighbourhoods().prepare();
        DeviceArray x = GradCheck.randn(Backends.cpu(), 5, B * N, CIN);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> op.forward(x, nb, true),
                d -> new DeviceArray[] {op.backward(d)}, 7);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.checked()).isEqualTo(ps.count() + x.length());
    }

    @Test
    void forwardEqualsExplicitGroupingInTrainingAndInference() {
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        LocalOp op = new LocalOp(ps, new BufferRegistry(Backends.cpu()), "g", CIN, COUT);
        ps.initialise(2);
        Host.set(ps.param("g.bn2.weight").value(), 0, -1.5);
        Host.set(ps.param("g.bn1.bias").value(), 3, 0.4);
        Neighborhoods nb = neighbourhoods();
        DeviceArray x = GradCheck.randn(Backends.cpu(), 9, B * N, CIN);
        double[][] xs = Host.matrix(x);
        double[][] w1 = Host.matrix(ps.param("g.conv1.weight").value());
        double[][] w2 = Host.matrix(ps.param("g.conv2.weight").value());
        int[] c = nb.centres();
        int[] n = nb.neighbours();
        int rows = B * S * K;
        double[][] y1 = new double[rows][COUT];
        for (int g = 0; g < B * S; g++) {
            for (int j = 0; j < K; j++) {
                double[] grp = new double[2 * CIN];
                for (int i = 0; i < CIN; i++) {
                    grp[i] = xs[n[g * K + j]][i] - xs[c[g]][i];
                    grp[CIN + i] = xs[c[g]][i];
                }
                y1[g * K + j] = matvec(w1, grp);
            }
        }
        double[][] bn1w = Host.matrix(ps.param("g.bn1.weight").value());
        double[][] bn1b = Host.matrix(ps.param("g.bn1.bias").value());
        double[][] h1 = relu(batchNorm(y1, bn1w[0], bn1b[0]));
        double[][] y2 = new double[rows][];
        for (int r = 0; r < rows; r++) {
            y2[r] = matvec(w2, h1[r]);
        }
        double[][] z2 = relu(batchNorm(y2, Host.matrix(ps.param("g.bn2.weight").value())[0],
                Host.matrix(ps.param("g.bn2.bias").value())[0]));
        double[][] out = Host.matrix(op.forward(x, nb, true));
        for (int g = 0; g < B * S; g++) {
            for (int o = 0; o < COUT; o++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < K; j++) {
                    m = Math.max(m, z2[g * K + j][o]);
                }
                assertThat(out[g][o]).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-10));
            }
        }
        // inference with running statistics = (after one step from 0/1) 0.9·init + 0.1·batch
        DeviceArray eval = op.forward(x, nb, false);
        assertThat(eval.shape()).containsExactly((long) B * S, (long) COUT);
        assertThat(Host.get(ps.states().get("g.bn1.running_mean"), 0)).isNotZero();
    }

    static double[] matvec(double[][] w, double[] v) {
        double[] o = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < v.length; j++) {
                o[i] += w[i][j] * v[j];
            }
        }
        return o;
    }

    static double[][] batchNorm(double[][] y, double[] g, double[] b) {
        int rows = y.length;
        int ch = y[0].length;
        double[][] out = new double[rows][ch];
        for (int c = 0; c < ch; c++) {
            double m = 0;
            for (double[] row : y) {
                m += row[c];
            }
            m /= rows;
            double v = 0;
            for (double[] row : y) {
                v += (row[c] - m) * (row[c] - m);
            }
            v /= rows;
            for (int r = 0; r < rows; r++) {
                out[r][c] = (y[r][c] - m) / Math.sqrt(v + BatchNorm.EPS) * g[c] + b[c];
            }
        }
        return out;
    }

    static double[][] relu(double[][] y) {
        double[][] o = new double[y.length][];
        for (int r = 0; r < y.length; r++) {
            o[r] = y[r].clone();
            for (int c = 0; c < o[r].length; c++) {
                o[r][c] = Math.max(0, o[r][c]);
            }
        }
        return o;
    }
}

package org.pointea.models.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/** Assertions shared by the PyTorch parity tests; prints the measured differences. */
public final class Parity {
    /** Largest accepted forward difference in float32 (the bound). */
    public static final double FORWARD_TOL = 1e-4;
    /** Relative tolerance of float32 gradient sums against PyTorch float64 (PyTorch float32 itself is off by up to 4.6e-3 on the light classifier). */
    public static final double GRAD_REL = 1e-2;

    private Parity() {
    }

    /** Asserts max |expected − actual| ≤ {@link #FORWARD_TOL} and returns it. */
    public static double forward(String what, float[] expected, DeviceArray actual) {
        double d = ParityFixture.maxAbsDiff(expected, actual);
        System.out.printf("parity %-40s max|diff| = %.3g%n", what, d);
        assertThat(d).as(what + " max abs diff").isLessThanOrEqualTo(FORWARD_TOL);
        return d;
    }

    /**
     * Compares every parameter gradient's sum and absolute sum with PyTorch's
     * ({@code train_grad_stats}, in the fixture's parameter order). Returns the worst relative error.
     */
    public static double gradients(String what, ParityFixture fx, ParamStore ps, String prefix) {
        return gradients(what, fx, ps, prefix, "train_grad_stats", GRAD_REL);
    }

    /**
     * Compares gradient sums and absolute sums with the named statistics array ({@code sum, |sum|}
     * per tensor, fixture order) up to relative error {@code tol}.
     */
    public static double gradients(String what, ParityFixture fx, ParamStore ps, String prefix, String key,
                                   double tol) {
        double[] stats = fx.doublesOrFloats(key);
        // tensors whose true gradient vanishes by symmetry (a bias followed by a normalisation that
        // removes constants) hold only float noise; measure them against the typical tensor
        double typical = 0;
        for (int j = 0; j < stats.length / 2; j++) {
            typical += stats[2 * j + 1];
        }
        typical /= Math.max(1, stats.length / 2);
        int i = 0;
        double worst = 0;
        for (JsonNode p : fx.meta().get("params")) {
            Param param = ps.param(prefix + p.get("name").asText());
            double sum = 0;
            double abs = 0;
            for (double g : ps.backend().toDoubleArray(param.grad())) {
                sum += g;
                abs += Math.abs(g);
            }
            double eSum = stats[2 * i];
            double eAbs = stats[2 * i + 1];
            double scale = Math.max(eAbs, 0.05 * typical);
            double err = Math.max(Math.abs(sum - eSum), Math.abs(abs - eAbs)) / scale;
            worst = Math.max(worst, err);
            assertThat(err).as(what + " gradient of " + param.name() + ": sum " + sum + " vs " + eSum
                    + ", |sum| " + abs + " vs " + eAbs).isLessThanOrEqualTo(tol);
            i++;
        }
        System.out.printf("parity %-40s worst gradient rel err = %.3g over %d tensors (vs %s)%n", what, worst, i,
                key);
        return worst;
    }
}

package org.pointea.models.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * Central finite-difference gradient check in double precision. The scalar checked is
 * {@code L = Σ out ⊙ R} for a fixed random {@code R}, so {@code dL/dout = R}.
 */
public final class GradCheck {
    /** Step of the central difference. */
    public static final double EPS = 1e-6;
    /** Largest accepted relative error. */
    public static final double MAX_REL = 1e-5;
    /** Differences below this are accepted whatever the relative error. */
    public static final double MIN_ABS = 1e-8;

    private GradCheck() {
    }

    /** Outcome of a check. */
    public record Result(int checked, int failed, double maxRelError, List<String> failures) {
        /** True when every entry passed. */
        public boolean passed() {
            return failed == 0;
        }

        @Override
        public String toString() {
            return "checked=" + checked + " failed=" + failed + " maxRel=" + maxRelError
                    + (failures.isEmpty() ? "" : " e.g. " + failures.subList(0, Math.min(5, failures.size())));
        }
    }

    /**
     * Checks all parameters of {@code ps} and every element of {@code inputs}.
     *
     * @param forward  runs the training forward pass and returns its output
     * @param backward given {@code dL/dout} (may be consumed), writes parameter gradients and
     *                 returns the gradients w.r.t. {@code inputs}, in order
     */
    public static Result check(ParamStore ps, List<DeviceArray> inputs, Supplier<DeviceArray> forward,
                               Function<DeviceArray, DeviceArray[]> backward, long seed) {
        return check(ps, inputs, forward, backward, seed, Integer.MAX_VALUE);
    }

    /**
     * As {@link #check(ParamStore, List, Supplier, Function, long)}, checking at most
     * {@code maxPerTensor} randomly chosen entries of each tensor (all of the smaller ones).
     */
    public static Result check(ParamStore ps, List<DeviceArray> inputs, Supplier<DeviceArray> forward,
                               Function<DeviceArray, DeviceArray[]> backward, long seed, int maxPerTensor) {
        return check(ps, inputs, forward, backward, seed, maxPerTensor, MAX_REL, MIN_ABS);
    }

    /**
     * The general form: at most {@code maxPerTensor} entries per tensor, relative tolerance
     * {@code maxRel}, absolute floor {@code minAbs}. Whole networks use looser bounds than single
     * layers: their central differences cross ReLU / max-pooling kinks more often and the loss they
     * difference is larger (more round-off).
     */
    public static Result check(ParamStore ps, List<DeviceArray> inputs, Supplier<DeviceArray> forward,
                               Function<DeviceArray, DeviceArray[]> backward, long seed, int maxPerTensor,
                               double maxRel, double minAbs) {
        if (ps.dtype() != DType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need DOUBLE");
        }
        Backend be = ps.backend();
        DeviceArray out = forward.get();
        Random rnd = new Random(seed);
        double[] r = new double[(int) out.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = rnd.nextGaussian();
        }
        DeviceArray rDevice = be.allocate(DType.DOUBLE, out.shape());
        be.upload(r, rDevice);
        DeviceArray[] inGrads = backward.apply(rDevice);
        List<double[]> analytic = new ArrayList<>();
        List<DeviceArray> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Param p : ps.params()) {
            analytic.add(be.toDoubleArray(p.grad()));
            targets.add(p.value());
            names.add(p.name());
        }
        for (int i = 0; i < inputs.size(); i++) {
            analytic.add(be.toDoubleArray(inGrads[i]));
            targets.add(inputs.get(i));
            names.add("input" + i);
        }
        rDevice.close();
        int checked = 0;
        int failed = 0;
        double worst = 0;
        List<String> failures = new ArrayList<>();
        Random pick = new Random(seed + 1);
        for (int t = 0; t < targets.size(); t++) {
            DeviceArray v = targets.get(t);
            double[] g = analytic.get(t);
            double[] values = be.toDoubleArray(v);
            long len = values.length;
            long[] entries;
            if (len <= maxPerTensor) {
                entries = java.util.stream.LongStream.range(0, len).toArray();
            } else {
                entries = pick.longs(maxPerTensor, 0, len).toArray();
            }
            for (long li : entries) {
                int i = (int) li;
                double orig = values[i];
                values[i] = orig + EPS;
                be.upload(values, v);
                double lp = dot(be.toDoubleArray(forward.get()), r);
                values[i] = orig - EPS;
                be.upload(values, v);
                double lm = dot(be.toDoubleArray(forward.get()), r);
                values[i] = orig;
                be.upload(values, v);
                double num = (lp - lm) / (2 * EPS);
                double ana = g[i];
                double abs = Math.abs(num - ana);
                double rel = abs == 0 ? 0 : abs / Math.max(Math.abs(num), Math.abs(ana));
                checked++;
                if (rel > maxRel && abs > minAbs) {
                    failed++;
                    if (failures.size() < 20) {
                        failures.add(names.get(t) + "[" + i + "] analytic=" + ana + " numeric=" + num);
                    }
                }
                if (abs > minAbs) {
                    worst = Math.max(worst, rel);
                }
            }
        }
        return new Result(checked, failed, worst, failures);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** A double array of the given shape with standard-normal entries, on {@code be}. */
    public static DeviceArray randn(Backend be, long seed, long... shape) {
        Random rnd = new Random(seed);
        DeviceArray a = be.allocate(DType.DOUBLE, shape);
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        be.upload(v, a);
        return a;
    }
}

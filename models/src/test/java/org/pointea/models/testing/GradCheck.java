package org.pointea.models.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    public static Result check(ParamStore ps, List<INDArray> inputs, Supplier<INDArray> forward,
                               Function<INDArray, INDArray[]> backward, long seed) {
        return check(ps, inputs, forward, backward, seed, Integer.MAX_VALUE);
    }

    /**
     * As {@link #check(ParamStore, List, Supplier, Function, long)}, checking at most
     * {@code maxPerTensor} randomly chosen entries of each tensor (all of the smaller ones).
     */
    public static Result check(ParamStore ps, List<INDArray> inputs, Supplier<INDArray> forward,
                               Function<INDArray, INDArray[]> backward, long seed, int maxPerTensor) {
        return check(ps, inputs, forward, backward, seed, maxPerTensor, MAX_REL, MIN_ABS);
    }

    /**
     * The general form: at most {@code maxPerTensor} entries per tensor, relative tolerance
     * {@code maxRel}, absolute floor {@code minAbs}. Whole networks use looser bounds than single
     * layers: their central differences cross ReLU / max-pooling kinks more often and the loss they
     * difference is larger (more round-off).
     */
    public static Result check(ParamStore ps, List<INDArray> inputs, Supplier<INDArray> forward,
                               Function<INDArray, INDArray[]> backward, long seed, int maxPerTensor,
                               double maxRel, double minAbs) {
        if (ps.dtype() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need DOUBLE");
        }
        INDArray out = forward.get();
        Random rnd = new Random(seed);
        INDArray r = Nd4j.create(DataType.DOUBLE, out.shape());
        for (long i = 0; i < r.length(); i++) {
            r.putScalar(i, rnd.nextGaussian());
        }
        INDArray[] inGrads = backward.apply(r.dup());
        List<INDArray> analytic = new ArrayList<>();
        List<INDArray> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Param p : ps.params()) {
            analytic.add(p.grad().dup());
            targets.add(p.value());
            names.add(p.name());
        }
        for (int i = 0; i < inputs.size(); i++) {
            analytic.add(inGrads[i].dup());
            targets.add(inputs.get(i));
            names.add("input" + i);
        }
        int checked = 0;
        int failed = 0;
        double worst = 0;
        List<String> failures = new ArrayList<>();
        Random pick = new Random(seed + 1);
        for (int t = 0; t < targets.size(); t++) {
            INDArray v = targets.get(t);
            INDArray g = analytic.get(t);
            long len = v.length();
            long[] entries;
            if (len <= maxPerTensor) {
                entries = java.util.stream.LongStream.range(0, len).toArray();
            } else {
                entries = pick.longs(maxPerTensor, 0, len).toArray();
            }
            for (long i : entries) {
                double orig = v.getDouble(i);
                v.putScalar(i, orig + EPS);
                double lp = forward.get().mul(r).sumNumber().doubleValue();
                v.putScalar(i, orig - EPS);
                double lm = forward.get().mul(r).sumNumber().doubleValue();
                v.putScalar(i, orig);
                double num = (lp - lm) / (2 * EPS);
                double ana = g.getDouble(i);
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

    /** A double array of the given shape with standard-normal entries. */
    public static INDArray randn(long seed, long... shape) {
        Random rnd = new Random(seed);
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rnd.nextGaussian());
        }
        return a;
    }
}

package org.pointea.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the rows of {@code [rows, channels]} activations (PyTorch's
 * {@code BatchNorm1d} semantics: eps 1e-5, momentum 0.1, biased variance for normalising, unbiased
 * for the running estimate). It is a building block of the fused layers, not a module of its own:
 * the owner supplies the input and a scratch array, and the backward pass writes {@code dx} into the
 * incoming gradient's buffer.
 *
 * <p>The libnd4j {@code batchnorm_bp} op is 10–30× slower than this formulation (column sums as
 * GEMVs and row-broadcast passes), and the forward normalisation uses the {@code batchnorm} op on
 * an NHWC view, which is one fused pass (see {@code docs/engine.md}).
 */
public final class BatchNorm {
    /** Added to the variance. */
    public static final double EPS = 1e-5;
    /** Weight of the current batch in the running statistics. */
    public static final double MOMENTUM = 0.1;

    private final Param gamma;
    private final Param beta;
    private final INDArray runMean;
    private final INDArray runVar;
    private final int channels;
    private final DataType dt;
    // per-channel [1, C] working vectors
    private final INDArray mean;
    private final INDArray var;
    private final INDArray inv;
    private final INDArray scale;
    private final INDArray tmp;
    private final INDArray tmp2;
    private long rows;

    /** Registers {@code name.weight}, {@code name.bias}, {@code name.running_mean}, {@code name.running_var}. */
    public BatchNorm(ParamStore ps, String name, int channels) {
        this.channels = channels;
        this.dt = ps.dtype();
        this.gamma = ps.add(name + ".weight", new Param.Constant(1.0), 1, channels);
        this.beta = ps.add(name + ".bias", new Param.Constant(0.0), 1, channels);
        this.runMean = ps.state(name + ".running_mean", 0.0, 1, channels);
        this.runVar = ps.state(name + ".running_var", 1.0, 1, channels);
        this.mean = Nd4j.zeros(dt, 1, channels);
        this.var = Nd4j.zeros(dt, 1, channels);
        this.inv = Nd4j.zeros(dt, 1, channels);
        this.scale = Nd4j.zeros(dt, 1, channels);
        this.tmp = Nd4j.zeros(dt, 1, channels);
        this.tmp2 = Nd4j.zeros(dt, 1, channels);
    }

    /** Number of channels. */
    public int channels() {
        return channels;
    }

    /** The scale parameter γ. */
    public Param gamma() {
        return gamma;
    }

    /** The shift parameter β. */
    public Param beta() {
        return beta;
    }

    /**
     * Computes batch statistics of {@code x[R, C]} (two-pass: mean, then mean squared deviation)
     * and updates the running estimates. {@code scratch} is {@code [R, C]}.
     */
    public void trainStatistics(INDArray x, INDArray scratch) {
        rows = x.rows();
        Ops.columnSums(x, mean);
        mean.divi(rows);
        Ops.squaredDifference(x, mean, scratch);
        Ops.columnSums(scratch, var);
        var.divi(rows);
        finishCoefficients();
        runMean.muli(1 - MOMENTUM).addi(tmp.assign(mean).muli(MOMENTUM));
        double unbias = rows > 1 ? (double) rows / (rows - 1) : 1.0;
        runVar.muli(1 - MOMENTUM).addi(tmp.assign(var).muli(MOMENTUM * unbias));
    }

    /** Uses the running statistics (inference). */
    public void evalStatistics() {
        mean.assign(runMean);
        var.assign(runVar);
        finishCoefficients();
    }

    private void finishCoefficients() {
        inv.assign(var).addi(EPS);
        Transforms.sqrt(inv, false);
        inv.rdivi(1.0);
        scale.assign(gamma.value()).muli(inv);
    }

    /** {@code 1/sqrt(var + eps)} of the current statistics, {@code [1, C]}. */
    public INDArray invStd() {
        return inv;
    }

    /** Mean of the current statistics, {@code [1, C]}. */
    public INDArray mean() {
        return mean;
    }

    /** Variance of the current statistics, {@code [1, C]}. */
    public INDArray variance() {
        return var;
    }

    /** {@code out = (x - mean) / sqrt(var + eps) * g + b}, one fused pass (out may be x). */
    public static void normalise(INDArray x, INDArray mean, INDArray var, INDArray g, INDArray b, INDArray out) {
        long r = x.rows();
        long c = x.columns();
        Ops.exec("batchnorm",
                new INDArray[] {x.reshape(1, r, 1, c), mean.reshape(c), var.reshape(c), g.reshape(c), b.reshape(c)},
                new INDArray[] {out.reshape(1, r, 1, c)}, new long[] {1, 1, 3}, new double[] {EPS});
    }

    /** {@code out = γ (x - mean) / sqrt(var + eps) + β} with the current statistics (out may be x). */
    public void apply(INDArray x, INDArray out) {
        normalise(x, mean, var, gamma.value(), beta.value(), out);
    }

    /**
     * Backward pass. {@code dz} is the gradient with respect to the output and is overwritten with
     * the gradient with respect to {@code x}; γ and β gradients are written. {@code scratch} is
     * {@code [R, C]}.
     */
    public void backward(INDArray dz, INDArray x, INDArray scratch) {
        INDArray sumDz = beta.grad();
        Ops.columnSums(dz, sumDz);
        Ops.mul(dz, x, scratch);
        INDArray dGamma = gamma.grad();
        Ops.columnSums(scratch, dGamma);
        // dγ = inv * (Σ dz·x − μ Σ dz)
        dGamma.subi(tmp.assign(mean).muli(sumDz)).muli(inv);
        // dx = a·dz + [(x − μ)·inv·g' + b'] with g' = −a·dγ/R, b' = −a·Σdz/R  (a = γ·inv)
        INDArray gPrime = tmp.assign(scale).muli(dGamma).divi(-rows);
        INDArray bPrime = tmp2.assign(scale).muli(sumDz).divi(-rows);
        normalise(x, mean, var, gPrime, bPrime, scratch);
        dz.muliRowVector(scale);
        dz.addi(scratch);
    }

    void setRows(long rows) {
        this.rows = rows;
    }

    long rows() {
        return rows;
    }

    INDArray scaleVector() {
        return scale;
    }

    DataType dtype() {
        return dt;
    }
}

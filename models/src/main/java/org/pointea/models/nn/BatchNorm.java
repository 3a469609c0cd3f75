package org.pointea.models.nn;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;
import org.pointea.models.backend.UnaryOp;

/**
 * Batch normalisation over the rows of {@code [rows, channels]} activations (PyTorch's
 * {@code BatchNorm1d} semantics: eps 1e-5, momentum 0.1, biased variance for normalising, unbiased
 * for the running estimate). It is a building block of the fused layers, not a module of its own:
 * the owner supplies the input and a scratch array, and the backward pass writes {@code dx} into the
 * incoming gradient's buffer.
 *
 * <p>In data-parallel training the statistics can span every worker's rows: with a
 * {@link BatchNormSync} installed in the {@link ParamStore}, the forward pass combines the workers'
 * moments and the backward pass sums the input gradient's two reductions over the workers
 * ({@link #shareBackwardSums}); without one (the default) each process normalises over its own rows.
 *
 * <p>Statistics are column sums (GEMVs on the CPU backend), the normalisation is the backend's
 * fused {@link Backend#batchNorm} pass, and the backward is written out by hand: libnd4j's
 * {@code batchnorm_bp} is 13× slower than this formulation ({@code docs/engine.md}).
 */
public final class BatchNorm {
    /** Added to the variance. */
    public static final double EPS = 1e-5;
    /** Weight of the current batch in the running statistics. */
    public static final double MOMENTUM = 0.1;

    private final Backend be;
    private final ParamStore ps;
    private final Param gamma;
    private final Param beta;
    private final DeviceArray runMean;
    private final DeviceArray runVar;
    private final int channels;
    // per-channel [1, C] working vectors
    private final DeviceArray mean;
    private final DeviceArray var;
    private final DeviceArray inv;
    private final DeviceArray scale;
    private final DeviceArray tmp;
    private final DeviceArray tmp2;
    private long rows;

    /** Registers {@code name.weight}, {@code name.bias}, {@code name.running_mean}, {@code name.running_var}. */
    public BatchNorm(ParamStore ps, BufferRegistry buffers, String name, int channels) {
        this.be = ps.backend();
        this.ps = ps;
        this.channels = channels;
        DType dt = ps.dtype();
        this.gamma = ps.add(name + ".weight", new Param.Constant(1.0), 1, channels);
        this.beta = ps.add(name + ".bias", new Param.Constant(0.0), 1, channels);
        this.runMean = ps.state(name + ".running_mean", 0.0, 1, channels);
        this.runVar = ps.state(name + ".running_var", 1.0, 1, channels);
        this.mean = buffers.buffer(name + ".mean").zeros(dt, 1, channels);
        this.var = buffers.buffer(name + ".var").zeros(dt, 1, channels);
        this.inv = buffers.buffer(name + ".inv").zeros(dt, 1, channels);
        this.scale = buffers.buffer(name + ".scale").zeros(dt, 1, channels);
        this.tmp = buffers.buffer(name + ".tmp").zeros(dt, 1, channels);
        this.tmp2 = buffers.buffer(name + ".tmp2").zeros(dt, 1, channels);
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
     * Computes batch statistics of {@code x[R, C]} (two-pass: mean, then mean squared deviation;
     * combined with the other workers' when a {@link BatchNormSync} is installed) and updates the
     * running estimates. {@code scratch} is {@code [R, C]}.
     */
    public void trainStatistics(DeviceArray x, DeviceArray scratch) {
        rows = x.rows();
        be.sumColumns(x, mean);
        be.scalar(ScalarOp.DIVIDE, mean, rows, mean);
        be.binary(BinaryOp.SQUARED_DIFFERENCE, x, mean, scratch);
        be.sumColumns(scratch, var);
        be.scalar(ScalarOp.DIVIDE, var, rows, var);
        BatchNormSync sync = ps.batchNormSync();
        if (sync != null) {
            rows = shareMoments(sync);
        }
        finishCoefficients();
        blend(runMean, mean, MOMENTUM);
        double unbias = rows > 1 ? (double) rows / (rows - 1) : 1.0;
        blend(runVar, var, MOMENTUM * unbias);
    }

    /**
     * Replaces this worker's mean and (biased) variance by those of all workers' rows together
     * (Chan et al.'s pairwise combination, in worker order, in double) and returns the total rows.
     */
    private long shareMoments(BatchNormSync sync) {
        double[] local = new double[1 + 2 * channels];
        local[0] = rows;
        System.arraycopy(be.toDoubleArray(mean), 0, local, 1, channels);
        System.arraycopy(be.toDoubleArray(var), 0, local, 1 + channels, channels);
        double[][] all = gather(sync, local);
        double total = 0;
        for (double[] w : all) {
            total += w[0];
        }
        double[] mu = new double[channels];
        double[] sigma2 = new double[channels];
        for (int c = 0; c < channels; c++) {
            double m = 0;
            for (double[] w : all) {
                m += w[0] * w[1 + c];
            }
            m /= total;
            double m2 = 0;
            for (double[] w : all) {
                double d = w[1 + c] - m;
                m2 += w[0] * (w[1 + channels + c] + d * d);
            }
            mu[c] = m;
            sigma2[c] = m2 / total;
        }
        be.upload(mu, mean);
        be.upload(sigma2, var);
        return (long) total;
    }

    /** Gathers one vector per worker and checks that every worker sent this layer's layout. */
    private double[][] gather(BatchNormSync sync, double[] local) {
        double[][] all = sync.allGather(local);
        if (all == null || all.length == 0) {
            throw new IllegalStateException("batch-norm sync returned no vectors");
        }
        for (double[] w : all) {
            if (w == null || w.length != local.length) {
                throw new IllegalStateException("batch-norm sync: a worker sent " + (w == null ? "nothing"
                        : w.length + " values") + " where this layer has " + local.length
                        + "; the workers' networks differ or their calls are out of step");
            }
        }
        return all;
    }

    /**
     * The rows the current training statistics were computed over: this process's, or every
     * worker's together when they are synchronised (the divisor of the backward pass).
     */
    public long statisticsRows() {
        return rows;
    }

    /**
     * For layers that fuse this batch norm's backward pass: replaces the two per-channel
     * {@code [1, C]} reductions over the rows ({@code Σ dz} and {@code Σ dz·x̂}, or anything linear
     * in the rows) by their sums over all workers when the statistics are synchronised, and leaves
     * them alone otherwise. Divide by {@link #statisticsRows()} afterwards.
     *
     * @param a the first reduction, replaced in place
     * @param b the second reduction, replaced in place
     */
    public void shareBackwardSums(DeviceArray a, DeviceArray b) {
        BatchNormSync sync = ps.batchNormSync();
        if (sync == null) {
            return;
        }
        double[] local = new double[2 * channels];
        System.arraycopy(be.toDoubleArray(a), 0, local, 0, channels);
        System.arraycopy(be.toDoubleArray(b), 0, local, channels, channels);
        double[][] all = gather(sync, local);
        double[] sa = new double[channels];
        double[] sb = new double[channels];
        for (double[] w : all) {
            for (int c = 0; c < channels; c++) {
                sa[c] += w[c];
                sb[c] += w[channels + c];
            }
        }
        be.upload(sa, a);
        be.upload(sb, b);
    }

    /** {@code running = running · (1 − momentum) + batch · weight}. */
    private void blend(DeviceArray running, DeviceArray batch, double weight) {
        be.scalar(ScalarOp.MULTIPLY, running, 1 - MOMENTUM, running);
        be.copy(batch, tmp);
        be.scalar(ScalarOp.MULTIPLY, tmp, weight, tmp);
        be.binary(BinaryOp.ADD, running, tmp, running);
    }

    /** Uses the running statistics (inference). */
    public void evalStatistics() {
        be.copy(runMean, mean);
        be.copy(runVar, var);
        finishCoefficients();
    }

    private void finishCoefficients() {
        be.copy(var, inv);
        be.scalar(ScalarOp.ADD, inv, EPS, inv);
        be.unary(UnaryOp.SQRT, inv, inv);
        be.scalar(ScalarOp.REVERSE_DIVIDE, inv, 1.0, inv);
        be.copy(gamma.value(), scale);
        be.binary(BinaryOp.MULTIPLY, scale, inv, scale);
    }

    /** {@code 1/sqrt(var + eps)} of the current statistics, {@code [1, C]}. */
    public DeviceArray invStd() {
        return inv;
    }

    /** Mean of the current statistics, {@code [1, C]}. */
    public DeviceArray mean() {
        return mean;
    }

    /** Variance of the current statistics, {@code [1, C]}. */
    public DeviceArray variance() {
        return var;
    }

    /** {@code out = γ (x - mean) / sqrt(var + eps) + β} with the current statistics (out may be x). */
    public void apply(DeviceArray x, DeviceArray out) {
        be.batchNorm(x, mean, var, gamma.value(), beta.value(), EPS, out);
    }

    /**
     * Backward pass. {@code dz} is the gradient with respect to the output and is overwritten with
     * the gradient with respect to {@code x}; γ and β gradients are written. {@code scratch} is
     * {@code [R, C]}.
     */
    public void backward(DeviceArray dz, DeviceArray x, DeviceArray scratch) {
        DeviceArray sumDz = beta.grad();
        be.sumColumns(dz, sumDz);
        be.binary(BinaryOp.MULTIPLY, dz, x, scratch);
        DeviceArray dGamma = gamma.grad();
        be.sumColumns(scratch, dGamma);
        // dγ = inv * (Σ dz·x − μ Σ dz)
        be.copy(mean, tmp);
        be.binary(BinaryOp.MULTIPLY, tmp, sumDz, tmp);
        be.binary(BinaryOp.SUBTRACT, dGamma, tmp, dGamma);
        be.binary(BinaryOp.MULTIPLY, dGamma, inv, dGamma);
        // dx = a·dz + [(x − μ)·inv·g' + b'] with g' = −a·dγ/R, b' = −a·Σdz/R  (a = γ·inv), where
        // dγ and Σdz are summed over all workers (and R counts their rows) when statistics are shared
        DeviceArray gPrime = tmp;
        be.copy(dGamma, gPrime);
        DeviceArray bPrime = tmp2;
        be.copy(sumDz, bPrime);
        shareBackwardSums(gPrime, bPrime);
        be.binary(BinaryOp.MULTIPLY, gPrime, scale, gPrime);
        be.scalar(ScalarOp.DIVIDE, gPrime, -rows, gPrime);
        be.binary(BinaryOp.MULTIPLY, bPrime, scale, bPrime);
        be.scalar(ScalarOp.DIVIDE, bPrime, -rows, bPrime);
        be.batchNorm(x, mean, var, gPrime, bPrime, EPS, scratch);
        be.binary(BinaryOp.MULTIPLY, dz, scale, dz);
        be.binary(BinaryOp.ADD, dz, scratch, dz);
    }
}

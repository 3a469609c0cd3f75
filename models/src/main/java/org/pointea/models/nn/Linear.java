package org.pointea.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A pointwise linear map (PyTorch's 1×1 {@code Conv1d} or {@code Linear}) over rows,
 * {@code y = [x_1 | x_2 | …] Wᵀ + b}, with the inputs given separately so that a concatenation is
 * never materialised: {@code y = Σ_i x_i W_iᵀ + b} where {@code W_i} is a column block of the one
 * weight {@code [out, Σ in_i]}.
 */
public final class Linear implements AutoCloseable {
    private final Param weight;
    private final Param bias;
    private final int[] inputs;
    private final int[] offsets;
    private final int out;
    private final DataType dt;
    private final Buf y = new Buf();
    private final Buf[] dx;
    private INDArray[] x;

    /**
     * Registers {@code name.weight} {@code [out, Σ inputs]} and, if {@code bias}, {@code name.bias}.
     *
     * @param inputs channels of each input, in concatenation order
     */
    public Linear(ParamStore ps, String name, int out, boolean bias, int... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("at least one input");
        }
        this.inputs = inputs.clone();
        this.offsets = new int[inputs.length + 1];
        for (int i = 0; i < inputs.length; i++) {
            offsets[i + 1] = offsets[i] + inputs[i];
        }
        this.out = out;
        this.dt = ps.dtype();
        int fanIn = offsets[inputs.length];
        this.weight = ps.add(name + ".weight", Param.fanIn(fanIn), out, fanIn);
        this.bias = bias ? ps.add(name + ".bias", Param.fanIn(fanIn), 1, out) : null;
        this.dx = new Buf[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            dx[i] = new Buf();
        }
    }

    /** The weight {@code [out, in]}. */
    public Param weight() {
        return weight;
    }

    /** The bias {@code [1, out]}, or null. */
    public Param bias() {
        return bias;
    }

    /** Output channels. */
    public int outChannels() {
        return out;
    }

    private INDArray block(INDArray w, int i) {
        return inputs.length == 1 ? w : w.get(NDArrayIndex.all(), NDArrayIndex.interval(offsets[i], offsets[i + 1]));
    }

    /**
     * Forward pass; keeps references to the inputs for the backward pass (callers must not
     * overwrite them before it). Returns an array owned by this layer.
     */
    public INDArray forward(INDArray... xs) {
        if (xs.length != inputs.length) {
            throw new IllegalArgumentException("expected " + inputs.length + " inputs, got " + xs.length);
        }
        long rows = xs[0].rows();
        INDArray yy = y.get(dt, rows, out);
        for (int i = 0; i < xs.length; i++) {
            Ops.gemm(xs[i], block(weight.value(), i), yy, false, true, 1.0, i == 0 ? 0.0 : 1.0);
        }
        if (bias != null) {
            yy.addiRowVector(bias.value());
        }
        this.x = xs;
        return yy;
    }

    /**
     * Backward pass: writes the parameter gradients and returns the input gradients (arrays owned by
     * this layer; null for inputs with {@code needInputGrad[i] == false}).
     */
    public INDArray[] backward(INDArray dy, boolean... needInputGrad) {
        INDArray[] result = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Ops.gemm(dy, x[i], block(weight.grad(), i), true, false);
            boolean need = needInputGrad.length == 0 || needInputGrad[i];
            if (need) {
                INDArray d = dx[i].get(dt, dy.rows(), inputs[i]);
                Ops.gemm(dy, block(weight.value(), i), d, false, false);
                result[i] = d;
            }
        }
        if (bias != null) {
            Ops.columnSums(dy, bias.grad());
        }
        return result;
    }

    @Override
    public void close() {
        y.close();
        for (Buf b : dx) {
            b.close();
        }
    }
}

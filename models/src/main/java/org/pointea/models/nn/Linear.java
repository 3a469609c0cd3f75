package org.pointea.models.nn;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/**
 * A pointwise linear map (PyTorch's 1×1 {@code Conv1d} or {@code Linear}) over rows,
 * {@code y = [x_1 | x_2 | …] Wᵀ + b}, with the inputs given separately so that a concatenation is
 * never materialised: {@code y = Σ_i x_i W_iᵀ + b} where {@code W_i} is a column block of the one
 * weight {@code [out, Σ in_i]}.
 */
public final class Linear {
    private final Backend be;
    private final Param weight;
    private final Param bias;
    private final int[] inputs;
    private final int[] offsets;
    private final int out;
    private final DType dt;
    private final BufferRegistry buffers;
    private final String name;
    private final Buffer y;
    private final Buffer[] dx;
    private DeviceArray[] x;

    /**
     * Registers {@code name.weight} {@code [out, Σ inputs]} and, if {@code bias}, {@code name.bias}.
     *
     * @param inputs channels of each input, in concatenation order
     */
    public Linear(ParamStore ps, BufferRegistry buffers, String name, int out, boolean bias, int... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("at least one input");
        }
        this.be = ps.backend();
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
        this.buffers = buffers;
        this.name = name;
        this.y = buffers.buffer(name + ".out");
        this.dx = new Buffer[inputs.length]; // registered on first need: a first layer never computes dx
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

    private DeviceArray block(DeviceArray w, int i) {
        return inputs.length == 1 ? w : w.columns(offsets[i], offsets[i + 1]);
    }

    /**
     * Forward pass; keeps references to the inputs for the backward pass (callers must not
     * overwrite them before it). Returns an array owned by this layer.
     */
    public DeviceArray forward(DeviceArray... xs) {
        if (xs.length != inputs.length) {
            throw new IllegalArgumentException("expected " + inputs.length + " inputs, got " + xs.length);
        }
        long rows = xs[0].rows();
        DeviceArray yy = y.get(dt, rows, out);
        for (int i = 0; i < xs.length; i++) {
            be.gemm(xs[i], block(weight.value(), i), yy, false, true, 1.0, i == 0 ? 0.0 : 1.0);
        }
        if (bias != null) {
            be.binary(BinaryOp.ADD, yy, bias.value(), yy);
        }
        this.x = xs;
        return yy;
    }

    /**
     * Backward pass: writes the parameter gradients and returns the input gradients (arrays owned by
     * this layer; null for inputs with {@code needInputGrad[i] == false}).
     */
    public DeviceArray[] backward(DeviceArray dy, boolean... needInputGrad) {
        DeviceArray[] result = new DeviceArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            be.gemm(dy, x[i], block(weight.grad(), i), true, false, 1.0, 0.0);
            boolean need = needInputGrad.length == 0 || needInputGrad[i];
            if (need) {
                if (dx[i] == null) {
                    dx[i] = buffers.buffer(name + ".dx" + i);
                }
                DeviceArray d = dx[i].get(dt, dy.rows(), inputs[i]);
                be.gemm(dy, block(weight.value(), i), d, false, false, 1.0, 0.0);
                result[i] = d;
            }
        }
        if (bias != null) {
            be.sumColumns(dy, bias.grad());
        }
        return result;
    }
}

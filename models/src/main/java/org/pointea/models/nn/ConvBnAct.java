package org.pointea.models.nn;

import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DeviceArray;

/**
 * The "LBR" block of PCT: a pointwise linear map over (possibly several, concatenated) inputs,
 * batch normalisation and an activation, on {@code [rows, channels]} activations.
 */
public final class ConvBnAct {
    private final Linear linear;
    private final BnAct bnAct;

    /**
     * Registers {@code linearName.weight} (and bias) and batch norm {@code bnName}.
     *
     * @param inputs channels of each input, in concatenation order
     */
    public ConvBnAct(ParamStore ps, BufferRegistry buffers, String linearName, String bnName, int out, boolean bias,
                     Activation act, int... inputs) {
        this.linear = new Linear(ps, buffers, linearName, out, bias, inputs);
        this.bnAct = new BnAct(ps, buffers, bnName, out, act);
    }

    /** The linear part. */
    public Linear linear() {
        return linear;
    }

    /** Forward pass over the inputs (kept for backward); returns an array owned by this block. */
    public DeviceArray forward(boolean training, DeviceArray... xs) {
        return bnAct.forward(linear.forward(xs), training);
    }

    /** Backward pass; consumes {@code dy}; returns input gradients (null where not needed). */
    public DeviceArray[] backward(DeviceArray dy, boolean... needInputGrad) {
        return linear.backward(bnAct.backward(dy), needInputGrad);
    }
}

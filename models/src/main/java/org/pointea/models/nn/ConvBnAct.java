package org.pointea.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The "LBR" block of PCT: a pointwise linear map over (possibly several, concatenated) inputs,
 * batch normalisation and an activation, on {@code [rows, channels]} activations.
 */
public final class ConvBnAct implements AutoCloseable {
    private final Linear linear;
    private final BnAct bnAct;

    /**
     * Registers {@code linearName.weight} (and bias) and batch norm {@code bnName}.
     *
     * @param inputs channels of each input, in concatenation order
     */
    public ConvBnAct(ParamStore ps, Scratch scratch, String linearName, String bnName, int out, boolean bias,
                     Activation act, int... inputs) {
        this.linear = new Linear(ps, linearName, out, bias, inputs);
        this.bnAct = new BnAct(ps, scratch, bnName, out, act);
    }

    /** The linear part. */
    public Linear linear() {
        return linear;
    }

    /** Forward pass over the inputs (kept for backward); returns an array owned by this block. */
    public INDArray forward(boolean training, INDArray... xs) {
        return bnAct.forward(linear.forward(xs), training);
    }

    /** Backward pass; consumes {@code dy}; returns input gradients (null where not needed). */
    public INDArray[] backward(INDArray dy, boolean... needInputGrad) {
        return linear.backward(bnAct.backward(dy), needInputGrad);
    }

    @Override
    public void close() {
        linear.close();
        bnAct.close();
    }
}

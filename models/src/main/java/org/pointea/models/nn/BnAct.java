package org.pointea.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Batch normalisation followed by an activation, over {@code [rows, channels]}, fused. */
public final class BnAct implements AutoCloseable {
    private final BatchNorm bn;
    private final Activation act;
    private final Scratch scratch;
    private final DataType dt;
    private final Buf out = new Buf();
    private INDArray x;

    /** Registers the batch norm under {@code name}. */
    public BnAct(ParamStore ps, Scratch scratch, String name, int channels, Activation act) {
        this.bn = new BatchNorm(ps, name, channels);
        this.act = act;
        this.scratch = scratch;
        this.dt = ps.dtype();
    }

    /** The batch norm. */
    public BatchNorm batchNorm() {
        return bn;
    }

    /**
     * Forward pass; keeps {@code x} for the backward pass. Returns an array owned by this layer
     * (or {@code x} itself if {@code inPlace}, which is only allowed in inference).
     */
    public INDArray forward(INDArray x, boolean training) {
        INDArray s = scratch.get(0, dt, x.shape());
        INDArray y;
        if (training) {
            bn.trainStatistics(x, s);
            y = out.get(dt, x.shape());
        } else {
            bn.evalStatistics();
            y = out.get(dt, x.shape());
        }
        bn.apply(x, y);
        act.forwardInPlace(y, s);
        this.x = x;
        return y;
    }

    /** Backward pass; consumes {@code dy} (it becomes the returned input gradient). */
    public INDArray backward(INDArray dy) {
        INDArray s = scratch.get(0, dt, dy.shape());
        act.backwardInPlace(dy, out.current(), s);
        bn.backward(dy, x, s);
        return dy;
    }

    @Override
    public void close() {
        out.close();
    }
}

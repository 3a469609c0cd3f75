package org.pointea.models.nn;

import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;

/** Batch normalisation followed by an activation, over {@code [rows, channels]}, fused. */
public final class BnAct {
    private final BatchNorm bn;
    private final Activation act;
    private final BufferRegistry buffers;
    private final DType dt;
    private final Buffer out;
    private DeviceArray x;

    /** Registers the batch norm under {@code name}. */
    public BnAct(ParamStore ps, BufferRegistry buffers, String name, int channels, Activation act) {
        this.bn = new BatchNorm(ps, buffers, name, channels);
        this.act = act;
        this.buffers = buffers;
        this.dt = ps.dtype();
        this.out = buffers.buffer(name + ".out");
    }

    /** The batch norm. */
    public BatchNorm batchNorm() {
        return bn;
    }

    /**
     * Forward pass; keeps {@code x} for the backward pass. Returns an array owned by this layer.
     * In training, batch statistics are used and the running estimates updated.
     */
    public DeviceArray forward(DeviceArray x, boolean training) {
        DeviceArray s = buffers.scratch(0, dt, x.shape());
        if (training) {
            bn.trainStatistics(x, s);
        } else {
            bn.evalStatistics();
        }
        DeviceArray y = out.get(dt, x.shape());
        bn.apply(x, y);
        act.forwardInPlace(y, s);
        this.x = x;
        return y;
    }

    /** Backward pass; consumes {@code dy} (it becomes the returned input gradient). */
    public DeviceArray backward(DeviceArray dy) {
        DeviceArray s = buffers.scratch(0, dt, dy.shape());
        act.backwardInPlace(dy, out.current(), s);
        bn.backward(dy, x, s);
        return dy;
    }
}

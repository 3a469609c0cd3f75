package org.pointea.models.nn;

import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.DeviceRandom;
import org.pointea.models.backend.ScalarOp;

/** Inverted dropout with its own seeded generator; identity in inference or with rate 0. */
public final class Dropout {
    private final Backend be;
    private final double rate;
    private final DeviceRandom rng;
    private final Buffer mask;
    private final Buffer out;
    private boolean active;

    /**
     * @param buffers the network's memory (owns the generator and the mask)
     * @param name    a unique name for the buffers
     * @param rate    probability of zeroing an element, in [0, 1)
     * @param seed    seed of this layer's generator
     */
    public Dropout(BufferRegistry buffers, String name, double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.be = buffers.backend();
        this.rate = rate;
        this.rng = buffers.random(seed);
        this.mask = buffers.buffer(name + ".mask");
        this.out = buffers.buffer(name + ".out");
    }

    /**
     * Restarts this layer's generator from {@code seed}, so that a trainer can make the masks a
     * function of its step counter (and a resumed run draw the same masks as an uninterrupted one).
     */
    public void reseed(long seed) {
        rng.setSeed(seed);
    }

    /** The drop probability. */
    public double rate() {
        return rate;
    }

    /**
     * Applies dropout (training only): returns {@code x} itself when inactive, otherwise an array
     * owned by this layer ({@code x} is left intact for the layers that produced it).
     */
    public DeviceArray forward(DeviceArray x, boolean training) {
        active = training && rate > 0;
        if (!active) {
            return x;
        }
        DType dt = x.dtype();
        DeviceArray m = mask.get(dt, x.shape());
        be.bernoulli(rng, 1 - rate, m);
        be.scalar(ScalarOp.MULTIPLY, m, 1.0 / (1 - rate), m);
        DeviceArray y = out.get(dt, x.shape());
        be.binary(BinaryOp.MULTIPLY, x, m, y);
        return y;
    }

    /** Backward in place. */
    public DeviceArray backwardInPlace(DeviceArray dy) {
        if (active) {
            be.binary(BinaryOp.MULTIPLY, dy, mask.current(), dy);
        }
        return dy;
    }
}

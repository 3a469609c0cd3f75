package org.pointea.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Inverted dropout with its own seeded generator; identity in inference or with rate 0. */
public final class Dropout implements AutoCloseable {
    private final double rate;
    private final Random rng;
    private final Buf mask = new Buf();
    private final Buf out = new Buf();
    private boolean active;

    /**
     * @param rate probability of zeroing an element, in [0, 1)
     * @param seed seed of this layer's generator
     */
    public Dropout(double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
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
     * Applies dropout (training only): returns {@code x} itself when inactive, otherwise a new
     * array owned by this layer ({@code x} is left intact for the layers that produced it).
     */
    public INDArray forward(INDArray x, boolean training) {
        active = training && rate > 0;
        if (!active) {
            return x;
        }
        DataType dt = x.dataType();
        INDArray m = mask.get(dt, x.shape());
        Nd4j.getExecutioner().exec(new BernoulliDistribution(m, 1 - rate), rng);
        m.muli(1.0 / (1 - rate));
        INDArray y = out.get(dt, x.shape());
        Ops.mul(x, m, y);
        return y;
    }

    /** Backward in place. */
    public INDArray backwardInPlace(INDArray dy) {
        if (active) {
            dy.muli(mask.current());
        }
        return dy;
    }

    @Override
    public void close() {
        mask.close();
        out.close();
        try {
            rng.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the dropout generator", e);
        }
    }
}

package org.pointea.models.backend.nd4j;

import org.nd4j.linalg.api.rng.Random;
import org.pointea.models.backend.DeviceRandom;

/** A {@link DeviceRandom} of the ND4J backend: one of ND4J's native generators. */
final class Nd4jRandom implements DeviceRandom {
    private final Random random;
    private boolean closed;

    Nd4jRandom(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    @Override
    public void setSeed(long seed) {
        random.setSeed(seed);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                random.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release the generator", e);
            }
        }
    }
}

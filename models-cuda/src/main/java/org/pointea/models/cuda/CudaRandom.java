package org.pointea.models.cuda;

import org.pointea.models.backend.DeviceRandom;

/**
 * The CUDA backend's generator: a seed and a counter. Draw {@code i} of the stream is a SplitMix64
 * hash of {@code (seed, i)} computed by the kernel ({@code bernoulli} in {@code elementwise.cu}),
 * so the stream is a function of the seed alone, whatever the GPU or the launch geometry.
 */
final class CudaRandom implements DeviceRandom {
    private long seed;
    private long counter;

    CudaRandom(long seed) {
        setSeed(seed);
    }

    @Override
    public void setSeed(long seed) {
        this.seed = seed;
        this.counter = 0;
    }

    long seed() {
        return seed;
    }

    /** The stream position of the next {@code n} draws; moves past them. */
    long advance(long n) {
        long at = counter;
        counter += n;
        return at;
    }

    @Override
    public void close() {
        // host state only
    }
}

package org.pointea.models.backend;

/**
 * A seeded random generator that lives with a {@link Backend} and fills device arrays
 * ({@link Backend#bernoulli}). Its stream is a function of the last seed set: a backend draws the
 * same values after the same {@link #setSeed} on every run and thread count. Different backends
 * may draw different streams. Not thread-safe.
 */
public interface DeviceRandom extends AutoCloseable {

    /** Restarts the stream from {@code seed}. */
    void setSeed(long seed);

    /** Releases the generator; idempotent. */
    @Override
    void close();
}

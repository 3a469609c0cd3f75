package org.pointea.models.backend;

import java.util.Arrays;

/**
 * A reusable array slot of a {@link BufferRegistry}: allocated on first use and whenever the
 * requested type or shape changes, otherwise handed back as is, so a training loop allocates
 * nothing per step. Its contents are undefined on allocation; owners overwrite before reading.
 * Closed by its registry, never by the layer that uses it.
 */
public final class Buffer {
    private final String name;
    private final Backend backend;
    private DeviceArray array;
    private boolean used;

    Buffer(String name, Backend backend) {
        this.name = name;
        this.backend = backend;
    }

    /** The registered name (layer prefix and role, e.g. {@code gather_local_0.y1}). */
    public String name() {
        return name;
    }

    /** The array with exactly this type and shape (reallocated, the old one released, if it differs). */
    public DeviceArray get(DType type, long... shape) {
        used = true;
        if (!fits(type, shape)) {
            release();
            array = backend.allocate(type, shape);
        }
        return array;
    }

    /** As {@link #get}, but zero-filled when (re)allocated; contents are kept between calls otherwise. */
    public DeviceArray zeros(DType type, long... shape) {
        used = true;
        if (!fits(type, shape)) {
            release();
            array = backend.zeros(type, shape);
        }
        return array;
    }

    /** The array last returned, or null if never allocated. */
    public DeviceArray current() {
        return array;
    }

    /** True once {@link #get} or {@link #zeros} has been called. */
    public boolean used() {
        return used;
    }

    /** Bytes held. */
    long bytes() {
        return array == null ? 0 : array.length() * array.dtype().width();
    }

    private boolean fits(DType type, long[] shape) {
        return array != null && array.dtype() == type && Arrays.equals(array.shape(), shape);
    }

    void release() {
        if (array != null) {
            array.close();
            array = null;
        }
    }
}

package org.pointea.models.cuda;

/**
 * Where a {@link DevicePool} gets and returns its memory: {@code cudaMalloc} / {@code cudaFree} on a
 * device, or a fake in tests.
 */
public interface DeviceAllocator {
    /**
     * Allocates {@code bytes}.
     *
     * @return the device address, or 0 when the device is out of memory
     */
    long allocate(long bytes);

    /** Frees an address {@link #allocate} returned. */
    void free(long address);
}

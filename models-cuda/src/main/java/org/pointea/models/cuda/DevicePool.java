package org.pointea.models.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A caching pool of device memory, one per network's device: freed blocks are kept and handed out
 * again, so a training step after the first allocates nothing from the driver ({@code cudaMalloc}
 * synchronises the device and costs far more than a kernel).
 *
 * <p>Requests are rounded up to a size class: multiples of {@value #SMALL_ROUND} bytes up to 1 MiB,
 * multiples of {@value #LARGE_ROUND} bytes above. A request takes the smallest free block of at
 * least its class and at most twice it (so a small buffer never pins a large block); otherwise the
 * pool allocates. When the device is out of memory, the pool frees every cached block and tries
 * once more before it fails with a message giving the request and the pool's figures. Not
 * thread-safe: a network runs on one stream from one thread.
 *
 * <pre>{@code
 * DevicePool pool = new DevicePool(allocator);
 * long p = pool.acquire(4L * rows * cols);
 * ...
 * pool.release(p);           // cached for the next acquire of its class
 * pool.stats();              // in use, reserved, peaks, driver calls
 * }</pre>
 */
public final class DevicePool implements AutoCloseable {
    /** Rounding of requests up to 1 MiB (also every block's alignment). */
    public static final long SMALL_ROUND = 512;
    /** Rounding of requests above 1 MiB. */
    public static final long LARGE_ROUND = 2L << 20;

    private final DeviceAllocator allocator;
    private final TreeMap<Long, ArrayDeque<Long>> free = new TreeMap<>();
    private final Map<Long, Long> blockSize = new HashMap<>();
    private final Map<Long, Boolean> inUse = new HashMap<>();
    private long bytesInUse;
    private long bytesReserved;
    private long peakInUse;
    private long peakReserved;
    private long driverAllocations;
    private long reuses;
    private boolean closed;

    /**
     * The pool's figures.
     *
     * @param bytesInUse        handed out and not released
     * @param bytesReserved     held from the driver (in use plus cached)
     * @param peakInUse         the most ever in use
     * @param peakReserved      the most ever held from the driver
     * @param driverAllocations allocations from the driver
     * @param reuses            requests served from the cache
     */
    public record Stats(long bytesInUse, long bytesReserved, long peakInUse, long peakReserved,
                        long driverAllocations, long reuses) {
    }

    /** Creates an empty pool over the allocator. */
    public DevicePool(DeviceAllocator allocator) {
        this.allocator = java.util.Objects.requireNonNull(allocator, "allocator");
    }

    /** The size class of a request of {@code bytes} (at least one {@value #SMALL_ROUND}-byte unit). */
    public static long sizeClass(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        long round = bytes <= (1L << 20) ? SMALL_ROUND : LARGE_ROUND;
        long b = Math.max(bytes, 1);
        return ((b + round - 1) / round) * round;
    }

    /**
     * A block of at least {@code bytes}.
     *
     * @throws CudaException when the device has no memory left for it, even after the cache is freed
     */
    public long acquire(long bytes) {
        ensureOpen();
        long size = sizeClass(bytes);
        Map.Entry<Long, ArrayDeque<Long>> e = free.ceilingEntry(size);
        long address;
        if (e != null && e.getKey() <= 2 * size) {
            address = e.getValue().pop();
            if (e.getValue().isEmpty()) {
                free.remove(e.getKey());
            }
            reuses++;
        } else {
            address = allocator.allocate(size);
            if (address == 0) {
                trim();
                address = allocator.allocate(size);
            }
            if (address == 0) {
                throw new CudaException("out of GPU memory: cannot allocate " + size + " bytes (pool: "
                        + bytesInUse + " bytes in use, " + bytesReserved + " reserved, peak " + peakReserved + ")");
            }
            driverAllocations++;
            blockSize.put(address, size);
            bytesReserved += size;
            peakReserved = Math.max(peakReserved, bytesReserved);
        }
        inUse.put(address, Boolean.TRUE);
        bytesInUse += blockSize.get(address);
        peakInUse = Math.max(peakInUse, bytesInUse);
        return address;
    }

    /** Returns a block to the cache. */
    public void release(long address) {
        ensureOpen();
        if (inUse.remove(address) == null) {
            throw new IllegalStateException("address 0x" + Long.toHexString(address) + " is not in use in this pool"
                    + (blockSize.containsKey(address) ? " (released twice)" : ""));
        }
        long size = blockSize.get(address);
        bytesInUse -= size;
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(address);
    }

    /** The size of a block in use or cached (its size class). */
    public long sizeOf(long address) {
        Long s = blockSize.get(address);
        if (s == null) {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is not from this pool");
        }
        return s;
    }

    /** Frees every cached (released) block back to the driver. */
    public void trim() {
        for (Map.Entry<Long, ArrayDeque<Long>> e : free.entrySet()) {
            for (long a : e.getValue()) {
                allocator.free(a);
                blockSize.remove(a);
                bytesReserved -= e.getKey();
            }
        }
        free.clear();
    }

    /** The pool's figures now. */
    public Stats stats() {
        return new Stats(bytesInUse, bytesReserved, peakInUse, peakReserved, driverAllocations, reuses);
    }

    /** Frees every block, cached or still in use (the network is gone). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        trim();
        for (long a : inUse.keySet()) {
            allocator.free(a);
            bytesReserved -= blockSize.remove(a);
        }
        inUse.clear();
        bytesInUse = 0;
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the device pool is closed");
        }
    }
}

package org.pointea.models.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevicePoolTest {

    /** A fake device of {@code capacity} bytes handing out increasing addresses. */
    static final class FakeDevice implements DeviceAllocator {
        final long capacity;
        final Map<Long, Long> live = new HashMap<>();
        long next = 0x1000;
        long used;
        int allocations;
        int frees;

        FakeDevice(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public long allocate(long bytes) {
            if (used + bytes > capacity) {
                return 0;
            }
            long a = next;
            next += bytes;
            live.put(a, bytes);
            used += bytes;
            allocations++;
            return a;
        }

        @Override
        public void free(long address) {
            Long b = live.remove(address);
            assertThat(b).as("freed an address not allocated").isNotNull();
            used -= b;
            frees++;
        }
    }

    @Test
    void sizeClassesRoundSmallTo512BytesAndLargeTo2MiB() {
        assertThat(DevicePool.sizeClass(0)).isEqualTo(512);
        assertThat(DevicePool.sizeClass(513)).isEqualTo(1024);
        assertThat(DevicePool.sizeClass(1 << 20)).isEqualTo(1 << 20);
        assertThat(DevicePool.sizeClass((1 << 20) + 1)).isEqualTo(2L << 20);
        assertThat(DevicePool.sizeClass(5L << 20)).isEqualTo(6L << 20);
    }

    @Test
    void aReleasedBlockIsReusedWithoutTheDriver() {
        FakeDevice d = new FakeDevice(1L << 30);
        try (DevicePool pool = new DevicePool(d)) {
            long a = pool.acquire(4000);
            pool.release(a);
            long b = pool.acquire(3900);
            assertThat(b).isEqualTo(a);
            assertThat(d.allocations).isEqualTo(1);
            assertThat(pool.stats().reuses()).isEqualTo(1);
            assertThat(pool.stats().bytesInUse()).isEqualTo(4096);
        }
        assertThat(d.live).isEmpty();
    }

    @Test
    void aSmallRequestDoesNotPinABlockMoreThanTwiceItsSize() {
        FakeDevice d = new FakeDevice(1L << 30);
        try (DevicePool pool = new DevicePool(d)) {
            long big = pool.acquire(64L << 20);
            pool.release(big);
            long small = pool.acquire(1000);
            assertThat(small).isNotEqualTo(big);
            assertThat(d.allocations).isEqualTo(2);
        }
    }

    @Test
    void outOfMemoryFreesTheCacheAndRetriesOnce() {
        FakeDevice d = new FakeDevice(10L << 20);
        try (DevicePool pool = new DevicePool(d)) {
            long a = pool.acquire(6L << 20);
            pool.release(a);
            long b = pool.acquire(8L << 20);    // 6 MiB cached + 8 MiB > 10 MiB: cache freed, then fits
            assertThat(b).isNotZero();
            assertThat(d.frees).isEqualTo(1);
            assertThat(pool.stats().bytesReserved()).isEqualTo(8L << 20);
            assertThatThrownBy(() -> pool.acquire(4L << 20)).isInstanceOf(CudaException.class)
                    .hasMessageContaining("out of GPU memory").hasMessageContaining("4194304 bytes");
        }
    }

    @Test
    void statsTrackPeaks() {
        FakeDevice d = new FakeDevice(1L << 30);
        try (DevicePool pool = new DevicePool(d)) {
            long a = pool.acquire(1 << 20);
            long b = pool.acquire(1 << 20);
            pool.release(a);
            pool.release(b);
            DevicePool.Stats s = pool.stats();
            assertThat(s.bytesInUse()).isZero();
            assertThat(s.peakInUse()).isEqualTo(2L << 20);
            assertThat(s.bytesReserved()).isEqualTo(2L << 20);
            pool.trim();
            assertThat(pool.stats().bytesReserved()).isZero();
            assertThat(d.live).isEmpty();
        }
    }

    @Test
    void releasingTwiceOrAForeignAddressFails() {
        try (DevicePool pool = new DevicePool(new FakeDevice(1L << 30))) {
            long a = pool.acquire(100);
            pool.release(a);
            assertThatThrownBy(() -> pool.release(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released twice");
            assertThatThrownBy(() -> pool.release(12345)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeFreesBlocksStillInUse() {
        FakeDevice d = new FakeDevice(1L << 30);
        DevicePool pool = new DevicePool(d);
        pool.acquire(100);
        pool.acquire(5L << 20);
        pool.close();
        assertThat(d.live).isEmpty();
        assertThatThrownBy(() -> pool.acquire(1)).isInstanceOf(IllegalStateException.class);
    }
}

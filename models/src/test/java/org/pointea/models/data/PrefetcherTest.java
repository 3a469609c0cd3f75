package org.pointea.models.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

    private static List<Integer> drain(Prefetcher<Integer> p) {
        List<Integer> out = new ArrayList<>();
        while (p.hasNext()) {
            out.add(p.next());
        }
        return out;
    }

    @Test
    void deliversInOrderWhateverTheTiming() {
        for (int threads : new int[] {0, 1, 3}) {
            try (Prefetcher<Integer> p = new Prefetcher<>(2, 40, i -> {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return i * i;
            }, threads, 4, "t")) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 2; i < 40; i++) {
                    expected.add(i * i);
                }
                assertThat(drain(p)).as("threads " + threads).isEqualTo(expected);
            }
        }
    }

    @Test
    void producesAtMostDepthAhead() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        try (Prefetcher<Integer> p = new Prefetcher<>(0, 100, i -> produced.incrementAndGet(), 2, 3, "t")) {
            Thread.sleep(200);
            assertThat(produced.get()).isEqualTo(3);
            p.next();
            Thread.sleep(200);
            assertThat(produced.get()).isEqualTo(4);
        }
    }

    @Test
    void producerErrorsReachTheConsumer() {
        try (Prefetcher<Integer> p = new Prefetcher<>(0, 5, i -> {
            if (i == 2) {
                throw new UncheckedIOException(new IOException("bad shape 2"));
            }
            return i;
        }, 2, 2, "t")) {
            p.next();
            p.next();
            assertThatThrownBy(p::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("bad shape 2");
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Prefetcher<>(3, 2, i -> i, 1, 1, "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Prefetcher<>(0, 2, i -> i, 1, 0, "t")).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void everyItemRunsExactlyOnceOnAnyThreadCount() {
    for (int threads : new int[] {0, 1, 2, 3, 8}) {
      AtomicIntegerArray hits = new AtomicIntegerArray(1000);
      Parallel.forRange(1000, threads, 7, (from, to) -> {
        for (int i = from; i < to; i++) {
          hits.incrementAndGet(i);
        }
      });
      for (int i = 0; i < 1000; i++) {
        assertThat(hits.get(i)).isEqualTo(1);
      }
    }
    Parallel.forRange(0, 4, 1, (from, to) -> {
      throw new AssertionError("no work expected");
    });
    assertThat(Parallel.resolve(0)).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void exceptionsReachTheCaller() {
    assertThatThrownBy(() -> Parallel.forRange(100, 2, 1, (from, to) -> {
      throw new IllegalStateException("boom");
    })).hasMessageContaining("boom");
  }
}

package org.pointea.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BenchRunnerTest {

  @Test
  void warmsUpThenTimesTheRequestedRuns() {
    AtomicInteger calls = new AtomicInteger();
    Measurement m = new BenchRunner(3, 0, 5).measure("x", 1, "work", () -> calls.incrementAndGet());
    assertThat(calls.get()).isEqualTo(8);
    assertThat(m.runs()).isEqualTo(5);
    assertThat(m.minSeconds()).isLessThanOrEqualTo(m.p25Seconds());
    assertThat(m.p25Seconds()).isLessThanOrEqualTo(m.medianSeconds());
    assertThat(m.medianSeconds()).isLessThanOrEqualTo(m.p75Seconds());
  }

  @Test
  void quantilesInterpolate() {
    double[] t = {1, 2, 3, 4};
    assertThat(BenchRunner.quantile(t, 0.5)).isEqualTo(2.5);
    assertThat(BenchRunner.quantile(t, 0)).isEqualTo(1);
    assertThat(BenchRunner.quantile(t, 1)).isEqualTo(4);
    assertThatThrownBy(() -> new BenchRunner(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

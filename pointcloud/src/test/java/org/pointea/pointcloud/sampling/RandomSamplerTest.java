package org.pointea.pointcloud.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.RandomStreams;

class RandomSamplerTest {

  @Property(tries = 100)
  void withoutReplacementGivesDistinctIndicesInRange(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 500) int n,
      @ForAll @IntRange(min = 0, max = 600) int m) {
    int[] idx = RandomSampler.withoutReplacement(n, m, RandomStreams.of(seed));
    assertThat(idx).hasSize(Math.min(n, m));
    assertThat(Arrays.stream(idx).distinct().count()).isEqualTo(idx.length);
    assertThat(Arrays.stream(idx).allMatch(i -> i >= 0 && i < n)).isTrue();
  }

  @Property(tries = 100)
  void fixedSizeUsesEveryPointEvenly(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 50) int n,
      @ForAll @IntRange(min = 0, max = 300) int m) {
    int[] idx = RandomSampler.fixedSize(n, m, RandomStreams.of(seed));
    assertThat(idx).hasSize(m);
    int[] uses = new int[n];
    for (int i : idx) {
      uses[i]++;
    }
    for (int u : uses) {
      assertThat(u).isBetween(m / n, (m + n - 1) / n);
    }
  }

  @Test
  void sameSeedSameIndices() {
    assertThat(RandomSampler.withReplacement(1000, 50, RandomStreams.of(3)))
        .containsExactly(RandomSampler.withReplacement(1000, 50, RandomStreams.of(3)));
    assertThat(RandomSampler.permutation(100, RandomStreams.of(3)))
        .containsExactly(RandomSampler.permutation(100, RandomStreams.of(3)))
        .isNotEqualTo(RandomSampler.permutation(100, RandomStreams.of(4)));
  }

  @Test
  void withReplacementIsRoughlyUniform() {
    int[] counts = new int[10];
    for (int i : RandomSampler.withReplacement(10, 100_000, RandomStreams.of(1))) {
      counts[i]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_500, 10_500); // ~5 sigma
    }
  }

  @Test
  void emptyPopulation() {
    assertThat(RandomSampler.withoutReplacement(0, 5, RandomStreams.of(1))).isEmpty();
    assertThat(RandomSampler.withReplacement(0, 0, RandomStreams.of(1))).isEmpty();
    assertThatThrownBy(() -> RandomSampler.withReplacement(0, 1, RandomStreams.of(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RandomSampler.fixedSize(0, 1, RandomStreams.of(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  @Test
  void sameKeysSameStreamDifferentKeysDifferentStreams() {
    assertThat(RandomStreams.of(1, 2, 3).nextLong()).isEqualTo(RandomStreams.of(1, 2, 3).nextLong());
    Set<Long> firsts = new HashSet<>();
    for (long epoch = 0; epoch < 10; epoch++) {
      for (long sample = 0; sample < 100; sample++) {
        firsts.add(RandomStreams.of(7, epoch, sample).nextLong());
      }
    }
    assertThat(firsts).hasSize(1000);
    assertThat(RandomStreams.derive(7, 1, 2)).isNotEqualTo(RandomStreams.derive(7, 2, 1));
  }
}

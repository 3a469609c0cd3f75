package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndicesTest {

  @Test
  void complementOfAnySetIsAscendingAndDisjoint() {
    assertThat(Indices.complement(new int[] {4, 1, 1}, 6)).containsExactly(0, 2, 3, 5);
    assertThat(Indices.complement(new int[0], 3)).containsExactly(0, 1, 2);
    assertThatThrownBy(() -> Indices.complement(new int[] {3}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [0, 3)");
  }

  @Test
  void masksAndSortedSets() {
    assertThat(Indices.fromMask(new boolean[] {true, false, true, true}, 3)).containsExactly(0, 2);
    assertThat(Indices.sortedDistinct(new int[] {3, 1, 3, 2})).containsExactly(1, 2, 3);
    assertThat(Indices.isStrictlyAscending(new int[] {1, 2, 2})).isFalse();
    assertThat(Indices.isStrictlyAscending(new int[] {1, 2, 5})).isTrue();
  }
}

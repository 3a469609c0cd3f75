package org.pointea.pointcloud.neighbors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NeighborsTest {

  @Test
  void growsAndSortsByDistanceOrIndex() {
    Neighbors nb = new Neighbors(1);
    nb.add(5, 2f);
    nb.add(3, 1f);
    nb.add(4, 2f);
    nb.add(9, 0f);
    nb.sortByDistance();
    assertThat(nb.indices()).containsExactly(9, 3, 4, 5);
    assertThat(nb.distances2()).containsExactly(0f, 1f, 2f, 2f);
    nb.sortByIndex();
    assertThat(nb.indices()).containsExactly(3, 4, 5, 9);
    assertThat(nb.distances2()).containsExactly(1f, 2f, 2f, 0f);
    nb.clear();
    assertThat(nb.isEmpty()).isTrue();
  }
}

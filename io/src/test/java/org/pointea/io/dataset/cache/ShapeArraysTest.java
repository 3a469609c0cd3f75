package org.pointea.io.dataset.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class ShapeArraysTest {
  static PointCloud cloud(int n, float base, int part) {
    float[] xyz = new float[3 * n];
    float[] nrm = new float[3 * n];
    int[] parts = new int[n];
    for (int i = 0; i < 3 * n; i++) {
      xyz[i] = base + i;
      nrm[i] = -base - i;
    }
    java.util.Arrays.fill(parts, part);
    return PointCloud.builder(xyz).normals(nrm).labels(parts).build();
  }

  @Test
  void storesAndReturnsEveryChannel() {
    ShapeArrays a = ShapeArrays.allocate(2, 3, true, true, List.of("a", "b"));
    a.put(1, cloud(3, 10, 200), 1, "b_0001");
    a.put(0, cloud(3, 0, 49), 0, "a_0001");
    a.checkComplete();
    assertThat(a.cloud(1)).isEqualTo(cloud(3, 10, 200));
    assertThat(a.cloud(0).labels()).containsExactly(49, 49, 49);
    assertThat(a.label(1)).isEqualTo(1);
    assertThat(a.id(0)).isEqualTo("a_0001");
    float[] dest = new float[10];
    a.copyPositions(1, dest, 1);
    assertThat(dest).startsWith(0f, 10f, 11f, 12f);
    assertThat(a.toString()).contains("2 shapes x 3 points, normals, parts");
  }

  @Test
  void dropsChannelsItDoesNotHold() {
    ShapeArrays a = ShapeArrays.allocate(1, 3, false, false, List.of("a"));
    a.put(0, cloud(3, 0, 1), 0, "x");
    assertThat(a.cloud(0).channelNames()).isEmpty();
  }

  @Test
  void rejectsWrongSizesAndRanges() {
    ShapeArrays a = ShapeArrays.allocate(1, 3, true, true, List.of("a"));
    assertThatThrownBy(() -> a.put(0, cloud(4, 0, 1), 0, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 4 points");
    assertThatThrownBy(() -> a.put(0, cloud(3, 0, 256), 0, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..255");
    assertThatThrownBy(a::checkComplete).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> a.cloud(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> ShapeArrays.allocate(100_000, 10_000, true, false, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one Java array holds");
  }
}

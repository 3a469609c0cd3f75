package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class ShuffleTest {

  @Test
  void permutesThePoints() {
    float[] xyz = new float[300];
    for (int i = 0; i < 100; i++) {
      xyz[3 * i] = i;
    }
    float[] p = new Shuffle().apply(PointCloud.of(xyz), 3).positions();
    float[] xs = new float[100];
    for (int i = 0; i < 100; i++) {
      xs[i] = p[3 * i];
    }
    float[] expected = new float[100];
    for (int i = 0; i < 100; i++) {
      expected[i] = i;
    }
    assertThat(xs).isNotEqualTo(expected); // 1 / 100! chance of a false failure for a fixed seed: none
    assertThat(sorted(xs)).containsExactly(expected);
  }

  static float[] sorted(float[] a) {
    float[] b = a.clone();
    java.util.Arrays.sort(b);
    return b;
  }
}

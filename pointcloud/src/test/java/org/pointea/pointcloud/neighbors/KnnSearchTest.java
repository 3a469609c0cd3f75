package org.pointea.pointcloud.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.TestClouds;

class KnnSearchTest {

  @Property(tries = 100)
  void equalsBruteForceOnSmallAndLargeProblems(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 600) int n,
      @ForAll @IntRange(min = 1, max = 200) int m,
      @ForAll @IntRange(min = 1, max = 24) int k,
      @ForAll @IntRange(min = 0, max = 4) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    float[] q = TestClouds.queries(seed, xyz, n, m, grid);
    int[] idx = new int[m * k];
    float[] d2 = new float[m * k];
    KnnSearch.knn(xyz, n, q, m, k, idx, d2);
    int[] refIdx = new int[m * k];
    float[] refD2 = new float[m * k];
    BruteForceSearch.knn(xyz, n, q, m, k, refIdx, refD2, 1);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        int src = j < n ? j : 0; // padding repeats the nearest
        assertThat(idx[i * k + j]).isEqualTo(refIdx[i * k + src]);
        assertThat(d2[i * k + j]).isEqualTo(refD2[i * k + src]);
      }
    }
  }

  @Test
  void eachPointIsItsOwnNearestNeighbour() {
    int n = 2048;
    float[] xyz = TestClouds.random(9, n, 0);
    int k = 8;
    int[] idx = new int[n * k];
    float[] d2 = new float[n * k];
    KnnSearch.knn(xyz, n, xyz, n, k, idx, d2, 0);
    for (int i = 0; i < n; i++) {
      assertThat(idx[i * k]).isEqualTo(i);
      assertThat(d2[i * k]).isZero();
      for (int j = 1; j < k; j++) {
        assertThat(d2[i * k + j]).isGreaterThanOrEqualTo(d2[i * k + j - 1]);
      }
    }
  }

  @Test
  void fewerPointsThanKArePaddedWithTheNearest() {
    float[] xyz = {0, 0, 0, 2, 0, 0};
    float[] q = {1.5f, 0, 0};
    int[] idx = new int[4];
    float[] d2 = new float[4];
    KnnSearch.knn(xyz, 2, q, 1, 4, idx, d2);
    assertThat(idx).containsExactly(1, 0, 1, 1);
    assertThat(d2).containsExactly(0.25f, 2.25f, 0.25f, 0.25f);
  }

  @Test
  void batchEqualsOneCloudAtATime() {
    int batch = 5, n = 700, m = 128, k = 16;
    float[] pts = TestClouds.random(21, batch * n, 0);
    float[] qs = TestClouds.random(22, batch * m, 0);
    int[] idx = new int[batch * m * k];
    float[] d2 = new float[idx.length];
    KnnSearch.knnBatch(pts, n, qs, m, batch, k, idx, d2, 0);
    for (int b = 0; b < batch; b++) {
      int[] one = new int[m * k];
      float[] oneD = new float[m * k];
      KnnSearch.knn(
          Arrays.copyOfRange(pts, 3 * b * n, 3 * (b + 1) * n), n,
          Arrays.copyOfRange(qs, 3 * b * m, 3 * (b + 1) * m), m, k, one, oneD);
      assertThat(Arrays.copyOfRange(idx, b * m * k, (b + 1) * m * k)).containsExactly(one);
      assertThat(Arrays.copyOfRange(d2, b * m * k, (b + 1) * m * k)).containsExactly(oneD);
    }
    // small clouds take the brute-force path
    int[] small = new int[2 * 4 * 3];
    KnnSearch.knnBatch(
        TestClouds.random(1, 2 * 10, 0), 10, TestClouds.random(2, 2 * 4, 0), 4, 2, 3, small,
        new float[small.length], 1);
    assertThat(Arrays.stream(small).allMatch(i -> i >= 0 && i < 10)).isTrue();
  }

  @Test
  void rejectsNonFiniteInputAndEmptyClouds() {
    float[] ok = {0, 0, 0};
    float[] nan = {0, Float.NaN, 0};
    assertThatThrownBy(() -> KnnSearch.knn(nan, 1, ok, 1, 1, new int[1], new float[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("points: point 0");
    assertThatThrownBy(() -> KnnSearch.knn(ok, 1, nan, 1, 1, new int[1], new float[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queries");
    assertThatThrownBy(() -> KnnSearch.knn(new float[0], 0, ok, 1, 1, new int[1], new float[1]))
        .isInstanceOf(IllegalArgumentException.class);
    KnnSearch.knn(new float[0], 0, new float[0], 0, 3, new int[0], new float[0]);
  }
}

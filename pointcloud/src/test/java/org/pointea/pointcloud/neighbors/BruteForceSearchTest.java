package org.pointea.pointcloud.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.TestClouds;

class BruteForceSearchTest {

  /** All finite points sorted by (distance, index): the definition the searches must meet. */
  static List<long[]> sortedPairs(float[] xyz, int n, float[] q, int qi) {
    List<long[]> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (Points.isFinite(xyz, i)) {
        float d = Points.distance2(xyz, i, q, qi);
        all.add(new long[] {Float.floatToIntBits(d), i});
      }
    }
    all.sort(Comparator.<long[]>comparingDouble(p -> Float.intBitsToFloat((int) p[0]))
        .thenComparingLong(p -> p[1]));
    return all;
  }

  @Property(tries = 200)
  void knnIsThePrefixOfTheSortedDistances(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll @IntRange(min = 0, max = 3) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    float[] q = TestClouds.queries(seed, xyz, n, 5, grid);
    int[] idx = new int[k];
    float[] d2 = new float[k];
    for (int qi = 0; qi < 5; qi++) {
      int found =
          BruteForceSearch.knn(xyz, n, q[3 * qi], q[3 * qi + 1], q[3 * qi + 2], k, idx, d2, 0);
      List<long[]> ref = sortedPairs(xyz, n, q, qi);
      assertThat(found).isEqualTo(Math.min(k, ref.size()));
      for (int j = 0; j < k; j++) {
        if (j < found) {
          assertThat(idx[j]).isEqualTo((int) ref.get(j)[1]);
          assertThat(d2[j]).isEqualTo(Float.intBitsToFloat((int) ref.get(j)[0]));
        } else {
          assertThat(idx[j]).isEqualTo(-1);
          assertThat(d2[j]).isEqualTo(Float.POSITIVE_INFINITY);
        }
      }
    }
  }

  @Test
  void radiusIsInclusiveAndSortedWithTiesByIndex() {
    float[] xyz = {1, 0, 0, 0, 0, 0, -1, 0, 0, 0, 2, 0, 0, 1, 0};
    Neighbors nb = new Neighbors();
    int found = BruteForceSearch.radius(xyz, 5, 0, 0, 0, 1f, nb);
    assertThat(found).isEqualTo(4);
    assertThat(nb.indices()).containsExactly(1, 0, 2, 4);
    assertThat(nb.distances2()).containsExactly(0f, 1f, 1f, 1f);
  }

  @Test
  void hybridKeepsTheNearestWithinTheRadius() {
    float[] xyz = {3, 0, 0, 0.5f, 0, 0, 0.1f, 0, 0, 0.9f, 0, 0};
    int[] idx = new int[3];
    float[] d2 = new float[3];
    int found = BruteForceSearch.hybrid(xyz, 4, 0, 0, 0, 1f, 2, idx, d2, 0);
    assertThat(found).isEqualTo(2);
    assertThat(idx).containsExactly(2, 1, 0); // third slot untouched (only maxCount written)
  }

  @Test
  void nonFinitePointsAreSkippedAndNonFiniteQueriesFindNothing() {
    float[] xyz = {Float.NaN, 0, 0, 1, 1, 1, 0, Float.POSITIVE_INFINITY, 0};
    int[] idx = new int[3];
    float[] d2 = new float[3];
    assertThat(BruteForceSearch.knn(xyz, 3, 0, 0, 0, 3, idx, d2, 0)).isEqualTo(1);
    assertThat(idx).containsExactly(1, -1, -1);
    assertThat(BruteForceSearch.knn(xyz, 3, Float.NaN, 0, 0, 3, idx, d2, 0)).isZero();
    assertThat(idx).containsExactly(-1, -1, -1);
  }

  @Test
  void rejectsBadArguments() {
    float[] xyz = {0, 0, 0};
    assertThatThrownBy(() -> BruteForceSearch.knn(xyz, 1, 0, 0, 0, 0, new int[1], new float[1], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BruteForceSearch.knn(xyz, 1, 0, 0, 0, 2, new int[1], new float[2], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outIdx");
    assertThatThrownBy(() -> BruteForceSearch.radius(xyz, 1, 0, 0, 0, -1f, new Neighbors()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

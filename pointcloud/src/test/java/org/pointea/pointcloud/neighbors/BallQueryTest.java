package org.pointea.pointcloud.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.TestClouds;

class BallQueryTest {

  /** The reference kernel, written out: scan in index order, strict radius, pad with the first. */
  static int[] reference(float[] xyz, int n, float[] q, int m, float radius, int nsample) {
    int[] idx = new int[m * nsample]; // zero-initialised, as torch.zeros in the reference
    float r2 = radius * radius;
    for (int j = 0; j < m; j++) {
      int cnt = 0;
      for (int k = 0; k < n && cnt < nsample; k++) {
        if (Points.distance2(xyz, k, q, j) < r2) {
          if (cnt == 0) {
            Arrays.fill(idx, j * nsample, (j + 1) * nsample, k);
          }
          idx[j * nsample + cnt++] = k;
        }
      }
    }
    return idx;
  }

  @Property(tries = 150)
  void equalsTheReferenceKernel(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 40) int nsample,
      @ForAll @FloatRange(min = 0, max = 0.8f) float radius,
      @ForAll @IntRange(min = 0, max = 4) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    int m = 25;
    float[] q = TestClouds.queries(seed, xyz, n, m, grid);
    int[] idx = new int[m * nsample];
    int[] count = new int[m];
    BallQuery.query(xyz, n, q, m, radius, nsample, idx, count);
    assertThat(idx).containsExactly(reference(xyz, n, q, m, radius, nsample));
  }

  @Test
  void theTreePathEqualsTheScanOnLargeClouds() {
    int n = BallQuery.TREE_THRESHOLD * 3;
    float[] xyz = TestClouds.random(4, n, 50); // lattice: many points exactly at the radius
    int m = 400;
    float[] q = TestClouds.queries(5, xyz, n, m, 50);
    int[] idx = new int[m * 16];
    BallQuery.query(xyz, n, q, m, 0.06f, 16, idx, null, 0);
    assertThat(idx).containsExactly(reference(xyz, n, q, m, 0.06f, 16));
    int[] batched = new int[2 * m * 16];
    float[] two = new float[6 * n];
    System.arraycopy(xyz, 0, two, 0, 3 * n);
    System.arraycopy(xyz, 0, two, 3 * n, 3 * n);
    float[] twoQ = new float[6 * m];
    System.arraycopy(q, 0, twoQ, 0, 3 * m);
    System.arraycopy(q, 0, twoQ, 3 * m, 3 * m);
    BallQuery.queryBatch(two, n, twoQ, m, 2, 0.06f, 16, batched, null, 0);
    assertThat(Arrays.copyOfRange(batched, m * 16, 2 * m * 16)).containsExactly(idx);
  }

  @Test
  void padsWithTheFirstFoundAndCountsWhatWasFound() {
    float[] xyz = {5, 5, 5, 0.1f, 0, 0, 0, 0, 0, 0.3f, 0, 0};
    int[] idx = new int[5];
    int[] count = new int[1];
    BallQuery.query(xyz, 4, new float[] {0, 0, 0}, 1, 0.2f, 5, idx, count);
    assertThat(idx).containsExactly(1, 2, 1, 1, 1);
    assertThat(count).containsExactly(2);
  }

  @Test
  void radiusIsStrictAndAnEmptyBallGivesIndexZero() {
    float[] xyz = {1, 0, 0, 2, 0, 0};
    int[] idx = {7, 7, 7};
    int[] count = {9};
    BallQuery.query(xyz, 2, new float[] {0, 0, 0}, 1, 1f, 3, idx, count);
    assertThat(idx).containsExactly(0, 0, 0);
    assertThat(count).containsExactly(0);
  }

  @Test
  void rejectsNonFiniteAndBadArguments() {
    float[] nan = {Float.NaN, 0, 0};
    assertThatThrownBy(() -> BallQuery.query(nan, 1, new float[3], 1, 1f, 1, new int[1], null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> BallQuery.query(new float[3], 1, new float[3], 1, -1f, 1, new int[1], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BallQuery.query(new float[3], 1, new float[3], 1, 1f, 0, new int[1], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BallQuery.query(new float[0], 0, new float[3], 1, 1f, 1, new int[1], null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

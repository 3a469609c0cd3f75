package org.pointea.pointcloud.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.TestClouds;

class FarthestPointSamplerTest {

  /** The textbook algorithm: O(M² N), recomputing every distance to the picked set. */
  static int[] reference(float[] xyz, int n, int m, int start) {
    int[] out = new int[m];
    boolean[] picked = new boolean[n];
    out[0] = start;
    picked[start] = true;
    for (int s = 1; s < m; s++) {
      float best = -1;
      int bestIdx = -1;
      for (int i = 0; i < n; i++) {
        if (picked[i]) {
          continue;
        }
        float d = Float.POSITIVE_INFINITY;
        for (int j = 0; j < s; j++) {
          d = Math.min(d, Points.distance2(xyz, i, xyz, out[j]));
        }
        if (d > best) {
          best = d;
          bestIdx = i;
        }
      }
      out[s] = bestIdx;
      picked[bestIdx] = true;
    }
    return out;
  }

  @Property(tries = 200)
  void equalsTheReferenceOnRandomClouds(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 100) int mPercent,
      @ForAll @IntRange(min = 0, max = 4) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    int m = Math.max(1, n * mPercent / 100);
    int start = (int) Math.floorMod(seed, (long) n);
    assertThat(FarthestPointSampler.sample(xyz, n, m, start)).containsExactly(reference(xyz, n, m, start));
  }

  @Property(tries = 200)
  void picksDistinctPointsWithNonIncreasingSpread(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 0, max = 3) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    int m = n;
    int[] idx = FarthestPointSampler.sample(xyz, n, m);
    assertThat(Arrays.stream(idx).distinct().count()).isEqualTo(m);
    float previous = Float.POSITIVE_INFINITY;
    for (int s = 1; s < m; s++) {
      float d = Float.POSITIVE_INFINITY;
      for (int j = 0; j < s; j++) {
        d = Math.min(d, Points.distance2(xyz, idx[s], xyz, idx[j]));
      }
      assertThat(d).as("spread at pick %d", s).isLessThanOrEqualTo(previous);
      previous = d;
    }
  }

  @Property(tries = 30)
  void batchEqualsOneCloudAtATime(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int batch,
      @ForAll @IntRange(min = 1, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 64) int m) {
    float[] all = TestClouds.random(seed, batch * n, 0);
    int[] got = FarthestPointSampler.sampleBatch(all, batch, n, m, 0);
    for (int b = 0; b < batch; b++) {
      float[] one = Arrays.copyOfRange(all, 3 * b * n, 3 * (b + 1) * n);
      assertThat(Arrays.copyOfRange(got, b * m, (b + 1) * m))
          .containsExactly(FarthestPointSampler.sample(one, n, m));
    }
  }

  @Test
  void startsAtIndexZeroByDefaultAndPicksTheFarthestNext() {
    float[] xyz = {0, 0, 0, 1, 0, 0, 5, 0, 0, 2, 0, 0};
    assertThat(FarthestPointSampler.sample(xyz, 4, 3)).containsExactly(0, 2, 3);
    assertThat(FarthestPointSampler.sample(xyz, 4, 2, 2)).containsExactly(2, 0);
  }

  @Test
  void callerBufferKernelMatchesTheAllocatingForm() {
    float[] xyz = TestClouds.random(7, 500, 0);
    int[] out = new int[64 + 3];
    float[] scratch = new float[500];
    FarthestPointSampler.sample(xyz, 500, 64, 11, out, scratch);
    assertThat(Arrays.copyOf(out, 64)).containsExactly(FarthestPointSampler.sample(xyz, 500, 64, 11));
  }

  @Test
  void randomStartIsSeededAndReproducible() {
    float[] xyz = TestClouds.random(3, 1000, 0);
    int[] a = FarthestPointSampler.sampleRandomStart(xyz, 1000, 16, 42);
    int[] b = FarthestPointSampler.sampleRandomStart(xyz, 1000, 16, 42);
    assertThat(a).containsExactly(b);
    long distinctStarts =
        IntStream.range(0, 20)
            .map(seed -> FarthestPointSampler.sampleRandomStart(xyz, 1000, 1, seed)[0])
            .distinct()
            .count();
    assertThat(distinctStarts).isGreaterThan(10);
  }

  @Test
  void fewerPointsThanRequestedRepeatsTheSequence() {
    float[] xyz = {0, 0, 0, 3, 0, 0, 1, 0, 0};
    int[] idx = FarthestPointSampler.sample(xyz, 3, 8);
    assertThat(idx).containsExactly(0, 1, 2, 0, 1, 2, 0, 1);
  }

  @Test
  void identicalPointsArePickedInIndexOrder() {
    float[] xyz = new float[3 * 6];
    Arrays.fill(xyz, 0.5f);
    assertThat(FarthestPointSampler.sample(xyz, 6, 4, 2)).containsExactly(2, 0, 1, 3);
  }

  @Test
  void zeroRequestedGivesNothingEvenFromAnEmptyCloud() {
    assertThat(FarthestPointSampler.sample(new float[0], 0, 0)).isEmpty();
  }

  @Test
  void rejectsEmptyCloudNonFinitePointsAndBadArguments() {
    assertThatThrownBy(() -> FarthestPointSampler.sample(new float[0], 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    float[] nan = {0, 0, 0, Float.NaN, 0, 0};
    assertThatThrownBy(() -> FarthestPointSampler.sample(nan, 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point 1");
    float[] inf = {0, 0, Float.POSITIVE_INFINITY};
    assertThatThrownBy(() -> FarthestPointSampler.sample(inf, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    float[] ok = TestClouds.random(1, 10, 0);
    assertThatThrownBy(() -> FarthestPointSampler.sample(ok, 10, 3, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FarthestPointSampler.sample(ok, 11, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FarthestPointSampler.sample(ok, 10, 3, 0, new int[3], new float[9]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scratch");
    assertThatThrownBy(() -> FarthestPointSampler.sample(ok, 10, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void downsampleGathersChannels() {
    PointCloud c =
        PointCloud.builder(new float[] {0, 0, 0, 1, 0, 0, 9, 0, 0}).labels(new int[] {4, 5, 6}).build();
    PointCloud d = FarthestPointSampler.downsample(c, 2);
    assertThat(d.labels()).containsExactly(4, 6);
    assertThat(d.positions()).containsExactly(0, 0, 0, 9, 0, 0);
  }
}

package org.pointea.pointcloud.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.TestClouds;

class RadiusSearchTest {

  @Property(tries = 60)
  void findsExactlyThePointsTheRuleAccepts(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int n,
      @ForAll @IntRange(min = 0, max = 6) int grid, @ForAll @DoubleRange(min = 0, max = 1.5) double r) {
    float[] xyz = TestClouds.random(seed, n, grid);
    // on a grid, radii that are multiples of the spacing put many points exactly at the radius
    double radius = grid > 0 ? Math.round(r * grid) / (double) grid : r;
    float[] queries = TestClouds.queries(seed, xyz, n, 20, grid);
    KdTree tree = KdTree.build(xyz, n);
    Neighbors found = new Neighbors();
    for (RadiusRule rule : RadiusRule.values()) {
      RadiusSearch search = new RadiusSearch(tree, xyz, rule, radius);
      for (int q = 0; q < 20; q++) {
        double qx = queries[3 * q], qy = queries[3 * q + 1], qz = queries[3 * q + 2];
        int[] expected = IntStream.range(0, n)
            .filter(j -> rule.accepts(xyz, j, qx, qy, qz, radius)).toArray();
        search.neighbors(qx, qy, qz, found);
        int[] got = found.indices();
        Arrays.sort(got);
        assertThat(got).as("%s query %d", rule, q).containsExactly(expected);
        for (int limit : new int[] {1, 3, 50}) {
          assertThat(search.count(qx, qy, qz, limit, new int[limit], new float[limit],
              new Neighbors())).isEqualTo(Math.min(limit, expected.length));
        }
        int nearest = search.nearest(qx, qy, qz, new int[1], new float[1]);
        if (expected.length == 0) {
          assertThat(nearest).isEqualTo(-1);
        } else {
          assertThat(expected).contains(nearest);
        }
      }
    }
  }

  @Property(tries = 40)
  void batchNearestIsTheSingleNearestWhateverTheHints(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int n,
      @ForAll @IntRange(min = 0, max = 6) int grid, @ForAll @DoubleRange(min = 0, max = 1) double r) {
    float[] xyz = TestClouds.random(seed, n, grid);
    int m = 1500; // above the size where queries are reordered
    float[] qf = TestClouds.queries(seed, xyz, n, m, grid);
    double[] q = new double[3 * m];
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    for (int i = 0; i < 3 * m; i++) {
      q[i] = qf[i] + (i % 7 == 0 ? rng.nextDouble(-1e-3, 1e-3) : 0);
    }
    RadiusSearch search = new RadiusSearch(KdTree.build(xyz, n), xyz, RadiusRule.OPEN3D, r);
    int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = n == 0 ? -1 : rng.nextInt(-1, n);
    }
    search.nearest(q, m, new float[3 * m], idx, 2);
    for (int i = 0; i < m; i++) {
      assertThat(idx[i]).isEqualTo(search.nearest(q[3 * i], q[3 * i + 1], q[3 * i + 2],
          new int[1], new float[1]));
    }
  }

  @Test
  void theRulesDifferOnlyAtTheBoundary() {
    float[] xyz = {0, 0, 0, 0.5f, 0, 0};
    assertThat(RadiusRule.OPEN3D.accepts(xyz, 1, 0, 0, 0, 0.5)).isFalse();
    assertThat(RadiusRule.PCL_RADIUS.accepts(xyz, 1, 0, 0, 0, 0.5)).isFalse();
    assertThat(RadiusRule.PCL_KNN.accepts(xyz, 1, 0, 0, 0, 0.5)).isTrue();
    assertThat(RadiusRule.INCLUSIVE.accepts(xyz, 1, 0, 0, 0, 0.5)).isTrue();
    for (RadiusRule rule : RadiusRule.values()) {
      assertThat(rule.accepts(xyz, 1, 0, 0, 0, 0.5000001)).isTrue();
      assertThat(rule.accepts(xyz, 1, 0, 0, 0, 0.4999999)).isFalse();
    }
  }

  @Test
  void aDoubleQueryIsSearchedInDouble() {
    // the query rounds to 0.5 in float, outside the radius; in double it is just inside
    float[] xyz = {0.6f, 0, 0};
    double q = 0.5 + 2e-8;
    double radius = 0.10000001;
    assertThat(0.6f - q).isLessThan(radius);
    assertThat(0.6f - (float) q).isGreaterThan((float) radius);
    RadiusSearch s = new RadiusSearch(KdTree.build(xyz, 1), xyz, RadiusRule.OPEN3D, radius);
    assertThat(s.nearest(q, 0, 0, new int[1], new float[1])).isZero();
    assertThat(s.nearest(q - 3e-8, 0, 0, new int[1], new float[1])).isEqualTo(-1);
    assertThatThrownBy(() -> new RadiusSearch(KdTree.build(xyz, 1), xyz, RadiusRule.OPEN3D, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package org.pointea.pointcloud.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.TestClouds;

class KdTreeTest {

  @Property(tries = 200)
  void nearestIsTheFirstKnnResultWithinTheRadiusWhateverTheHint(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 6) int grid, @ForAll @IntRange(min = -1, max = 299) int hint,
      @ForAll @FloatRange(min = 0, max = 2) float radius) {
    float[] xyz = TestClouds.random(seed, n, grid);
    float[] queries = TestClouds.queries(seed, xyz, n, 30, grid);
    KdTree tree = KdTree.build(xyz, n, 4);
    int[] idx = new int[1];
    float[] d2 = new float[1];
    for (int q = 0; q < 30; q++) {
      float x = queries[3 * q], y = queries[3 * q + 1], z = queries[3 * q + 2];
      int found = tree.hybrid(x, y, z, radius, 1, idx, d2, 0);
      int expected = found == 0 ? -1 : idx[0];
      assertThat(tree.nearest(x, y, z, radius * radius, hint)).isEqualTo(expected);
      assertThat(tree.nearest(x, y, z, Float.POSITIVE_INFINITY, hint))
          .isEqualTo(n == 0 ? -1 : tree.knn(x, y, z, 1, idx, d2, 0) == 0 ? -1 : idx[0]);
    }
    assertThat(tree.nearest(Float.NaN, 0, 0, 1, hint)).isEqualTo(-1);
    int[] order = tree.queryOrder(queries, 30);
    assertThat(Arrays.stream(order).sorted().toArray()).containsExactly(
        java.util.stream.IntStream.range(0, 30).toArray());
  }

  @Property(tries = 300)
  void knnEqualsBruteForceIncludingTiesAndDuplicates(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll @IntRange(min = 1, max = 16) int leafSize,
      @ForAll @IntRange(min = 0, max = 4) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    int m = 20;
    float[] q = TestClouds.queries(seed, xyz, n, m, grid);
    KdTree tree = KdTree.build(xyz, n, leafSize);
    int[] idx = new int[m * k];
    float[] d2 = new float[m * k];
    tree.knn(q, m, k, idx, d2, 1);
    int[] refIdx = new int[m * k];
    float[] refD2 = new float[m * k];
    BruteForceSearch.knn(xyz, n, q, m, k, refIdx, refD2, 1);
    assertThat(idx).containsExactly(refIdx);
    assertThat(d2).containsExactly(refD2);
  }

  @Property(tries = 200)
  void radiusAndHybridEqualBruteForce(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 20) int maxCount,
      @ForAll @FloatRange(min = 0, max = 0.6f) float radius,
      @ForAll @IntRange(min = 1, max = 16) int leafSize,
      @ForAll @IntRange(min = 0, max = 4) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    float[] q = TestClouds.queries(seed, xyz, n, 10, grid);
    KdTree tree = KdTree.build(xyz, n, leafSize);
    Neighbors got = new Neighbors(1);
    Neighbors want = new Neighbors();
    int[] hIdx = new int[maxCount];
    float[] hD2 = new float[maxCount];
    int[] rIdx = new int[maxCount];
    float[] rD2 = new float[maxCount];
    for (int i = 0; i < 10; i++) {
      float x = q[3 * i], y = q[3 * i + 1], z = q[3 * i + 2];
      tree.radius(x, y, z, radius, got);
      BruteForceSearch.radius(xyz, n, x, y, z, radius, want);
      assertThat(got.indices()).containsExactly(want.indices());
      assertThat(got.distances2()).containsExactly(want.distances2());
      int c1 = tree.hybrid(x, y, z, radius, maxCount, hIdx, hD2, 0);
      int c2 = BruteForceSearch.hybrid(xyz, n, x, y, z, radius, maxCount, rIdx, rD2, 0);
      assertThat(c1).isEqualTo(c2).isEqualTo(Math.min(maxCount, want.size()));
      assertThat(hIdx).containsExactly(rIdx);
      assertThat(hD2).containsExactly(rD2);
    }
  }

  @Test
  void batchedRadiusMatchesSingleQueries() {
    float[] xyz = TestClouds.random(5, 2000, 0);
    float[] q = TestClouds.queries(6, xyz, 2000, 300, 0);
    KdTree tree = KdTree.build(xyz, 2000);
    RadiusResult all = tree.radius(q, 300, 0.2f, 0);
    assertThat(all.queryCount()).isEqualTo(300);
    Neighbors nb = new Neighbors();
    for (int i = 0; i < 300; i++) {
      tree.radius(q[3 * i], q[3 * i + 1], q[3 * i + 2], 0.2f, nb);
      assertThat(all.indicesOf(i)).containsExactly(nb.indices());
    }
  }

  @Test
  void parallelQueriesEqualSequentialOnes() {
    float[] xyz = TestClouds.random(11, 20_000, 0);
    float[] q = TestClouds.queries(12, xyz, 20_000, 5_000, 0);
    KdTree tree = KdTree.build(xyz, 20_000);
    int k = 16;
    int[] a = new int[5_000 * k];
    int[] b = new int[5_000 * k];
    float[] da = new float[a.length];
    float[] db = new float[b.length];
    tree.knn(q, 5_000, k, a, da, 1);
    tree.knn(q, 5_000, k, b, db, 4);
    assertThat(b).containsExactly(a);
    int[] ca = new int[5_000];
    tree.hybrid(q, 5_000, 0.05f, k, a, da, ca, 1);
    int[] cb = new int[5_000];
    tree.hybrid(q, 5_000, 0.05f, k, b, db, cb, 3);
    assertThat(b).containsExactly(a);
    assertThat(cb).containsExactly(ca);
  }

  @Test
  void nonFinitePointsAreNotIndexed() {
    float[] xyz = {0, 0, 0, Float.NaN, 0, 0, 1, 0, 0, 0, Float.NEGATIVE_INFINITY, 0};
    KdTree tree = KdTree.build(xyz, 4, 1);
    assertThat(tree.size()).isEqualTo(4);
    assertThat(tree.indexedCount()).isEqualTo(2);
    int[] idx = new int[4];
    float[] d2 = new float[4];
    assertThat(tree.knn(0.9f, 0, 0, 4, idx, d2, 0)).isEqualTo(2);
    assertThat(idx).containsExactly(2, 0, -1, -1);
    assertThat(d2[2]).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(tree.knn(Float.NaN, 0, 0, 2, idx, d2, 0)).isZero();
  }

  @Test
  void allIdenticalPointsComeBackInIndexOrder() {
    float[] xyz = new float[3 * 50];
    Arrays.fill(xyz, 2f);
    KdTree tree = KdTree.build(xyz, 50, 4);
    int[] idx = new int[5];
    float[] d2 = new float[5];
    tree.knn(2f, 2f, 2f, 5, idx, d2, 0);
    assertThat(idx).containsExactly(0, 1, 2, 3, 4);
    Neighbors nb = new Neighbors();
    assertThat(tree.radius(2f, 2f, 3f, 1f, nb)).isEqualTo(50);
    assertThat(tree.radius(2f, 2f, 3f, 0.999f, nb)).isZero();
  }

  @Test
  void emptyTreeFindsNothing() {
    KdTree tree = KdTree.build(new float[0], 0);
    int[] idx = new int[2];
    float[] d2 = new float[2];
    assertThat(tree.knn(0, 0, 0, 2, idx, d2, 0)).isZero();
    assertThat(idx).containsExactly(-1, -1);
    assertThat(tree.radius(0, 0, 0, 1, new Neighbors())).isZero();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> KdTree.build(new float[5], 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KdTree.build(new float[3], 1, 0)).isInstanceOf(IllegalArgumentException.class);
    KdTree tree = KdTree.build(new float[3], 1);
    assertThatThrownBy(() -> tree.knn(new float[3], 1, 4, new int[3], new float[4], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outIdx");
    assertThatThrownBy(() -> tree.radius(0, 0, 0, Float.NaN, new Neighbors()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parallelBuildGivesTheSameTree() {
    float[] xyz = TestClouds.random(13, 150_000, 0);
    KdTree one = KdTree.build(xyz, 150_000, KdTree.DEFAULT_LEAF_SIZE, 1);
    KdTree all = KdTree.build(xyz, 150_000, KdTree.DEFAULT_LEAF_SIZE, 4);
    assertThat(all.treeOrder()).containsExactly(one.treeOrder());
    int[] a = new int[8];
    int[] b = new int[8];
    one.knn(0.1f, 0.2f, 0.3f, 8, a, new float[8], 0);
    all.knn(0.1f, 0.2f, 0.3f, 8, b, new float[8], 0);
    assertThat(b).containsExactly(a);
  }

  @Test
  void unsortedSearchFindsTheSameSet() {
    float[] xyz = TestClouds.random(14, 3000, 3);
    KdTree tree = KdTree.build(xyz, 3000);
    int[] sorted = new int[20];
    int[] unsorted = new int[20];
    float[] d2 = new float[20];
    tree.hybrid(0.5f, 0.5f, 0.5f, 0.3f, 20, sorted, d2, 0);
    int found = tree.knnUnsorted(0.5f, 0.5f, 0.5f, 0.3f, 20, unsorted, d2, 0);
    Arrays.sort(unsorted, 0, found);
    int[] expected = Arrays.copyOf(sorted, found);
    Arrays.sort(expected);
    assertThat(Arrays.copyOf(unsorted, found)).containsExactly(expected);
  }

  @Test
  void treeOrderIsAPermutationOfTheFinitePoints() {
    float[] xyz = TestClouds.random(1, 1000, 2);
    int[] order = KdTree.build(xyz, 1000, 3).treeOrder();
    Arrays.sort(order);
    for (int i = 0; i < 1000; i++) {
      assertThat(order[i]).isEqualTo(i);
    }
  }
}

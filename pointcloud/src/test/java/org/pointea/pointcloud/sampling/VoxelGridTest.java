package org.pointea.pointcloud.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TestClouds;
import org.pointea.pointcloud.Viewpoint;

class VoxelGridTest {

  /** Reference: a hash map from voxel triple to its member points. */
  static Map<List<Long>, List<Integer>> reference(float[] xyz, int n, float size) {
    Map<List<Long>, List<Integer>> map = new HashMap<>();
    for (int i = 0; i < n; i++) {
      List<Long> key =
          List.of(
              (long) Math.floor(xyz[3 * i] / (double) size),
              (long) Math.floor(xyz[3 * i + 1] / (double) size),
              (long) Math.floor(xyz[3 * i + 2] / (double) size));
      map.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(i);
    }
    return map;
  }

  @Property(tries = 100)
  void assignmentMatchesAHashMapGrouping(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 500) int n,
      @ForAll @IntRange(min = 1, max = 50) int inverseSize) {
    float[] xyz = TestClouds.random(seed, n, 0);
    float size = 1f / inverseSize;
    VoxelGrid.Assignment a = VoxelGrid.assign(xyz, n, size);
    Map<List<Long>, List<Integer>> ref = reference(xyz, n, size);
    assertThat(a.voxelCount()).isEqualTo(ref.size());
    for (int v = 0; v < a.voxelCount(); v++) {
      List<Integer> members = new java.util.ArrayList<>();
      for (int j = a.voxelStarts()[v]; j < a.voxelStarts()[v + 1]; j++) {
        members.add(a.pointOrder()[j]);
      }
      int p = members.get(0);
      List<Long> key =
          List.of(
              (long) Math.floor(xyz[3 * p] / (double) size),
              (long) Math.floor(xyz[3 * p + 1] / (double) size),
              (long) Math.floor(xyz[3 * p + 2] / (double) size));
      assertThat(members).isEqualTo(ref.get(key)); // same members, ascending index order
    }
  }

  @Test
  void centroidModeAveragesPositionsAndChannels() {
    PointCloud c =
        PointCloud.builder(new float[] {0.1f, 0.1f, 0.1f, 0.3f, 0.1f, 0.1f, 1.5f, 0.5f, 0.5f})
            .normals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1})
            .intensity(new float[] {1, 3, 7})
            .labels(new int[] {4, 2, 9})
            .viewpoint(new Viewpoint(1, 2, 3, 1, 0, 0, 0))
            .build();
    PointCloud d = VoxelGrid.downsample(c, 1f);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.positions()).containsExactly(0.2f, 0.1f, 0.1f, 1.5f, 0.5f, 0.5f);
    float h = (float) Math.sqrt(0.5);
    assertThat(d.normals()).containsExactly(h, h, 0, 0, 0, 1);
    assertThat(d.floatChannel("intensity").toArray()).containsExactly(2f, 7f);
    assertThat(d.labels()).containsExactly(2, 9); // tie between 4 and 2: the smaller label
    assertThat(d.viewpoint()).isEqualTo(c.viewpoint());
  }

  @Test
  void nearestToCentroidKeepsOriginalPoints() {
    float[] xyz = {0.1f, 0, 0, 0.45f, 0, 0, 0.9f, 0, 0, 2.5f, 0, 0};
    assertThat(VoxelGrid.nearestToCentroid(xyz, 4, 1f)).containsExactly(1, 3);
    PointCloud c = PointCloud.builder(xyz).labels(new int[] {1, 2, 3, 4}).build();
    PointCloud d = VoxelGrid.downsample(c, 1f, VoxelGrid.Mode.NEAREST_TO_CENTROID);
    assertThat(d.labels()).containsExactly(2, 4);
  }

  @Test
  void negativeCoordinatesUseFloor() {
    float[] xyz = {-0.5f, 0, 0, 0.5f, 0, 0, -0.1f, 0, 0};
    assertThat(VoxelGrid.assign(xyz, 3, 1f).voxelCount()).isEqualTo(2);
    assertThat(VoxelGrid.centroids(xyz, 3, 1f)).containsExactly(-0.3f, 0, 0, 0.5f, 0, 0);
  }

  @Test
  void identicalPointsCollapseToOne() {
    float[] xyz = new float[300];
    java.util.Arrays.fill(xyz, 3.3f);
    assertThat(VoxelGrid.centroids(xyz, 100, 0.01f)).containsExactly(3.3f, 3.3f, 3.3f);
  }

  @Test
  void nonFinitePointsAreDroppedAndEmptyCloudsStayEmpty() {
    float[] xyz = {Float.NaN, 0, 0, 0, 0, 0, 1, Float.POSITIVE_INFINITY, 0};
    assertThat(VoxelGrid.nearestToCentroid(xyz, 3, 1f)).containsExactly(1);
    assertThat(VoxelGrid.downsample(PointCloud.empty(), 1f).size()).isZero();
  }

  @Test
  void rejectsBadSizes() {
    float[] xyz = {-3e38f, 0, 0, 3e38f, 3e38f, 3e38f};
    assertThatThrownBy(() -> VoxelGrid.assign(xyz, 2, 1e-30f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too small");
    assertThatThrownBy(() -> VoxelGrid.assign(xyz, 2, 0f)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VoxelGrid.assign(xyz, 2, Float.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void radixSortIsStable() {
    long[] keys = {5, 1, 5, 0, 1, 1L << 40};
    int[] order = {0, 1, 2, 3, 4, 5};
    VoxelGrid.radixSort(keys, order, 41);
    assertThat(keys).containsExactly(0, 1, 1, 5, 5, 1L << 40);
    assertThat(order).containsExactly(3, 1, 4, 0, 2, 5);
  }
}

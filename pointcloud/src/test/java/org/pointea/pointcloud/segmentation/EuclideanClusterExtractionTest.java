package org.pointea.pointcloud.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.pointcloud.GeometryFixtures;
import org.pointea.pointcloud.TestClouds;
import org.pointea.pointcloud.neighbors.RadiusRule;

class EuclideanClusterExtractionTest {

  /**
   * PCL's pcl_cluster_extraction on real scans (the milk carton; the objects on the table of
   * table_scene_mug once its plane is removed, with the PCL tutorial's 2 cm, 100 to 25,000
   * points) and on a lattice with neighbours at exactly the tolerance: the same clusters, and
   * sizes in PCL's order (largest first); equal-sized clusters may come in any order in PCL.
   */
  @ParameterizedTest
  @ValueSource(strings = {"milk_euclidean_0.005_1_1000000",
      "table_scene_mug_objects_euclidean_0.02_100_25000", "lattice_euclidean_0.25_1_1000000",
      "lattice_euclidean_0.5_2_200"})
  void findsTheClustersPclFinds(String name) {
    JsonNode c = GeometryFixtures.golden(name);
    String dataset = c.get("dataset").asText();
    JsonNode p = c.get("params");
    float[] xyz = GeometryFixtures.xyz(dataset);
    if (!p.get("subset").isNull()) {
      int[] subset = GeometryFixtures.ints(dataset, p.get("subset").asText());
      float[] sub = new float[3 * subset.length];
      for (int i = 0; i < subset.length; i++) {
        System.arraycopy(xyz, 3 * subset[i], sub, 3 * i, 3);
      }
      xyz = sub;
    }
    Clustering got = new EuclideanClusterExtraction(p.get("tolerance").asDouble(),
        p.get("min").asInt(), p.get("max").asInt()).cluster(xyz, xyz.length / 3, 0);
    int[] expected = GeometryFixtures.ints(dataset, name);
    assertThat(got.clusterCount()).isEqualTo(c.get("result").get("clusters").asInt());
    assertThat(clusterSets(got.labels())).isEqualTo(clusterSets(expected));
    int[] sizes = got.sizes();
    for (int k = 0; k < sizes.length; k++) {
      assertThat(sizes[k]).isEqualTo(sizeOf(expected, k));
    }
  }

  @Property(tries = 40)
  void clustersAreTheConnectedComponentsWithinTheSizeLimits(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 5) int min, @ForAll @IntRange(min = 0, max = 5) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    double tol = grid > 0 ? 1.0 / grid : 0.2;
    int max = Math.max(min, n / 3);
    Clustering got = new EuclideanClusterExtraction(tol, min, max).cluster(xyz, n, 1);
    // union-find over the strict float radius graph
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    double r = (float) tol;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (RadiusRule.PCL_RADIUS.accepts(xyz, j, xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], r)) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    int[] compSize = new int[n];
    for (int i = 0; i < n; i++) {
      compSize[find(parent, i)]++;
    }
    int[] expected = new int[n];
    for (int i = 0; i < n; i++) {
      int s = compSize[find(parent, i)];
      expected[i] = s >= min && s <= max ? find(parent, i) : -1;
    }
    assertThat(clusterSets(got.labels())).isEqualTo(clusterSets(expected));
    int[] sizes = got.sizes();
    for (int k = 1; k < sizes.length; k++) {
      assertThat(sizes[k]).isLessThanOrEqualTo(sizes[k - 1]);
    }
    assertThat(new EuclideanClusterExtraction(tol, min, max).cluster(xyz, n, 2)).isEqualTo(got);
  }

  @Test
  void clustersOutsideTheLimitsAreDroppedWholeNotSplit() {
    float[] xyz = {0, 0, 0, 0.1f, 0, 0, 0.2f, 0, 0, 5, 5, 5, 5.1f, 5, 5};
    Clustering c = new EuclideanClusterExtraction(0.15, 1, 2).cluster(xyz, 5, 1);
    assertThat(c.labels()).containsExactly(-1, -1, -1, 0, 0);
    assertThat(EuclideanClusterExtraction.of(0.15).cluster(xyz, 5, 1).labels())
        .containsExactly(0, 0, 0, 1, 1);
  }

  @Test
  void parametersAreChecked() {
    assertThatThrownBy(() -> new EuclideanClusterExtraction(0, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EuclideanClusterExtraction(1, 3, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 <= min <= max");
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static int sizeOf(int[] labels, int label) {
    int s = 0;
    for (int l : labels) {
      s += l == label ? 1 : 0;
    }
    return s;
  }

  /** The clusters as sets of point indices, noise left out. */
  static Set<Set<Integer>> clusterSets(int[] labels) {
    java.util.Map<Integer, Set<Integer>> by = new java.util.HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        by.computeIfAbsent(labels[i], k -> new HashSet<>()).add(i);
      }
    }
    return new HashSet<>(new ArrayList<>(by.values()));
  }

}

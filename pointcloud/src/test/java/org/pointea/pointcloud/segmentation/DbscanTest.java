package org.pointea.pointcloud.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.pointcloud.GeometryFixtures;
import org.pointea.pointcloud.TestClouds;
import org.pointea.pointcloud.neighbors.RadiusRule;

class DbscanTest {

  /** Open3D's cluster_dbscan on real scans and on a lattice with neighbours at exactly eps. */
  @ParameterizedTest
  @ValueSource(strings = {"fragment_dbscan_0.02_10", "table_scene_mug_dbscan_0.005_10",
      "milk_dbscan_0.005_5", "lattice_dbscan_0.25_3", "lattice_dbscan_0.5_5"})
  void labelsEveryPointAsOpen3dDoes(String name) {
    JsonNode c = GeometryFixtures.golden(name);
    String dataset = c.get("dataset").asText();
    Dbscan dbscan = new Dbscan(c.get("params").get("eps").asDouble(),
        c.get("params").get("min_points").asInt());
    float[] xyz = GeometryFixtures.xyz(dataset);
    Clustering got = dbscan.cluster(xyz, xyz.length / 3, 0);
    assertThat(got.labels()).containsExactly(GeometryFixtures.ints(dataset, name));
    assertThat(got.clusterCount()).isEqualTo(c.get("result").get("clusters").asInt());
  }

  @Property(tries = 40)
  void matchesOpen3dsAlgorithmTranscribed(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int n,
      @ForAll @IntRange(min = 0, max = 6) int minPoints, @ForAll @IntRange(min = 0, max = 5) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    double eps = grid > 0 ? 1.0 / grid : 0.25;
    Clustering got = new Dbscan(eps, minPoints).cluster(xyz, n, 1);
    assertThat(got.labels()).containsExactly(open3dReference(xyz, n, eps, minPoints));
    assertThat(new Dbscan(eps, minPoints).cluster(xyz, n, 2)).isEqualTo(got);
  }

  @Test
  void nonFinitePointsAreNoise() {
    float[] xyz = {0, 0, 0, 0.1f, 0, 0, Float.NaN, 0, 0, 0.2f, 0, 0};
    assertThat(new Dbscan(0.15, 0).cluster(xyz, 4, 1).labels()).containsExactly(0, 0, -1, 0);
  }

  @Test
  void parametersAreChecked() {
    assertThatThrownBy(() -> new Dbscan(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Dbscan(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Dbscan(0.5, 3).toString()).isEqualTo("Dbscan(eps=0.5, min_points=3)");
  }

  /** Open3D 0.16 PointCloud::ClusterDBSCAN, with brute-force neighbours (order irrelevant). */
  static int[] open3dReference(float[] xyz, int n, double eps, int minPoints) {
    int[][] nbs = new int[n][];
    for (int i = 0; i < n; i++) {
      int fi = i;
      nbs[i] = java.util.stream.IntStream.range(0, n).filter(j -> RadiusRule.OPEN3D.accepts(xyz, j,
          xyz[3 * fi], xyz[3 * fi + 1], xyz[3 * fi + 2], eps)).toArray();
    }
    int[] labels = new int[n];
    Arrays.fill(labels, -2);
    int cluster = 0;
    for (int idx = 0; idx < n; idx++) {
      if (labels[idx] != -2) {
        continue;
      }
      if (nbs[idx].length < minPoints) {
        labels[idx] = -1;
        continue;
      }
      ArrayDeque<Integer> next = new ArrayDeque<>();
      for (int q : nbs[idx]) {
        next.add(q);
      }
      boolean[] visited = new boolean[n];
      visited[idx] = true;
      labels[idx] = cluster;
      while (!next.isEmpty()) {
        int nb = next.poll();
        visited[nb] = true;
        if (labels[nb] == -1) {
          labels[nb] = cluster;
        }
        if (labels[nb] != -2) {
          continue;
        }
        labels[nb] = cluster;
        if (nbs[nb].length >= minPoints) {
          for (int q : nbs[nb]) {
            if (!visited[q]) {
              next.add(q);
            }
          }
        }
      }
      cluster++;
    }
    return labels;
  }
}

package org.pointea.pointcloud.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.GeometryFixtures;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TestClouds;

class StatisticalOutlierRemovalTest {

  /** Open3D's remove_statistical_outlier and PCL's pcl_outlier_removal on real scans. */
  @ParameterizedTest
  @ValueSource(strings = {"fragment_sor_open3d_20_2.0", "table_scene_mug_sor_open3d_20_2.0",
      "milk_sor_open3d_20_2.0", "table_scene_mug_sor_open3d_50_1.0",
      "table_scene_mug_sor_pcl_50_1.0", "milk_sor_pcl_50_1.0", "fragment_sor_pcl_20_2.0"})
  void keepsExactlyTheIndicesOpen3dAndPclKeep(String name) {
    JsonNode c = GeometryFixtures.golden(name);
    String dataset = c.get("dataset").asText();
    JsonNode p = c.get("params");
    StatisticalOutlierRemoval f = c.get("algorithm").asText().endsWith("open3d")
        ? StatisticalOutlierRemoval.open3d(p.get("nb_neighbors").asInt(), p.get("std_ratio").asDouble())
        : StatisticalOutlierRemoval.pcl(p.get("mean_k").asInt(), p.get("std_dev_mul").asDouble());
    float[] xyz = GeometryFixtures.xyz(dataset);
    int[] got = f.filter(xyz, xyz.length / 3, 0);
    assertThat(got).containsExactly(GeometryFixtures.indexSet(dataset, name));
  }

  @Property(tries = 30)
  void open3dConventionMatchesADirectTranscription(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 12) int k, @ForAll @IntRange(min = 0, max = 6) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    double ratio = 0.5 + (seed & 3);
    assertThat(StatisticalOutlierRemoval.open3d(k, ratio).filter(xyz, n, 1))
        .containsExactly(open3dReference(xyz, n, k, ratio));
  }

  @Property(tries = 30)
  void pclConventionMatchesADirectTranscription(
      @ForAll long seed, @ForAll @IntRange(min = 3, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 12) int k, @ForAll @IntRange(min = 0, max = 6) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    double mul = (seed & 3) - 1.0;
    assertThat(StatisticalOutlierRemoval.pcl(Math.min(k, n - 1), mul).filter(xyz, n, 1))
        .containsExactly(pclReference(xyz, n, Math.min(k, n - 1), mul));
  }

  @Test
  void threadCountDoesNotChangeTheResult() {
    float[] xyz = GeometryFixtures.xyz("milk");
    int n = xyz.length / 3;
    StatisticalOutlierRemoval f = StatisticalOutlierRemoval.pcl(30, 0.5);
    assertThat(f.filter(xyz, n, 2)).containsExactly(f.filter(xyz, n, 1));
  }

  @Test
  void nonFinitePointsAreRemovedAndIgnoredByTheStatistics() {
    float[] xyz = TestClouds.random(3, 200, 0);
    float[] withNan = Arrays.copyOf(xyz, xyz.length + 6);
    Arrays.fill(withNan, xyz.length, withNan.length, Float.NaN);
    withNan[xyz.length + 3] = Float.POSITIVE_INFINITY;
    for (StatisticalOutlierRemoval f : new StatisticalOutlierRemoval[] {
        StatisticalOutlierRemoval.open3d(8, 1.0), StatisticalOutlierRemoval.pcl(8, 1.0)}) {
      assertThat(f.filter(withNan, 202, 1)).containsExactly(f.filter(xyz, 200, 1));
    }
  }

  @Test
  void tooFewPointsForStatisticsKeepNothingUnderOpen3dAndEverythingUnderPcl() {
    float[] one = {1, 2, 3};
    assertThat(StatisticalOutlierRemoval.open3d(5, 2).filter(one, 1, 1)).isEmpty();
    float[] two = {0, 0, 0, 1, 0, 0};
    assertThat(StatisticalOutlierRemoval.pcl(5, 2).filter(two, 2, 1)).containsExactly(0, 1);
    assertThat(StatisticalOutlierRemoval.open3d(5, 2).filter(new float[0], 0, 1)).isEmpty();
  }

  @Test
  void applyGathersEveryChannel() {
    float[] xyz = {0, 0, 0, 0.1f, 0, 0, 0, 0.1f, 0, 0.1f, 0.1f, 0, 9, 9, 9};
    PointCloud cloud = PointCloud.builder(xyz).labels(new int[] {1, 2, 3, 4, 5}).build();
    PointCloud kept = StatisticalOutlierRemoval.pcl(2, 0.5).apply(cloud);
    assertThat(kept.labels()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void parametersAreChecked() {
    assertThatThrownBy(() -> StatisticalOutlierRemoval.open3d(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neighbors");
    assertThatThrownBy(() -> StatisticalOutlierRemoval.open3d(5, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> StatisticalOutlierRemoval.pcl(5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    assertThat(StatisticalOutlierRemoval.pcl(5, -1).toString())
        .isEqualTo("StatisticalOutlierRemoval(pcl, mean_k=5, stddev_mul=-1.0)");
  }

  /** Open3D 0.16 PointCloud::RemoveStatisticalOutliers, with a brute-force neighbour search. */
  static int[] open3dReference(float[] xyz, int n, int k, double ratio) {
    double[] avg = new double[n];
    int valid = 0;
    for (int i = 0; i < n; i++) {
      double[] d = sortedDistances(xyz, n, i, true);
      int m = Math.min(k, d.length);
      double sum = 0;
      for (int j = 0; j < m; j++) {
        sum += Math.sqrt(d[j]);
      }
      avg[i] = sum / m;
      valid++;
    }
    double mean = 0;
    for (double a : avg) {
      mean += a > 0 ? a : 0;
    }
    mean /= valid;
    double sq = 0;
    for (double a : avg) {
      sq += a > 0 ? (a - mean) * (a - mean) : 0;
    }
    double t = mean + ratio * Math.sqrt(sq / (valid - 1));
    return java.util.stream.IntStream.range(0, n).filter(i -> avg[i] > 0 && avg[i] < t).toArray();
  }

  /** PCL 1.13 StatisticalOutlierRemoval::applyFilterIndices, with a brute-force search. */
  static int[] pclReference(float[] xyz, int n, int k, double mul) {
    float[] dist = new float[n];
    for (int i = 0; i < n; i++) {
      double[] d = sortedDistances(xyz, n, i, false);
      double sum = 0;
      for (int j = 1; j <= k; j++) {
        sum += Math.sqrt(d[j]);
      }
      dist[i] = (float) (sum / k);
    }
    double sum = 0;
    double sq = 0;
    for (float d : dist) {
      sum += d;
      sq += d * d;
    }
    double mean = sum / n;
    double t = mean + mul * Math.sqrt((sq - sum * sum / n) / (n - 1));
    return java.util.stream.IntStream.range(0, n).filter(i -> !(dist[i] > t)).toArray();
  }

  /** Squared distances from point i to every point, ascending: in double, or in float. */
  private static double[] sortedDistances(float[] xyz, int n, int i, boolean inDouble) {
    double[] d = new double[n];
    for (int j = 0; j < n; j++) {
      if (inDouble) {
        double dx = (double) xyz[3 * i] - xyz[3 * j];
        double dy = (double) xyz[3 * i + 1] - xyz[3 * j + 1];
        double dz = (double) xyz[3 * i + 2] - xyz[3 * j + 2];
        d[j] = dx * dx + dy * dy + dz * dz;
      } else {
        float dx = xyz[3 * j] - xyz[3 * i];
        float dy = xyz[3 * j + 1] - xyz[3 * i + 1];
        float dz = xyz[3 * j + 2] - xyz[3 * i + 2];
        d[j] = dx * dx + dy * dy + dz * dz;
      }
    }
    Arrays.sort(d);
    return d;
  }
}

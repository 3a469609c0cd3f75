package org.pointea.pointcloud.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.pointcloud.GeometryFixtures;
import org.pointea.pointcloud.TestClouds;
import org.pointea.pointcloud.neighbors.RadiusRule;

class RadiusOutlierRemovalTest {

  /**
   * Open3D's remove_radius_outlier and PCL's pcl_outlier_removal -method radius on real scans, and
   * on a lattice where many neighbours lie at exactly the radius: there Open3D (strict) and PCL
   * (inclusive) differ, and each is matched.
   */
  @ParameterizedTest
  @ValueSource(strings = {"fragment_ror_open3d_16_0.02", "table_scene_mug_ror_open3d_10_0.005",
      "milk_ror_open3d_8_0.004", "lattice_ror_open3d_4_0.25", "lattice_ror_open3d_3_0.5",
      "table_scene_mug_ror_pcl_10_0.005", "milk_ror_pcl_8_0.004", "lattice_ror_pcl_4_0.25",
      "lattice_ror_pcl_3_0.5"})
  void keepsExactlyTheIndicesOpen3dAndPclKeep(String name) {
    JsonNode c = GeometryFixtures.golden(name);
    String dataset = c.get("dataset").asText();
    JsonNode p = c.get("params");
    double r = p.get("radius").asDouble();
    RadiusOutlierRemoval f = c.get("algorithm").asText().endsWith("open3d")
        ? RadiusOutlierRemoval.open3d(p.get("nb_points").asInt(), r)
        : RadiusOutlierRemoval.pcl(p.get("min_pts").asInt(), r);
    float[] xyz = GeometryFixtures.xyz(dataset);
    assertThat(f.filter(xyz, xyz.length / 3, 0))
        .containsExactly(GeometryFixtures.indexSet(dataset, name));
  }

  @Test
  void theLatticeShowsTheBoundaryDifference() {
    assertThat(GeometryFixtures.indexSet("lattice", "lattice_ror_open3d_4_0.25")).isEmpty();
    assertThat(GeometryFixtures.indexSet("lattice", "lattice_ror_pcl_4_0.25")).hasSize(292);
  }

  @Property(tries = 40)
  void keepsThePointsWithEnoughNeighboursUnderEachRule(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 250) int n,
      @ForAll @IntRange(min = 0, max = 8) int min, @ForAll @IntRange(min = 0, max = 4) int grid) {
    float[] xyz = TestClouds.random(seed, n, grid);
    double r = grid > 0 ? 1.0 / grid : 0.3;
    for (Convention c : Convention.values()) {
      int need = Math.max(min, c == Convention.OPEN3D ? 1 : 0);
      RadiusOutlierRemoval f = new RadiusOutlierRemoval(need, r, c);
      int[] expected = IntStream.range(0, n).filter(i -> {
        int inside = 0;
        for (int j = 0; j < n; j++) {
          inside += f.rule().accepts(xyz, j, xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], r) ? 1 : 0;
        }
        return inside > need;
      }).toArray();
      assertThat(f.filter(xyz, n, 1)).as(c.toString()).containsExactly(expected);
    }
  }

  @Test
  void rulesAreTheLibrariesBoundaries() {
    assertThat(RadiusOutlierRemoval.open3d(1, 1).rule()).isEqualTo(RadiusRule.OPEN3D);
    assertThat(RadiusOutlierRemoval.pcl(1, 1).rule()).isEqualTo(RadiusRule.PCL_KNN);
  }

  @Test
  void nonFinitePointsAreRemovedAndNobodysNeighbour() {
    float[] xyz = {0, 0, 0, 0.1f, 0, 0, Float.NaN, 0, 0, 0, Float.POSITIVE_INFINITY, 0};
    assertThat(RadiusOutlierRemoval.pcl(1, 0.5).filter(xyz, 4, 1)).containsExactly(0, 1);
    assertThat(RadiusOutlierRemoval.pcl(0, 0.5).filter(xyz, 4, 1)).containsExactly(0, 1);
  }

  @Test
  void parametersAreChecked() {
    assertThatThrownBy(() -> RadiusOutlierRemoval.open3d(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
    assertThatThrownBy(() -> RadiusOutlierRemoval.pcl(-1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RadiusOutlierRemoval.pcl(1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radius");
    assertThatThrownBy(() -> RadiusOutlierRemoval.pcl(1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package org.pointea.pointcloud.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.GeometryFixtures;
import org.pointea.pointcloud.TestClouds;
import org.pointea.pointcloud.filters.CropPolygon.Axis;

class CropPolygonTest {

  /** Open3D's SelectionPolygonVolume.crop_point_cloud, including its tutorial's cropped.json. */
  @ParameterizedTest
  @ValueSource(strings = {"fragment_crop_polygon", "fragment_crop_polygon_Z",
      "fragment_crop_polygon_X"})
  void keepsExactlyWhatOpen3dsSelectionPolygonVolumeKeeps(String name) {
    JsonNode p = GeometryFixtures.golden(name).get("params");
    JsonNode poly = p.get("bounding_polygon");
    double[] flat = new double[3 * poly.size()];
    for (int i = 0; i < poly.size(); i++) {
      for (int a = 0; a < 3; a++) {
        flat[3 * i + a] = poly.get(i).get(a).asDouble();
      }
    }
    CropPolygon crop = CropPolygon.fromVolume(Axis.parse(p.get("orthogonal_axis").asText()), flat,
        p.get("axis_min").asDouble(), p.get("axis_max").asDouble());
    float[] xyz = GeometryFixtures.xyz("fragment");
    assertThat(crop.filter(xyz, xyz.length / 3))
        .containsExactly(GeometryFixtures.indexSet("fragment", name));
  }

  @Property(tries = 50)
  void aRectangleCropsLikeTheBoxOfTheSameBounds(@ForAll long seed) {
    float[] xyz = TestClouds.random(seed, 300, 0);
    // a rectangle whose edges avoid point coordinates: even-odd and box agree off the boundary
    CropPolygon rect = CropPolygon.of(Axis.Y, new double[] {-0.55, -0.35, 0.45, -0.35, 0.45, 0.65,
        -0.55, 0.65}, -0.25, 0.75);
    CropBox box = new CropBox(-0.55, -0.25, -0.35, 0.45, 0.75, 0.65);
    assertThat(rect.filter(xyz, 300)).containsExactly(box.filter(xyz, 300));
  }

  @Property(tries = 100)
  void anyPolygonMatchesOpen3dsCropInPolygonTranscribed(
      @ForAll long seed, @ForAll @net.jqwik.api.constraints.IntRange(min = 3, max = 40) int m,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4) int grid) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[] uv = new double[2 * m];
    for (int i = 0; i < uv.length; i++) {
      // on a grid, vertices share v values and points lie on edges and vertices
      uv[i] = grid > 0 ? r.nextInt(-grid, grid + 1) / (double) grid : r.nextDouble(-1, 1);
    }
    float[] xyz = TestClouds.random(seed, 400, grid == 0 ? 0 : 2 * grid);
    for (int i = 0; i < 400; i++) {
      xyz[3 * i] = 2 * xyz[3 * i] - (grid == 0 ? 0 : 1);
      xyz[3 * i + 1] = 2 * xyz[3 * i + 1] - (grid == 0 ? 0 : 1);
    }
    CropPolygon crop = CropPolygon.of(Axis.Z, uv, -0.5, 0.5);
    for (int i = 0; i < 400; i++) {
      double x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
      assertThat(crop.contains(x, y, z)).as("point %d", i)
          .isEqualTo(open3dInPolygon(uv, x, y, z, -0.5, 0.5));
    }
  }

  /** Open3D 0.16 SelectionPolygonVolume::CropInPolygon for one point, axis Z. */
  static boolean open3dInPolygon(double[] uv, double x, double y, double z, double lo, double hi) {
    if (z < lo || z > hi) {
      return false;
    }
    int m = uv.length / 2;
    java.util.List<Double> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < m; i++) {
      int j = (i + 1) % m;
      double vi = uv[2 * i + 1], vj = uv[2 * j + 1], ui = uv[2 * i], uj = uv[2 * j];
      if ((vi < y && vj >= y) || (vj < y && vi >= y)) {
        nodes.add(ui + (y - vi) / (vj - vi) * (uj - ui));
      }
    }
    java.util.Collections.sort(nodes);
    int before = 0;
    while (before < nodes.size() && nodes.get(before) < x) {
      before++;
    }
    return before % 2 == 1;
  }

  @Test
  void concaveAndSelfIntersectingPolygonsFollowTheEvenOddRule() {
    // a U shape: the notch is outside
    CropPolygon u = CropPolygon.of(Axis.Z, new double[] {0, 0, 3, 0, 3, 3, 2, 3, 2, 1, 1, 1, 1, 3,
        0, 3});
    assertThat(u.contains(0.5, 2, 0)).isTrue();
    assertThat(u.contains(1.5, 2, 0)).isFalse();
    assertThat(u.contains(2.5, 2, 9)).isTrue();
    // a bow tie: the two triangles are inside, the outside of both is not
    CropPolygon bow = CropPolygon.of(Axis.Z, new double[] {0, 0, 2, 2, 2, 0, 0, 2});
    assertThat(bow.contains(0.2, 1, 0)).isTrue();
    assertThat(bow.contains(1.8, 1, 0)).isTrue();
    assertThat(bow.contains(1, 0.5, 0)).isFalse();
    assertThat(bow.contains(3, 1, 0)).isFalse();
    assertThat(bow.contains(Double.NaN, 1, 0)).isFalse();
  }

  @Test
  void axisBoundsAreInclusive() {
    CropPolygon tri = CropPolygon.of(Axis.X, new double[] {0, 0, 1, 0, 0, 1}, 0, 2);
    assertThat(tri.contains(2, 0.2, 0.2)).isTrue();
    assertThat(tri.contains(2.0001, 0.2, 0.2)).isFalse();
    assertThat(tri.contains(-0.1, 0.2, 0.2)).isFalse();
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> CropPolygon.of(Axis.Z, new double[] {0, 0, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3");
    assertThatThrownBy(() -> CropPolygon.of(Axis.Z, new double[] {0, 0, 1, 1, Double.NaN, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    assertThatThrownBy(() -> CropPolygon.of(Axis.Z, new double[] {0, 0, 1, 1, 1, 0}, 2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= max");
    assertThatThrownBy(() -> Axis.parse("w")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Axis.parse("y")).isEqualTo(Axis.Y);
  }
}

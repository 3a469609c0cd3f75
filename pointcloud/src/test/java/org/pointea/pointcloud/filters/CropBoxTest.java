package org.pointea.pointcloud.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.GeometryFixtures;
import org.pointea.pointcloud.Indices;
import org.pointea.pointcloud.PointCloud;

class CropBoxTest {

  @Test
  void keepsExactlyWhatOpen3dsAxisAlignedCropKeeps() {
    JsonNode p = GeometryFixtures.golden("fragment_crop_box").get("params");
    CropBox box = CropBox.of(doubles(p.get("min")), doubles(p.get("max")));
    float[] xyz = GeometryFixtures.xyz("fragment");
    assertThat(box.filter(xyz, xyz.length / 3))
        .containsExactly(GeometryFixtures.indexSet("fragment", "fragment_crop_box"));
  }

  @Test
  void boundsAreInclusiveAndNanIsNeverInside() {
    float[] xyz = {0, 0, 0, 1, 1, 1, 1.0000001f, 0.5f, 0.5f, Float.NaN, 0.5f, 0.5f,
        Float.NEGATIVE_INFINITY, 0, 0};
    CropBox unit = new CropBox(0, 0, 0, 1, 1, 1);
    assertThat(unit.filter(xyz, 5)).containsExactly(0, 1);
    assertThat(new CropBox(Double.NEGATIVE_INFINITY, 0, 0, 1, 1, 1).filter(xyz, 5))
        .containsExactly(0, 1, 4);
  }

  @Test
  void invertKeepsTheRestWithTheirChannels() {
    float[] xyz = {0, 0, 0, 5, 5, 5, 0.5f, 0.5f, 0.5f};
    PointCloud cloud = PointCloud.builder(xyz).labels(new int[] {7, 8, 9}).build();
    CropBox unit = new CropBox(0, 0, 0, 1, 1, 1);
    assertThat(unit.apply(cloud, false).labels()).containsExactly(7, 9);
    assertThat(unit.apply(cloud, true).labels()).containsExactly(8);
    assertThat(Indices.complement(unit.filter(xyz, 3), 3)).containsExactly(1);
  }

  @Test
  void boundsAreChecked() {
    assertThatThrownBy(() -> new CropBox(1, 0, 0, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min must be <= max");
    assertThatThrownBy(() -> new CropBox(Double.NaN, 0, 0, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> CropBox.of(new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).asDouble();
    }
    return d;
  }
}

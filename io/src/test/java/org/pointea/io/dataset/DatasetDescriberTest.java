package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetDescriberTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void trees() {
    Trees.modelNet(tmp.resolve("resampled"), DatasetLayout.MODELNET_NORMAL_RESAMPLED);
    Trees.modelNet(tmp.resolve("off"), DatasetLayout.CLASS_FOLDERS);
    Trees.modelNet(tmp.resolve("h5"), DatasetLayout.MODELNET_HDF5);
    Trees.shapeNet(tmp.resolve("sn"), DatasetLayout.SHAPENET_PART_NORMAL);
    Trees.shapeNet(tmp.resolve("sn5"), DatasetLayout.SHAPENET_PART_HDF5);
  }

  @Test
  void describesAModelNetFolder() throws IOException {
    DatasetDescription d = DatasetDescriber.describe(tmp.resolve("resampled"));
    assertThat(d.layout()).isEqualTo("MODELNET_NORMAL_RESAMPLED");
    assertThat(d.task()).isEqualTo("CLASSIFICATION");
    assertThat(d.labels()).hasSize(12);
    assertThat(d.splits()).extracting(DatasetDescription.SplitInfo::split)
        .containsExactly("train", "test");
    assertThat(d.splits().get(0).shapes()).isEqualTo(72);
    assertThat(d.splits().get(1).perLabel()).containsEntry("torus", 2).hasSize(12);
    assertThat(d.sizes()).singleElement().satisfies(s -> {
      assertThat(s.what()).isEqualTo("points per shape");
      assertThat(s.min()).isEqualTo(256);
      assertThat(s.max()).isEqualTo(256);
      assertThat(s.scanned()).isEqualTo(32);
    });
    assertThat(d.normals()).isTrue();
    assertThat(d.parts()).isEmpty();
    String text = d.toText();
    assertThat(text).contains("layout    modelnet40_normal_resampled (PointNet++)")
        .contains("train     72 shapes (capsule 6, cone 6,")
        .contains("points per shape: min 256, mean 256.0, max 256 (32 shapes scanned)");
  }

  @Test
  void describesMeshesByVerticesAndTriangles() throws IOException {
    DatasetDescription d = DatasetDescriber.describe(tmp.resolve("off"), 4);
    assertThat(d.sizes()).extracting(DatasetDescription.SizeStats::what)
        .containsExactly("vertices per mesh", "triangles per mesh");
    assertThat(d.sizes().get(1).scanned()).isEqualTo(8);
    assertThat(DatasetDescriber.describe(tmp.resolve("h5"), 0).sizes()).isEmpty();
  }

  @Test
  void describesShapeNetPartWithPartsAsJson() throws IOException {
    for (String dir : new String[] {"sn", "sn5"}) {
      DatasetDescription d = DatasetDescriber.describe(tmp.resolve(dir));
      JsonNode j = new ObjectMapper().readTree(d.toJson());
      assertThat(j.get("task").asText()).isEqualTo("PART_SEGMENTATION");
      // snake_case keys, as every other JSON of pointea
      assertThat(j.has("layout_title")).isTrue();
      assertThat(j.has("layoutTitle")).isFalse();
      assertThat(j.get("splits")).hasSize(3);
      assertThat(j.get("splits").get(1).get("split").asText()).isEqualTo("val");
      assertThat(j.get("splits").get(1).get("per_label").get("Mug").asInt()).isEqualTo(2);
      assertThat(j.get("parts")).hasSize(6);
      JsonNode mug = j.get("parts").get(4);
      assertThat(mug.get("category").asText()).isEqualTo("Mug");
      assertThat(mug.get("part_ids").toString()).isEqualTo("[36,37]");
      assertThat(mug.get("scanned_points").get("37").asLong()).isPositive();
      assertThat(d.toText()).contains("parts of Table: [47, 48, 49]");
    }
  }

  @Test
  void aFolderWithoutDataSaysWhatToGet() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> DatasetDescriber.describe(empty))
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("(it is empty)")
        .hasMessageContaining("ModelNet40.zip")
        .hasMessageContaining("shapenet_part_seg_hdf5_data.zip");
  }
}

package org.pointea.tools.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pointea.eval.render.Palette;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TriangleMesh;

class ViewSceneTest {

  private static PointCloud grid(int n) {
    float[] xyz = new float[3 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      xyz[3 * i] = i;
      xyz[3 * i + 1] = 2 * i;
      xyz[3 * i + 2] = -i;
      labels[i] = i % 3 + 12;
    }
    return PointCloud.builder(xyz).labels(labels).build();
  }

  @Test
  void payloadHoldsPositionsAndChannelsAtTheOffsetsTheJsonGives() throws Exception {
    ViewScene scene = ViewScene.builder().add("a.ply", grid(5)).build();
    JsonNode item = new ObjectMapper().readTree(scene.json()).get("items").get(0);
    assertThat(item.get("points").asLong()).isEqualTo(5);
    assertThat(item.get("shown").asInt()).isEqualTo(5);
    ByteBuffer buf = ByteBuffer.wrap(scene.payload(0)).order(ByteOrder.LITTLE_ENDIAN);
    JsonNode pos = item.get("layout").get("positions");
    assertThat(buf.getFloat(pos.get("offset").asInt() + 4 * (3 * 4 + 1))).isEqualTo(8f);
    JsonNode labels = item.get("layout").get("channels").get(0);
    assertThat(labels.get("name").asText()).isEqualTo("labels");
    assertThat(labels.get("type").asText()).isEqualTo("i32");
    assertThat(buf.getInt(labels.get("offset").asInt() + 4 * 4)).isEqualTo(13);
    assertThat(scene.payload(0)).hasSize(4 * (15 + 5));
    // the legend's colours are the palette of `pointea render`, with counts
    JsonNode first = item.get("labels").get(0);
    assertThat(first.get("label").asInt()).isEqualTo(12);
    assertThat(first.get("count").asInt()).isEqualTo(2);
    int rgb = Palette.label(12);
    assertThat(first.get("rgb").get(0).asInt()).isEqualTo((rgb >> 16) & 255);
  }

  @Test
  void largeCloudsAreDecimatedWithTheFullCountKeptAndSourceIndicesRecorded() throws Exception {
    PointCloud big = grid(50_000);
    ViewScene scene = ViewScene.builder().optMaxPoints(10_000).optSeed(3).add("big.pcd", big)
        .build();
    ViewItem item = scene.items().get(0);
    assertThat(item.points()).isEqualTo(50_000);
    assertThat(item.shown()).isEqualTo(10_000);
    Set<Integer> distinct = new HashSet<>();
    for (int i = 0; i < item.shown(); i++) {
      int src = item.sourceIndex()[i];
      distinct.add(src);
      assertThat(item.cloud().x(i)).isEqualTo(big.x(src));
    }
    assertThat(distinct).hasSize(10_000);
    JsonNode json = new ObjectMapper().readTree(scene.json()).get("items").get(0);
    assertThat(json.get("points").asLong()).isEqualTo(50_000);
    assertThat(json.get("layout").has("source_index")).isTrue();
    // seeded: the same points every time
    assertThat(ViewScene.builder().optMaxPoints(10_000).optSeed(3).add("big.pcd", big).build()
        .items().get(0).sourceIndex()).isEqualTo(item.sourceIndex());
  }

  @Test
  void nonFinitePointsAreLeftOutAndCounted() {
    PointCloud c = PointCloud.of(new float[] {0, 0, 0, Float.NaN, 1, 1, 2, 2, 2});
    ViewItem item = ViewScene.builder().add("nan.pcd", c).build().items().get(0);
    assertThat(item.shown()).isEqualTo(2);
    assertThat(item.points()).isEqualTo(3);
    assertThat(item.sourceIndex()).containsExactly(0, 2);
    assertThat(item.note()).isEqualTo("1 non-finite points left out");
  }

  @Test
  void meshesKeepTheirTrianglesAndVertexChannels() throws Exception {
    TriangleMesh mesh = new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
    PointCloud vertices = PointCloud.builder(mesh.vertices())
        .colors(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3).build();
    ViewScene scene = ViewScene.builder().addMesh("tri.ply", mesh, vertices).build();
    JsonNode item = new ObjectMapper().readTree(scene.json()).get("items").get(0);
    assertThat(item.get("kind").asText()).isEqualTo("mesh");
    assertThat(item.get("channels").toString()).contains("colors");
    assertThat(item.get("layout").get("faces").get("length").asInt()).isEqualTo(3);
  }

  @Test
  void theSceneDescriptionUsesSnakeCaseKeys() throws Exception {
    JsonNode root = new ObjectMapper().readTree(ViewScene.builder().optUpAxis(2)
        .add("a", grid(3)).build().json());
    List<String> keys = new java.util.ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).allMatch(k -> k.equals(k.toLowerCase()));
    assertThat(root.get("up_axis").asInt()).isEqualTo(2);
    assertThat(root.get("height_range").get(0).asDouble()).isEqualTo(-2.0);
  }

  @Test
  void badSettingsAreRefusedWithTheOptionNamed() {
    assertThatThrownBy(() -> ViewScene.builder().optMaxPoints(0))
        .hasMessageContaining("--max-points");
    assertThatThrownBy(() -> ViewScene.builder().optColorBy("depth"))
        .hasMessageContaining("--color-by");
    assertThatThrownBy(() -> ViewScene.builder().build()).hasMessageContaining("nothing to show");
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BenchGeometryCommandTest {

  @Test
  void measuresTheSelectedCasesOnTheGeneratedScene() throws IOException {
    Cli.Run r = Cli.run("bench", "geometry", "--no-peer", "--points", "3000", "--runs", "1",
        "--case", "crop_box", "--case", "select_by_label", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("params").get("points").asInt()).isEqualTo(3000);
    assertThat(doc.get("peer_versions").isNull()).isTrue();
    JsonNode rows = doc.get("comparison");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("name").asText()).isEqualTo("crop_box");
    assertThat(rows.get(0).get("pointea").get("wall_s").asDouble()).isPositive();
    assertThat(rows.get(0).get("peer").isNull()).isTrue();
  }

  @Test
  void argumentsAreChecked() {
    assertThat(Cli.run("bench", "geometry", "--case", "fps").err())
        .contains("unknown case 'fps'; cases: statistical_outliers");
    assertThat(Cli.run("bench", "geometry", "--points", "10").err())
        .contains("--points must be at least 100");
    assertThat(Cli.run("bench", "geometry", "--cloud", "/nonexistent.pcd").err())
        .contains("/nonexistent.pcd");
  }
}

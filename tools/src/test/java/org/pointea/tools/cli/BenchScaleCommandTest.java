package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code pointea bench scale} on tiny clouds: each size measured in its own JVM, and a size whose
 * predicted N×N maps exceed the cap refused without being started.
 */
class BenchScaleCommandTest {

  @Test
  void measuresSmallSizesAndRefusesAQuadraticSizeBeyondTheCap() throws Exception {
    Cli.Run r = Cli.run("bench", "scale", "--mixers", "external,self", "--points", "256,512",
        "--quadratic-points", "256,65536", "--runs", "1", "--max-gib", "6", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("bench").asText()).isEqualTo("scale");
    List<JsonNode> rows = new ArrayList<>();
    doc.get("results").forEach(rows::add);
    assertThat(rows).hasSize(4);
    for (JsonNode row : rows.subList(0, 3)) {
      assertThat(row.get("status").asText()).as(row.toString()).isEqualTo("ok");
      assertThat(row.get("median_seconds").asDouble()).isPositive();
      assertThat(row.get("peak_rss_bytes").asLong()).isGreaterThan(1L << 20);
    }
    assertThat(rows.get(0).get("mixer").asText()).startsWith("external");
    assertThat(rows.get(2).get("mixer").asText()).startsWith("self");
    assertThat(rows.get(2).get("points").asInt()).isEqualTo(256);
    JsonNode refused = rows.get(3);
    assertThat(refused.get("points").asInt()).isEqualTo(65536);
    // 4 heads x 65536^2 floats = 64 GiB per layer: never started
    assertThat(refused.get("attention_map_bytes_per_layer").asLong()).isEqualTo(4L * 65536 * 65536 * 4);
    assertThat(refused.get("status").asText()).startsWith("not run: predicted peak");
    assertThat(refused.has("median_seconds")).isFalse();
  }

  @Test
  void badSettingsAreUserErrors() {
    Cli.Run mixer = Cli.run("bench", "scale", "--mixers", "external,linformer");
    assertThat(mixer.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(mixer.err()).contains("unknown mixer 'linformer'");
    assertThat(Cli.run("bench", "scale", "--points", "16").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "scale", "--runs", "0").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "scale", "--max-gib", "0").code())
        .isEqualTo(ExitCodes.USER_ERROR);
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench subcommands on tiny sizes, without peers: wiring, not measurement. */
class BenchCommandTest {

  @Test
  void ioRunsAndPrintsJson(@TempDir Path dir) throws Exception {
    Cli.Run r = Cli.run("bench", "io", "--points", "2000", "--reps", "1", "--no-peer", "--json",
        "--dir", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("bench").asText()).isEqualTo("io");
    assertThat(doc.get("peer").isNull()).isTrue();
    assertThat(doc.get("results").size()).isEqualTo(8);
    assertThat(doc.get("results").get(0).get("pointea_s").asDouble()).isPositive();
    assertThat(doc.get("results").get(0).get("open3d_s").isNull()).isTrue();
  }

  @Test
  void evalRunsAndPrintsJson() throws Exception {
    Cli.Run r = Cli.run("bench", "eval", "--shapes", "4", "--points", "32", "--samples", "100",
        "--render-points", "200", "--rounds", "1", "--no-peer", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("bench").asText()).isEqualTo("eval");
    assertThat(doc.get("results").size()).isEqualTo(6);
  }

  @Test
  void badSettingsAreUserErrors() {
    assertThat(Cli.run("bench", "io", "--points", "0").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "eval", "--rounds", "0").code())
        .isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "core", "--rounds", "0").code())
        .isEqualTo(ExitCodes.USER_ERROR);
    Cli.Run none = Cli.run("bench");
    assertThat(none.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(none.err()).contains("missing an area (core, geometry, io, robotics, eval, model, predict, scale, scene)");
  }
}

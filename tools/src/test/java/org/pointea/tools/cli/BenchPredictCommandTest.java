package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pointea.tools.bench.Peers;

/** {@code pointea bench predict} on its smallest case and a few calls: wiring, not measurement. */
class BenchPredictCommandTest {

  @Test
  void lightClassifierRunsAndPrintsJson() throws Exception {
    Cli.Run r = Cli.run("bench", "predict", "--case", "cls-light", "--iterations", "3",
        "--warmup", "1", "--no-peer", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("bench").asText()).isEqualTo("predict");
    assertThat(doc.has("peer")).isFalse();
    JsonNode c = doc.get("results").get(0);
    assertThat(doc.get("results")).hasSize(1);
    assertThat(c.get("case").asText()).isEqualTo("cls-light");
    assertThat(c.get("input_points").asInt()).isEqualTo(1024);
    assertThat(c.get("iterations").asInt()).isEqualTo(3);
    double p50 = c.get("pointea").get("p50_ms").asDouble();
    assertThat(p50).isPositive().isLessThanOrEqualTo(c.get("pointea").get("p99_ms").asDouble());
    // the network alone is part of the whole call
    assertThat(c.get("pointea_network_only").get("min_ms").asDouble())
        .isLessThanOrEqualTo(c.get("pointea").get("p99_ms").asDouble());
    assertThat(c.has("pytorch")).isFalse();
  }

  @Test
  void thePyTorchPeerAnswersInTheSameRunWhereInstalled() throws Exception {
    assumeTrue(Peers.missing(Peers.DEFAULT_PYTHON, "numpy", "torch", "scipy").isEmpty(),
        "PyTorch peer not installed");
    assumeTrue(Peers.script("predict_pytorch.py").isPresent(), "peer script not found");
    Cli.Run r = Cli.run("bench", "predict", "--case", "cls-light", "--iterations", "2",
        "--warmup", "0");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("# peer: PyTorch ").contains("pytorch").contains("ratio p50");
  }

  @Test
  void badSettingsAreUserErrors() {
    Cli.Run unknown = Cli.run("bench", "predict", "--case", "seg-1m");
    assertThat(unknown.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(unknown.err()).contains("unknown case 'seg-1m'; cases: cls-light, cls-full, seg-10k");
    assertThat(Cli.run("bench", "predict", "--iterations", "0").code())
        .isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "predict", "--warmup", "-1").code())
        .isEqualTo(ExitCodes.USER_ERROR);
  }
}

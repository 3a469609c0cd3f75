package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pointea.tools.bench.PctPeer;

/**
 * {@code pointea bench model} on tiny sizes (a smoke test of the wiring, not a measurement), its
 * argument checks, and the reading of the PyTorch reference's output.
 */
class BenchModelCommandTest {

  @Test
  void lightClassifierRunsAndPrintsJson() throws Exception {
    Cli.Run r = Cli.run("bench", "model", "--model", "light", "--mixer", "ufo", "--batch", "2",
        "--points", "64", "--steps", "1", "--warmup", "0", "--no-peer", "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("bench").asText()).isEqualTo("model");
    assertThat(doc.get("model").asText()).isEqualTo("light");
    assertThat(doc.get("mixer").asText()).isEqualTo("ufo");
    assertThat(doc.get("points").asInt()).isEqualTo(64);
    assertThat(doc.get("params").asLong()).isPositive();
    assertThat(doc.get("train_step_s").asDouble()).isPositive();
    assertThat(doc.get("infer_step_s").asDouble()).isPositive();
    assertThat(doc.get("peak_rss_mb").asDouble()).isPositive();
    assertThat(doc.get("peer").isNull()).isTrue();
  }

  @Test
  void peerIsSkippedWithAReasonWhereItHasNoSuchNetwork() throws Exception {
    // the reference runs the PCT classifier at 1024 points only: this must not start it
    Cli.Run r = Cli.run("bench", "model", "--model", "pct-seg", "--mixer", "offset", "--batch",
        "2", "--points", "32", "--steps", "1", "--warmup", "0", "--profile");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("pct-seg, offset mixer, batch 2, 32 points")
        .contains("train step (s)").contains("peak RSS (MB)")
        .contains("op profile, training step").contains("op profile, inference");
    assertThat(r.out()).doesNotContain("PyTorch");
  }

  @Test
  void badSettingsAreUserErrors() {
    assertThat(Cli.run("bench", "model", "--model", "pointnet").code())
        .isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "model", "--mixer", "linear").code())
        .isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "model", "--batch", "1").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "model", "--steps", "0").code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("bench", "model", "--rounds", "0").code()).isEqualTo(ExitCodes.USER_ERROR);
    Cli.Run env = Cli.run("bench", "model", "--peer-env", "tuned");
    assertThat(env.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(env.err()).contains("--peer-env must be shipped or same");
  }

  @Test
  void helpNamesTheOptions() {
    Cli.Run r = Cli.run("bench", "model", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--model", "--mixer", "--batch", "--points", "--steps",
        "--profile", "--json", "--[no-]peer", "PyTorch reference");
  }

  @Test
  void readsThePyTorchReferencesFigures() throws IOException {
    String printed = """
        params 2940648
        grouping s 4.1
        train external B 32 median s/iter 11.190  samples/s 2.9
        infer external B 32 median s/iter 3.740  samples/s 8.6
        maxrss MB 3912.5
        """;
    Map<String, Double> m = PctPeer.parse(printed);
    assertThat(m).containsEntry("params", 2940648.0).containsEntry("train_step_s", 11.19)
        .containsEntry("infer_step_s", 3.74).containsEntry("peak_rss_mb", 3912.5);
    assertThatThrownBy(() -> PctPeer.parse("params 1\nTraceback ..."))
        .isInstanceOf(IOException.class).hasMessageContaining("train");
    assertThat(PctPeer.incomparable("pct", "external", 32, 1024)).isEmpty();
    assertThat(PctPeer.incomparable("pct", "ufo", 32, 1024)).get().asString().contains("ufo");
    assertThat(PctPeer.incomparable("light", "external", 32, 512)).isPresent();
    assertThat(PctPeer.incomparable("pct", "offset", 32, 512)).get().asString().contains("1024");
  }
}

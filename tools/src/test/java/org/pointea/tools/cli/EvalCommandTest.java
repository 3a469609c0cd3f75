package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @TempDir Path tmp;

  @Test
  void scoresTheTestSplitWithVotesAndWritesAReport() throws Exception {
    Path[] dr = TrainCommandTest.trained();
    Path run = dr[1];
    TrainCommandTest.Run r = TrainCommandTest.run("eval", "--run", run.toString(), "--votes", "3", "--json",
        "--out", tmp.resolve("report").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("split").asText()).isEqualTo("test");
    assertThat(j.get("votes").asInt()).isEqualTo(3);
    assertThat(j.get("samples").asInt()).isEqualTo(12);
    assertThat(j.get("oa").asDouble()).isBetween(0.0, 1.0);
    assertThat(j.get("per_class")).hasSize(3);
    assertThat(tmp.resolve("report/report.md")).isRegularFile();
    assertThat(tmp.resolve("report/confusion.png")).isRegularFile();
    assertThat(Files.readString(tmp.resolve("report/report.md"))).contains("| **votes** | 3 |");

    TrainCommandTest.Run text = TrainCommandTest.run("eval", "--run", run.resolve("last").toString(), "--data",
        dr[0].toString(), "--no-report");
    assertThat(text.code()).as(text.err()).isEqualTo(ExitCodes.OK);
    assertThat(text.out()).contains("OA ").contains("mAcc").contains("test (12 shapes)");
  }

  @Test
  void badRunsAreUserErrors() throws Exception {
    TrainCommandTest.Run none = TrainCommandTest.run("eval", "--run", tmp.resolve("nothing").toString());
    assertThat(none.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(none.err()).contains("no such directory");
    Files.createDirectories(tmp.resolve("plain"));
    TrainCommandTest.Run plain = TrainCommandTest.run("eval", "--run", tmp.resolve("plain").toString());
    assertThat(plain.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(plain.err()).contains("neither a training run").doesNotContain("Exception");
    Path run = TrainCommandTest.trained()[1];
    TrainCommandTest.Run bad = TrainCommandTest.run("eval", "--run", run.toString(), "--checkpoint", "first");
    assertThat(bad.code()).isEqualTo(ExitCodes.USER_ERROR);
    TrainCommandTest.Run seg = TrainCommandTest.run("eval", "--run", run.toString(), "--split", "nope");
    assertThat(seg.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(seg.err()).contains("unknown split 'nope'");
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void synthesizesTrainsEvaluatesAndReports() {
    // the real demo with a small dataset, few points and one epoch
    TrainCommandTest.Run r = TrainCommandTest.run("demo", "--out", tmp.toString(), "--epochs", "1",
        "--train-per-class", "5", "--test-per-class", "2", "--points", "64", "--threads", "1", "--quiet");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("test accuracy").contains("on 24 synthetic test shapes")
        .contains(tmp.resolve("run/eval-test/report.md").toString());
    assertThat(tmp.resolve("modelnet40_normal_resampled/modelnet40_test.txt")).isRegularFile();
    assertThat(tmp.resolve("run/best/model.json")).isRegularFile();
    assertThat(tmp.resolve("run/eval-test/confusion.png")).isRegularFile();
    assertThat(tmp.resolve("run/eval-test/accuracy.png")).isRegularFile();
    // a second demo reuses the dataset and trains into a new run directory
    TrainCommandTest.Run again = TrainCommandTest.run("demo", "--out", tmp.toString(), "--epochs", "1",
        "--train-per-class", "5", "--test-per-class", "2", "--points", "64", "--threads", "1", "--quiet");
    assertThat(again.code()).as(again.err()).isEqualTo(ExitCodes.OK);
    assertThat(tmp.resolve("run-2/best/model.json")).isRegularFile();
  }
}

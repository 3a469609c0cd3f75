package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.tools.Pointea;

class TrainCommandTest {
  static Path tmp;
  static Path data;
  static Path run;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Pointea.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** A 3-class synthetic ModelNet and one trained run, shared by the train and eval tests. */
  static synchronized Path[] trained() throws Exception {
    if (run == null) {
      // shared by the train and eval tests, whichever runs first; under target/, left for inspection
      tmp = Path.of("target", "train-command-test").toAbsolutePath();
      if (Files.exists(tmp)) {
        try (var walk = Files.walk(tmp)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(tmp);
      data = tmp.resolve("modelnet40_normal_resampled");
      SyntheticModelNet.builder().optClasses(List.of(ShapeClass.CONE, ShapeClass.CUBE, ShapeClass.TORUS))
          .optTrainPerClass(12).optTestPerClass(4).optPoints(128).optSeed(3).build()
          .write(data, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
      Path r = tmp.resolve("run");
      Run t = run("train", "--data", data.toString(), "--out", r.toString(), "--epochs", "2", "--batch", "8",
          "--points", "64", "--threads", "1", "--optimizer", "adam", "--quiet", "--json");
      assertThat(t.code()).as(t.err()).isEqualTo(ExitCodes.OK);
      run = r;
      JsonNode j = new ObjectMapper().readTree(t.out());
      assertThat(j.get("epochs").asInt()).isEqualTo(2);
      assertThat(j.get("selected_on").asText()).isEqualTo("val_acc");
      assertThat(j.get("model").asText()).endsWith("best");
    }
    return new Path[] {data, run};
  }

  @BeforeAll
  static void setUp() throws Exception {
    trained();
  }

  @Test
  void helpFitsEightyColumns() {
    for (String[] args : new String[][] {{"train", "--help"}, {"eval", "--help"}, {"demo", "--help"},
        {"demo", "core", "--help"}}) {
      Run r = run(args);
      assertThat(r.code()).isEqualTo(ExitCodes.OK);
      assertThat(r.out()).startsWith("Usage: pointea " + args[0]);
      assertThat(r.out().lines().filter(l -> l.length() > 80)).as(String.join(" ", args)).isEmpty();
      assertThat(r.err()).as(String.join(" ", args)).doesNotContain("WARN");
    }
  }

  @Test
  void trainingWritesTheRunAndItsReport() throws Exception {
    assertThat(run.resolve("run.json")).isRegularFile();
    assertThat(run.resolve("metrics.jsonl")).isRegularFile();
    assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(2);
    assertThat(run.resolve("best/model.json")).isRegularFile();
    assertThat(run.resolve("last/model.json")).isRegularFile();
    for (String f : new String[] {"report.md", "report.json", "loss.png", "accuracy.png", "confusion.png"}) {
      assertThat(run.resolve(f)).isRegularFile();
    }
    JsonNode cfg = new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("config");
    assertThat(cfg.get("model").get("variant").asText()).isEqualTo("light");
    assertThat(cfg.get("model").get("config").get("points").asInt()).isEqualTo(64);
    assertThat(cfg.get("engine_threads").asInt()).isEqualTo(1);
  }

  @Test
  void resumingAFinishedRunChangesNothing() throws Exception {
    String metrics = Files.readString(run.resolve("metrics.jsonl"));
    Run r = run("train", "--resume", run.toString(), "--quiet", "--no-report");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(run.resolve("metrics.jsonl"))).isEqualTo(metrics);
    // options given on resume that agree with the run's are accepted; the rest come from run.json
    Run same = run("train", "--resume", run.toString(), "--epochs", "2", "--threads", "1", "--quiet", "--no-report");
    assertThat(same.code()).as(same.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void resumingWithOtherSettingsIsAUserError() {
    Run r = run("train", "--resume", run.toString(), "--batch", "4", "--quiet");
    assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(r.err().strip()).startsWith("pointea train: ").contains("batch_size: 8 vs 4").doesNotContain("\n");
  }

  @Test
  void userErrorsAreOneLine() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Run noData = run("train", "--data", empty.toString(), "--out", tmp.resolve("x").toString(), "--quiet");
    assertThat(noData.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(noData.err().strip()).contains(empty.toString()).doesNotContain("\n").doesNotContain("Exception");

    Run wrongTask = run("train", "--task", "partseg", "--data", data.toString(), "--out",
        tmp.resolve("y").toString(), "--quiet");
    assertThat(wrongTask.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(wrongTask.err()).contains("holds a classification (cls) dataset, not part-segmentation");

    Run taken = run("train", "--data", data.toString(), "--out", run.toString(), "--quiet");
    assertThat(taken.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(taken.err()).contains("already holds a training run").contains("--resume");

    Run missing = run("train", "--out", tmp.resolve("z").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(missing.err()).contains("--data DIR and --out RUN are required");

    Run badAug = run("train", "--data", data.toString(), "--out", tmp.resolve("w").toString(), "--augment",
        "warp(3)", "--quiet");
    assertThat(badAug.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(badAug.err()).contains("unknown augmentation step 'warp'");
    assertThat(tmp.resolve("w")).doesNotExist();
  }
}

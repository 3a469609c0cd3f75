package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.network.Network;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.io.dataset.Subsampling;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.tools.cli.TrainCommandTest.Run;

/**
 * Training control from the command line (Ctrl-C, extending a finished run, fine-tuning, an
 * unwritable --out) and honest predictions (too few points refused, few points warned).
 */
class TrainControlCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path tmp;

  static Path data;
  static Path run;

  /**
   * True when this process ignores SIGINT, as every process started in the background by a shell
   * without job control does (and its children inherit it: a JVM then installs no handler). The
   * test then sends SIGTERM, which the same shutdown hook handles (the JVM exits 143).
   */
  static final boolean SIGINT_IGNORED = sigIgnored(2);

  private static boolean sigIgnored(int signal) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return false;
  }

  @BeforeAll
  static void setUp() throws Exception {
    Path[] dr = TrainCommandTest.trained(); // 3 classes, light model on 64 points, 2 epochs
    data = dr[0];
    run = dr[1];
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  @Test
  void ctrlCStopsAfterACheckpointSaysWhereAndHowToResumeAndExits130() throws Exception {
    Path r = tmp.resolve("interrupted");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g", "-cp", PointeaProcess.classpath(),
        "org.pointea.tools.Pointea", "train", "--data", data.toString(), "--out", r.toString(), "--epochs", "200",
        "--batch", "8", "--points", "64", "--threads", "1", "--optimizer", "adam", "--checkpoint-every", "1",
        "--quiet", "--no-report"));
    Path err = tmp.resolve("interrupted.err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(tmp.resolve("interrupted.out")
        .toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!Files.isRegularFile(r.resolve("last").resolve("model.json")) && p.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(p.isAlive()).as("training runs: %s", Files.readString(err)).isTrue();
      new ProcessBuilder("kill", SIGINT_IGNORED ? "-TERM" : "-INT", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("exits after the signal").isTrue();
    } finally {
      p.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    assertThat(p.exitValue()).as(String.join("\n", lines)).isEqualTo(SIGINT_IGNORED ? 143 : 130);
    assertThat(lines).as("stderr").noneMatch(l -> l.contains("Exception")).isNotEmpty();
    String last = lines.get(lines.size() - 1);
    assertThat(last).matches("pointea train: interrupted in epoch \\d+ at batch \\d+ of \\d+; checkpoint saved"
        + " at step \\d+; continue with: pointea train --resume " + java.util.regex.Pattern.quote(r.toString()));

    // the checkpoint is where the line says; resuming it to the end of that epoch works
    JsonNode state = MAPPER.readTree(r.resolve("last/model.json").toFile()).get("training").get("state");
    assertThat(last).contains("at step " + state.get("global_step").asLong() + ";");
    String epochs = Integer.toString(state.get("epoch").asInt() + 1);
    Run resumed = TrainCommandTest.run("train", "--resume", r.toString(), "--epochs", epochs, "--quiet",
        "--no-report");
    assertThat(resumed.code()).as(resumed.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readAllLines(r.resolve("metrics.jsonl"))).hasSize(Integer.parseInt(epochs));
  }

  @Test
  void aFinishedRunIsExtendedWithMoreEpochsAndCannotBeCutBelowWhatItTrained() throws Exception {
    Path r = copy(run, tmp.resolve("extended"));
    Run extended = TrainCommandTest.run("train", "--resume", r.toString(), "--epochs", "3", "--quiet", "--no-report",
        "--json");
    assertThat(extended.code()).as(extended.err()).isEqualTo(ExitCodes.OK);
    assertThat(MAPPER.readTree(extended.out()).get("epochs").asInt()).isEqualTo(3);
    assertThat(Files.readAllLines(r.resolve("metrics.jsonl"))).hasSize(3);
    assertThat(MAPPER.readTree(r.resolve("run.json").toFile()).get("config").get("epochs").asInt()).isEqualTo(3);

    Run shorter = TrainCommandTest.run("train", "--resume", r.toString(), "--epochs", "2", "--quiet");
    assertThat(shorter.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(shorter.err().strip()).startsWith("pointea train: ").contains("has trained 3 epochs")
        .doesNotContain("\n");
  }

  @Test
  void fineTuningStartsFromATrainedModelWithANewHeadForOtherClasses() throws Exception {
    Path other = tmp.resolve("other").resolve("modelnet40_normal_resampled");
    SyntheticModelNet.builder().optClasses(List.of(ShapeClass.SPHERE, ShapeClass.CONE)).optTrainPerClass(8)
        .optTestPerClass(2).optPoints(128).optSeed(4).build()
        .write(other, DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
    Path r = tmp.resolve("fine-tuned");
    Run t = TrainCommandTest.run("train", "--init-from", run.toString(), "--data", other.toString(), "--out",
        r.toString(), "--epochs", "1", "--batch", "4", "--threads", "1", "--quiet", "--no-report", "--json");
    assertThat(t.code()).as(t.err()).isEqualTo(ExitCodes.OK);
    JsonNode root = MAPPER.readTree(r.resolve("run.json").toFile());
    assertThat(root.get("init_from").get("model").asText()).isEqualTo(run.resolve("best").toString());
    JsonNode model = root.get("config").get("model");
    assertThat(model.get("labels").toString()).isEqualTo("[\"cone\",\"sphere\"]");
    assertThat(model.get("config").get("classes").asInt()).isEqualTo(2);
    assertThat(model.get("config").get("points").asInt()).as("the pretrained network's").isEqualTo(64);

    // the model shipped with pointea, by name: its light 40-class network, a 2-class head
    Path shipped = tmp.resolve("from-modelnet40");
    Run s = TrainCommandTest.run("train", "--init-from", "modelnet40", "--points", "64", "--data", other.toString(),
        "--out", shipped.toString(), "--epochs", "1", "--batch", "4", "--threads", "1", "--quiet", "--no-report");
    assertThat(s.code()).as(s.err()).isEqualTo(ExitCodes.OK);
    JsonNode init = MAPPER.readTree(shipped.resolve("run.json").toFile()).get("init_from");
    assertThat(init.get("model").asText()).contains("modelnet40");
    Run unknown = TrainCommandTest.run("train", "--init-from", "modelnet41", "--data", other.toString(), "--out",
        tmp.resolve("y").toString(), "--quiet");
    assertThat(unknown.err().strip()).isEqualTo("pointea train: --init-from modelnet41: no such model directory or"
        + " run, and pointea ships no model of that name (modelnet40)");

    Run withModel = TrainCommandTest.run("train", "--init-from", run.toString(), "--model", "pct", "--data",
        other.toString(), "--out", tmp.resolve("x").toString(), "--quiet");
    assertThat(withModel.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(withModel.err()).contains("drop --model and --mixer");
    Run onResume = TrainCommandTest.run("train", "--resume", r.toString(), "--init-from", run.toString());
    assertThat(onResume.err()).contains("--init-from starts a new run");
  }

  @Test
  void anOutFolderUnderARegularFileIsOneLineNamingIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path out = file.resolve("run");
    Run r = TrainCommandTest.run("train", "--data", data.toString(), "--out", out.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(r.err().strip()).isEqualTo("pointea train: --out " + out + ": cannot create the folder: " + file
        + " is a file");
  }

  @Test
  void aReadOnlyOutFolderIsOneLineNamingIt() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root may write into a read-only folder; anOutFolderUnderARegularFileIsOneLineNamingIt covers root");
    Path ro = Files.createDirectories(tmp.resolve("read-only"));
    assertThat(ro.toFile().setWritable(false, false)).isTrue();
    try {
      Path out = ro.resolve("run");
      Run r = TrainCommandTest.run("train", "--data", data.toString(), "--out", out.toString(), "--quiet");
      assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(r.err().strip()).isEqualTo("pointea train: --out " + out + ": cannot write the folder: " + ro
          + " is not writable (permission denied)");
      assertThat(out).doesNotExist();
    } finally {
      ro.toFile().setWritable(true, false);
    }
  }

  private static Path xyz(String name, int n) throws IOException {
    SplittableRandom rnd = new SplittableRandom(n);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(String.format(Locale.ROOT, "%.4f %.4f %.4f%n", rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1),
          rnd.nextDouble(-1, 1)));
    }
    return Files.writeString(tmp.resolve(name), sb.toString());
  }

  @Test
  void tooFewPointsAreRefusedAndFewPointsWarnedOnStderrAndInJson() throws Exception {
    Path four = xyz("four.xyz", 4);
    Path one = xyz("one.xyz", 1);
    Path twenty = xyz("twenty.xyz", 20);
    Path many = xyz("many.xyz", 300);
    Run r = TrainCommandTest.run("predict", "--run", run.toString(), "--json", four.toString(), one.toString(),
        twenty.toString(), many.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USER_ERROR);
    List<String> err = r.err().lines().filter(l -> !l.isBlank()).toList();
    // light preset on 64 points: k = 16
    assertThat(err).containsExactly(
        "pointea predict: " + four + ": 4 points, fewer than the 16 the model needs (the neighbours it groups per"
            + " point); nothing to predict from",
        "pointea predict: " + one + ": 1 point, fewer than the 16 the model needs (the neighbours it groups per"
            + " point); nothing to predict from",
        "pointea predict: warning: " + twenty + ": only 20 points for a network of 64: the input is resampled with"
            + " repeats, unlike anything the model was trained on; the answer may not mean much");
    JsonNode out = MAPPER.readTree(r.out());
    assertThat(out).hasSize(2);
    assertThat(out.get(0).get("file").asText()).isEqualTo(twenty.toString());
    assertThat(out.get(0).get("warning").asText()).startsWith("only 20 points");
    assertThat(out.get(1).get("warning").isNull()).isTrue();
  }

  @Test
  void aSegmenterRefusesACategoryItWasNotTrainedOnListingItsOwn() throws Exception {
    Path dir = tmp.resolve("seg-two-categories");
    PctSegmenterConfig c = new PctSegmenterConfig(ShapeNetPart.PARTS, ShapeNetPart.CATEGORIES, 64, 16, 32, 0.5,
        MixerConfig.external(8, 1, false));
    ObjectNode training = MAPPER.createObjectNode();
    training.putArray("categories").add("Laptop").add("Mug"); // what the trainer records of its data
    try (Network net = c.create(Backends.cpu(), DType.FLOAT, 1)) {
      ModelDirectory.write(dir, ModelSpec.of("custom", c, ShapeNetPart.categoryNames(),
          new Preprocessing(Subsampling.RANDOM_WITH_REPLACEMENT, Preprocessing.Normalization.UNIT_SPHERE)),
          net.parameters(), null, training);
    }
    Path scan = xyz("scan.xyz", 100);
    Run bag = TrainCommandTest.run("predict", "--run", dir.toString(), "--category", "Bag", scan.toString());
    assertThat(bag.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(bag.err().strip()).isEqualTo("pointea predict: the model was not trained on Bag; it knows Laptop, Mug");
    Run none = TrainCommandTest.run("predict", "--run", dir.toString(), scan.toString());
    assertThat(none.err()).contains("(one of Laptop, Mug)");
    Run mug = TrainCommandTest.run("predict", "--run", dir.toString(), "--category", "Mug", "--out",
        tmp.resolve("labelled").toString(), scan.toString());
    assertThat(mug.code()).as(mug.err()).isEqualTo(ExitCodes.OK);
  }
}

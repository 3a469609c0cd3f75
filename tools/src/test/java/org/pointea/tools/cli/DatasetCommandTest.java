package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pointea dataset synth|describe|prepare} end to end on small synthetic trees. */
class DatasetCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void synthDescribePrepareModelNet() throws IOException {
    Path root = dir.resolve("modelnet40_normal_resampled");
    Cli.Run synth = Cli.run("dataset", "synth", "--kind", "modelnet", "--out", root.toString(),
        "--train", "3", "--test", "2", "--points", "128", "--seed", "5");
    assertThat(synth.code()).as(synth.toString()).isZero();
    assertThat(synth.err()).contains("wrote 60 shapes (MODELNET_NORMAL_RESAMPLED");

    Cli.Run describe = Cli.run("dataset", "describe", "--json", root.toString());
    assertThat(describe.code()).as(describe.toString()).isZero();
    JsonNode d = JSON.readTree(describe.out());
    assertThat(d.get("layout").asText()).isEqualTo("MODELNET_NORMAL_RESAMPLED");
    assertThat(d.get("labels").size()).isEqualTo(12);
    assertThat(d.get("splits").get(0).get("shapes").asInt()).isEqualTo(36);
    assertThat(Cli.run("dataset", "describe", root.toString()).out())
        .contains("layout    modelnet40_normal_resampled");

    // the parent folder works too; a second prepare loads the caches it built
    Cli.Run first = Cli.run("dataset", "prepare", dir.toString(), "--split", "train,test",
        "--points", "64");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out()).contains("train: ").contains("test: 24 shapes").contains("built ");
    Cli.Run again = Cli.run("dataset", "prepare", root.toString(), "--split", "test",
        "--points", "64");
    assertThat(again.out()).startsWith("test: 24 shapes").contains("loaded ");
    try (Stream<Path> caches = Files.list(root.resolve(".pointea-cache"))) {
      assertThat(caches.filter(p -> p.toString().endsWith(".cache")).count()).isEqualTo(2);
    }
  }

  @Test
  void synthWritesEveryLayout() throws IOException {
    Path off = dir.resolve("ModelNet40");
    assertThat(Cli.run("dataset", "synth", "--kind", "modelnet", "--layout", "off", "--out",
        off.toString(), "--train", "1", "--test", "1").code()).isZero();
    assertThat(JSON.readTree(Cli.run("dataset", "describe", "--json", "--scan", "0",
        off.toString()).out()).get("layout").asText()).isEqualTo("CLASS_FOLDERS");
    Path h5 = dir.resolve("hdf5_data");
    Cli.Run parts = Cli.run("dataset", "synth", "--kind", "shapenetpart", "--layout", "hdf5",
        "--out", h5.toString(), "--train", "2", "--val", "1", "--test", "1", "--points", "256");
    assertThat(parts.code()).as(parts.toString()).isZero();
    JsonNode d = JSON.readTree(Cli.run("dataset", "describe", "--json", h5.toString()).out());
    assertThat(d.get("layout").asText()).isEqualTo("SHAPENET_PART_HDF5");
    assertThat(d.get("task").asText()).isEqualTo("PART_SEGMENTATION");
  }

  @Test
  void missingAndBrokenDatasetsSayWhatToGet() throws IOException {
    PointeaProcess.Result none = PointeaProcess.run("dataset", "prepare",
        dir.resolve("nowhere").toString());
    assertThat(none.code()).isEqualTo(ExitCodes.USER_ERROR);
    // one line on stderr; `prepare`, whose job it is, prints the whole guide on stdout
    assertThat(none.errLines()).hasSize(1);
    assertThat(none.errLines().get(0)).startsWith("pointea dataset prepare: No point-cloud dataset at "
        + dir.resolve("nowhere") + ": the folder does not exist (the archives");
    assertThat(none.out()).contains("pointea never downloads datasets")
        .contains("modelnet40_normal_resampled.zip")
        // the shapenet.cs.stanford.edu archives are gone: name where users get them today
        .contains("Msun/modelnet40", "chenxaoyu/modelnet-normal-resampled", "PointCloudMamba");
    UserErrors.assertNoStackTrace(none.err());
    // every other command: one line, with the command that prints the guide
    Cli.Run train = Cli.run("train", "--data", dir.resolve("nowhere").toString(), "--out",
        dir.resolve("run").toString(), "--epochs", "1");
    assertThat(train.code()).as(train.toString()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(train.err().lines().toList()).as(train.toString()).hasSize(1);
    assertThat(train.err()).contains("`pointea dataset prepare " + dir.resolve("nowhere") + "`");

    Path root = dir.resolve("modelnet40_normal_resampled");
    Cli.run("dataset", "synth", "--kind", "modelnet", "--out", root.toString(), "--train", "1",
        "--test", "1", "--points", "32");
    Path gone = root.resolve("torus/torus_0001.txt");
    Files.delete(gone);
    Cli.Run broken = Cli.run("dataset", "prepare", root.toString(), "--split", "train");
    assertThat(broken.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(broken.err()).contains("is incomplete");
    assertThat(broken.err().lines().toList()).hasSize(1);
    assertThat(broken.out()).contains("torus/torus_0001.txt");
  }

  @Test
  void aReadOnlyDatasetIsPreparedWithItsCacheElsewhere() throws IOException {
    Path root = dir.resolve("shared/modelnet40_normal_resampled");
    Cli.Run synth = Cli.run("dataset", "synth", "--kind", "modelnet", "--out", root.toString(),
        "--train", "2", "--test", "1", "--points", "64");
    assertThat(synth.code()).as(synth.toString()).isZero();
    Path cache = dir.resolve("my-cache");
    Cli.Run r = Cli.run("dataset", "prepare", root.toString(), "--split", "train", "--points", "32",
        "--cache-dir", cache.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    // nothing written into the dataset folder; the cache file is under --cache-dir
    assertThat(root.resolve(".pointea-cache")).doesNotExist();
    try (var files = Files.walk(cache)) {
      assertThat(files.filter(f -> f.toString().endsWith(".cache")).count()).isEqualTo(1);
    }
    assertThat(r.out()).contains(cache.toString());
    assertThat(System.getProperty("pointea.cacheDir")).as("restored after the command").isNull();
  }

  @Test
  void argumentsAreChecked() {
    String out = dir.resolve("x").toString();
    assertThat(Cli.run("dataset", "synth", "--kind", "modelnet", "--out", out, "--val", "2")
        .err()).contains("no --val");
    assertThat(Cli.run("dataset", "synth", "--kind", "shapenetpart", "--out", out, "--layout",
        "off").err()).contains("--layout for shapenetpart: normal or hdf5");
    assertThat(Cli.run("dataset", "synth", "--kind", "scannet", "--out", out).err())
        .contains("Invalid value for option '--kind'");
    assertThat(Cli.run("dataset", "synth", "--kind", "modelnet", "--out", out, "--train", "0")
        .code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(Cli.run("dataset", "prepare", out, "--split", "bogus").err())
        .contains("unknown split 'bogus'");
    assertThat(Cli.run("dataset", "prepare", out, "--sampling", "poisson").err())
        .contains("unknown --sampling 'poisson'");
    assertThat(Cli.run("dataset").err()).contains("missing a command (synth, describe, prepare)");
  }
}

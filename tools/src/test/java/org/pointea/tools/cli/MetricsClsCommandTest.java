package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pointea.tools.cli.PointeaProcess.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyWriter;

class MetricsClsCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static String m(String name) {
    return resource("metrics/" + name).toString();
  }

  static JsonNode expected() throws IOException {
    return JSON.readTree(resource("metrics/expected.json").toFile());
  }

  @Test
  void scoresNumpyFilesAsScikitLearnDoes() throws IOException {
    PointeaProcess.Result r = PointeaProcess.run("metrics", "cls", "--labels",
        m("cls_labels.npy"), "--pred", m("cls_pred.npy"), "--names", m("shape_names.txt"),
        "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode got = JSON.readTree(r.out());
    JsonNode want = expected().get("cls");
    assertThat(got.get("samples").asInt()).isEqualTo(300);
    assertThat(got.get("oa").asDouble()).isCloseTo(want.get("oa").asDouble(), within(1e-12));
    assertThat(got.get("macc").asDouble()).isCloseTo(want.get("macc").asDouble(), within(1e-12));
    assertThat(got.get("macro_f1").asDouble()).isCloseTo(want.get("macro_f1").asDouble(),
        within(1e-12));
    assertThat(got.get("per_class").size()).isEqualTo(10);
    assertThat(got.get("per_class").get(9).get("name").asText()).isEqualTo("toilet");
    assertThat(got.get("per_class").get(9).get("predicted").asInt()).isZero();
  }

  @Test
  void scoresAreArgmaxedAndTextIsATable() throws IOException {
    Cli.Run ids = Cli.run("metrics", "cls", "--labels", m("cls_labels.npy"), "--pred",
        m("cls_pred.npy"));
    Cli.Run scores = Cli.run("metrics", "cls", "--labels", m("cls_labels.npy"), "--pred",
        m("cls_scores.npy"));
    assertThat(scores.code()).as(scores.toString()).isZero();
    assertThat(scores.out()).isEqualTo(ids.out());
    assertThat(ids.out()).contains("OA        79.00%").contains("samples   300")
        .containsPattern("\\n9 +\\d+ +");
    Cli.Run named = Cli.run("metrics", "cls", "--labels", m("cls_labels.npy"), "--pred",
        m("cls_pred.npy"), "--names", m("shape_names.txt"));
    assertThat(named.out()).contains("night_stand");
  }

  @Test
  void badInputsAreUserErrorsNamingTheFile(@TempDir Path dir) throws IOException {
    Path floats = dir.resolve("floats.npy");
    NpyWriter.writeArray(floats, NpyArray.ofFloats(new float[] {0.5f, 1}, 2));
    Path short3 = dir.resolve("short.npy");
    NpyWriter.writeArray(short3, NpyArray.ofInts(new int[] {0, 1, 2}, 3));
    Path big = dir.resolve("big.npy");
    int[] v = new int[300];
    v[7] = 12;
    NpyWriter.writeArray(big, NpyArray.ofInts(v, 300));
    Path huge = dir.resolve("huge.npy");
    NpyWriter.writeArray(huge, NpyArray.ofInts(new int[] {0, 5000}, 2));
    Path cube = dir.resolve("cube.npy");
    NpyWriter.writeArray(cube, NpyArray.ofInts(new int[8], 2, 2, 2));
    String[][] cases = {
      {floats.toString(), "expected integer ids", "--labels", floats.toString(), "--pred",
          floats.toString()},
      {short3.toString(), "3 predictions for 300 labels", "--labels", m("cls_labels.npy"),
          "--pred", short3.toString()},
      {big.toString(), "value 12 at flat index 7 is not a class of", "--labels", big.toString(),
          "--pred", m("cls_pred.npy"), "--names", m("shape_names.txt")},
      {cube.toString(), "expected classes [S] or scores [S, K]", "--labels", m("cls_labels.npy"),
          "--pred", cube.toString()},
      {"5000", "at most 4096 classes", "--labels", huge.toString(), "--pred", huge.toString()},
      {"nope.npy", "no such file or directory", "--labels", dir.resolve("nope.npy").toString(),
          "--pred", m("cls_pred.npy")},
      {"shape_names.txt", "not an NPY", "--labels", m("shape_names.txt"), "--pred",
          m("cls_pred.npy")},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length];
      args[0] = "metrics";
      args[1] = "cls";
      System.arraycopy(c, 2, args, 2, c.length - 2);
      Cli.Run r = Cli.run(args);
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).as(r.toString()).contains(c[0]).containsIgnoringCase(c[1]);
    }
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pointea.tools.cli.MetricsClsCommandTest.JSON;
import static org.pointea.tools.cli.MetricsClsCommandTest.expected;
import static org.pointea.tools.cli.MetricsClsCommandTest.m;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.npy.NpyWriter;

class MetricsPartsegCommandTest {

  @Test
  void scoresAsThePointNetPlusPlusFormula() throws IOException {
    Cli.Run r = Cli.run("metrics", "partseg", "--labels", m("seg_labels.npy"), "--pred",
        m("seg_pred.npy"), "--category", m("seg_category.npy"), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode got = JSON.readTree(r.out());
    JsonNode want = expected().get("partseg");
    assertThat(got.get("shapes").asInt()).isEqualTo(24);
    assertThat(got.get("instance_miou").asDouble())
        .isCloseTo(want.get("instance_miou").asDouble(), within(1e-12));
    assertThat(got.get("class_miou").asDouble())
        .isCloseTo(want.get("class_miou").asDouble(), within(1e-12));
    JsonNode per = got.get("per_category");
    assertThat(per.size()).isEqualTo(16);
    for (Iterator<Map.Entry<String, JsonNode>> it = want.get("per_category").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertThat(per.get(Integer.parseInt(e.getKey())).get("miou").asDouble())
          .isCloseTo(e.getValue().asDouble(), within(1e-12));
    }
    assertThat(per.get(1).get("miou").isNull()).isTrue(); // Bag: no shapes
  }

  @Test
  void categoriesDefaultToTheFirstPointsAndScoresAreRestricted(@TempDir Path dir)
      throws IOException {
    Cli.Run given = Cli.run("metrics", "partseg", "--labels", m("seg_labels.npy"), "--pred",
        m("seg_pred.npy"), "--category", m("seg_category.npy"));
    Cli.Run derived = Cli.run("metrics", "partseg", "--labels", m("seg_labels.npy"), "--pred",
        m("seg_pred.npy"));
    assertThat(derived.code()).as(derived.toString()).isZero();
    assertThat(derived.out()).isEqualTo(given.out()).contains("instance mIoU").contains("Table");

    // scores [S, N, 50] whose argmax is the ground truth: perfect after the restricted argmax
    NpyArray labels = NpyReader.readArray(Path.of(m("seg_labels.npy")));
    int[] y = labels.toIntArray();
    float[] logits = new float[y.length * 50];
    for (int i = 0; i < y.length; i++) {
      logits[i * 50 + y[i]] = 1;
      logits[i * 50 + (y[i] + 25) % 50] = 5; // larger, but outside the category for most
    }
    Path scores = dir.resolve("scores.npy");
    NpyWriter.writeArray(scores, NpyArray.ofFloats(logits, 24, 64, 50));
    Cli.Run r = Cli.run("metrics", "partseg", "--labels", m("seg_labels.npy"), "--pred",
        scores.toString(), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(JSON.readTree(r.out()).get("instance_miou").asDouble()).isEqualTo(1.0);
  }

  @Test
  void badInputsAreUserErrorsNamingTheFile(@TempDir Path dir) throws IOException {
    Path wrongCat = dir.resolve("cat.npy");
    int[] c = new int[24];
    NpyWriter.writeArray(wrongCat, NpyArray.ofInts(c, 24)); // all Airplane: wrong for most
    Path shortCat = dir.resolve("short.npy");
    NpyWriter.writeArray(shortCat, NpyArray.ofInts(new int[3], 3));
    Path flat = dir.resolve("flat.npy");
    NpyWriter.writeArray(flat, NpyArray.ofInts(new int[24 * 64], 24 * 64));
    String[][] cases = {
      {wrongCat.toString(), "is not a part of Airplane", "--labels", m("seg_labels.npy"),
          "--pred", m("seg_pred.npy"), "--category", wrongCat.toString()},
      {shortCat.toString(), "expected 24 category ids", "--labels", m("seg_labels.npy"),
          "--pred", m("seg_pred.npy"), "--category", shortCat.toString()},
      {flat.toString(), "expected part ids [S, N]", "--labels", flat.toString(), "--pred",
          m("seg_pred.npy")},
      {flat.toString(), "expected part ids [24, 64] or scores [24, 64, 50]", "--labels",
          m("seg_labels.npy"), "--pred", flat.toString()},
    };
    for (String[] k : cases) {
      String[] args = new String[k.length];
      args[0] = "metrics";
      args[1] = "partseg";
      System.arraycopy(k, 2, args, 2, k.length - 2);
      Cli.Run r = Cli.run(args);
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(r.err().lines().count()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).as(r.toString()).contains(k[0]).contains(k[1]);
    }
    assertThat(Cli.run("metrics").code()).isEqualTo(ExitCodes.USER_ERROR);
  }
}

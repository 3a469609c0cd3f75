package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.Subsampling;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.network.Network;
import org.pointea.models.pct.PctSegmenterConfig;
import org.pointea.models.pretrained.Pretrained;
import org.pointea.models.store.ModelDirectory;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.data.Preprocessing;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.tools.Pointea;
import org.pointea.tools.cli.TrainCommandTest.Run;

class PredictCommandTest {
  @TempDir Path tmp;

  /** The test split's files of the synthetic dataset the shared run was trained on. */
  private static List<Path> testFiles(Path data) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String id : Files.readAllLines(data.resolve("modelnet40_test.txt"))) {
      if (!id.isBlank()) {
        files.add(data.resolve(id.substring(0, id.lastIndexOf('_'))).resolve(id.strip() + ".txt"));
      }
    }
    return files;
  }

  @Test
  void classifiesFilesAsTheEvaluationDoes() throws Exception {
    Path[] dr = TrainCommandTest.trained();
    List<Path> files = testFiles(dr[0]);
    List<String> args = new ArrayList<>(List.of("predict", "--run", dr[1].toString(), "--top", "2", "--json",
        "--batch", "5"));
    files.forEach(f -> args.add(f.toString()));
    Run r = TrainCommandTest.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j).hasSize(files.size());
    int right = 0;
    for (int i = 0; i < files.size(); i++) {
      JsonNode p = j.get(i);
      assertThat(p.get("file").asText()).isEqualTo(files.get(i).toString());
      assertThat(p.get("top")).hasSize(2);
      assertThat(p.get("top").get(0).get("class").asText()).isEqualTo(p.get("class").asText());
      assertThat(p.get("probability").asDouble()).isBetween(1.0 / 3, 1.0);
      if (files.get(i).getFileName().toString().startsWith(p.get("class").asText() + "_")) {
        right++;
      }
    }
    // the predictor repeats the training pipeline, so its accuracy on the test files is eval's OA
    Run eval = TrainCommandTest.run("eval", "--run", dr[1].toString(), "--no-report", "--json");
    assertThat(eval.code()).as(eval.err()).isEqualTo(ExitCodes.OK);
    double oa = new ObjectMapper().readTree(eval.out()).get("oa").asDouble();
    assertThat(right / (double) files.size()).isEqualTo(oa);

    Run text = TrainCommandTest.run("predict", "--run", dr[1].toString(), files.get(0).toString());
    assertThat(text.code()).as(text.err()).isEqualTo(ExitCodes.OK);
    assertThat(text.out().lines().toList()).hasSize(4); // the file's line, then its top 3 of 3 classes
    assertThat(text.out()).startsWith(files.get(0) + ": ").contains("%");
  }

  @Test
  void aBadFileIsReportedAndTheOthersAreStillPredicted() throws Exception {
    Path[] dr = TrainCommandTest.trained();
    Path good = testFiles(dr[0]).get(0);
    Path bad = tmp.resolve("bad.pcd");
    Files.writeString(bad, "# .PCD v0.7\nVERSION 0.7\nFIELDS x y z\nSIZE 4 4\n");
    Path missing = tmp.resolve("missing.ply");
    Run r = TrainCommandTest.run("predict", "--run", dr[1].toString(), bad.toString(), good.toString(),
        missing.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(r.out()).startsWith(good + ": ");
    List<String> errors = r.err().lines().filter(l -> l.startsWith("pointea predict: ")).toList();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).contains("bad.pcd");
    assertThat(errors.get(1)).contains("missing.ply").contains("no such file");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void userErrorsNameWhatIsWrong() throws Exception {
    Path[] dr = TrainCommandTest.trained();
    Path good = testFiles(dr[0]).get(0);
    Run withCategory = TrainCommandTest.run("predict", "--run", dr[1].toString(), "--category", "Mug",
        good.toString());
    assertThat(withCategory.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(withCategory.err()).contains("--category is for part segmenters");
    Run withOut = TrainCommandTest.run("predict", "--run", dr[1].toString(), "--out", tmp.toString(),
        good.toString());
    assertThat(withOut.err()).contains("--out is for segmenters");
    Run none = TrainCommandTest.run("predict", "--run", tmp.resolve("nothing").toString(), good.toString());
    assertThat(none.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(none.err()).contains("no such directory");
    Run sampling = TrainCommandTest.run("predict", "--run", dr[1].toString(), "--sampling", "best",
        good.toString());
    assertThat(sampling.err()).contains("--sampling must be fps, random or first");
    assertThat(TrainCommandTest.run("predict", "--run", dr[1].toString()).code())
        .isEqualTo(ExitCodes.USER_ERROR); // no FILE
  }

  @Test
  void theShippedModelClassifiesARealMeshWithNoTraining() throws Exception {
    Path mesh = Path.of("../models/src/test/resources/real-subset/bottle/test/ycb_006_mustard_bottle.ply");
    String before = System.getProperty(Pretrained.CACHE_DIR_PROPERTY);
    System.setProperty(Pretrained.CACHE_DIR_PROPERTY, tmp.resolve("models").toString());
    try {
      Run r = TrainCommandTest.run("predict", "--model", "modelnet40", "--top", "3", mesh.toString());
      assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
      assertThat(r.out()).startsWith(mesh + ": bottle");
      Run unknown = TrainCommandTest.run("predict", "--model", "shapenet", mesh.toString());
      assertThat(unknown.code()).isEqualTo(ExitCodes.USER_ERROR);
      assertThat(unknown.err()).contains("no such pretrained model (pointea ships: modelnet40)");
      Run both = TrainCommandTest.run("predict", "--model", "modelnet40", "--run", tmp.toString(), mesh.toString());
      assertThat(both.err()).contains("--run RUN or --model NAME (one of them)");
    } finally {
      if (before == null) {
        System.clearProperty(Pretrained.CACHE_DIR_PROPERTY);
      } else {
        System.setProperty(Pretrained.CACHE_DIR_PROPERTY, before);
      }
    }
  }

  /** A tiny untrained ShapeNet-part segmenter saved as a model directory. */
  private Path segmenter() throws Exception {
    Path dir = tmp.resolve("seg-model");
    PctSegmenterConfig c = new PctSegmenterConfig(ShapeNetPart.PARTS, ShapeNetPart.CATEGORIES, 64, 16, 32, 0.5,
        MixerConfig.external(8, 1, false));
    try (Network net = c.create(Backends.cpu(), DType.FLOAT, 1)) {
      ModelDirectory.write(dir, ModelSpec.of("custom", c, ShapeNetPart.categoryNames(),
          new Preprocessing(Subsampling.RANDOM_WITH_REPLACEMENT, Preprocessing.Normalization.UNIT_SPHERE)),
          net.parameters(), null, null);
    }
    return dir;
  }

  @Test
  void segmentationWritesEveryPointWithItsPartAndColour() throws Exception {
    Path model = segmenter();
    SplittableRandom rnd = new SplittableRandom(4);
    float[] xyz = new float[3 * 500];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = (float) rnd.nextDouble(-2, 2);
    }
    Path cloud = tmp.resolve("scan.pcd");
    PointCloudIO.write(cloud, PointCloud.builder(xyz).intensity(new float[500]).build());
    Path mesh = tmp.resolve("mug.off");
    PointCloudIO.writeMesh(mesh, new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
        new int[] {0, 1, 2, 0, 1, 3, 0, 2, 3, 1, 2, 3}));
    Path out = tmp.resolve("out");
    Run r = TrainCommandTest.run("predict", "--run", model.toString(), "--category", "mug", "--out", out.toString(),
        "--mesh-points", "300", "--json", cloud.toString(), mesh.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get(0).get("category").asText()).isEqualTo("Mug");
    assertThat(j.get(0).get("output").asText()).isEqualTo(out.resolve("scan-parts.ply").toString());
    assertThat(j.get(0).get("parts").get("36").asInt() + j.get(0).get("parts").get("37").asInt()).isEqualTo(500);
    PointCloud labelled = PointCloudIO.read(out.resolve("scan-parts.ply"));
    assertThat(labelled.size()).isEqualTo(500);
    assertThat(labelled.positions()).containsExactly(xyz);
    assertThat(labelled.hasChannel("intensity")).isTrue();
    assertThat(labelled.hasColors()).isTrue();
    assertThat(java.util.Arrays.stream(labelled.labels()).boxed().distinct())
        .allSatisfy(l -> assertThat(l).isBetween(36, 37));
    assertThat(j.get(1).get("points").asInt()).isEqualTo(300); // the mesh, surface-sampled
    assertThat(PointCloudIO.read(out.resolve("mug-parts.ply")).size()).isEqualTo(300);

    Run noCategory = TrainCommandTest.run("predict", "--run", model.toString(), cloud.toString());
    assertThat(noCategory.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(noCategory.err()).contains("pass --category NAME (one of Airplane, Bag");
    Run unknown = TrainCommandTest.run("predict", "--run", model.toString(), "--category", "Spaceship",
        cloud.toString());
    assertThat(unknown.err()).contains("unknown category 'Spaceship'");
    Run text = TrainCommandTest.run("predict", "--run", model.toString(), "--category", "03797390", "--out",
        out.toString(), cloud.toString());
    assertThat(text.out()).startsWith(cloud + ": Mug, 500 points -> ").contains("(parts 36: ");
  }

  @Test
  void helpFitsEightyColumnsAndGpuRefusalsAreFoundInTheCauseChain() {
    Run h = TrainCommandTest.run("predict", "--help");
    assertThat(h.code()).isEqualTo(ExitCodes.OK);
    assertThat(h.out().lines().filter(l -> l.length() > 80)).isEmpty();
    assertThat(TrainCommandTest.run("--help").out()).contains("predict");
    Throwable refusal = new ExceptionInInitializerError(
        new org.pointea.models.engine.CudaSupport.UnsupportedGpuException("cannot use the GPU: Hopper"));
    assertThat(Errors.gpuRefusal(new RuntimeException(refusal))).isEqualTo("cannot use the GPU: Hopper");
    assertThat(Errors.gpuRefusal(new RuntimeException("other"))).isNull();
  }
}

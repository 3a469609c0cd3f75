package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.synthetic.PartCategory;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.pointcloud.PointCloud;

/**
 * A team's own part-labelled folders (SyntheticShapeNetPart's shapes as PLY files with a label
 * property, each category numbering its parts from 0) trained, evaluated and predicted from the
 * command line.
 */
class PartFoldersCommandTest {
  @TempDir Path tmp;

  @Test
  void trainEvalAndPredictOnOwnPartFolders() throws Exception {
    Path data = tmp.resolve("my-parts");
    SyntheticShapeNetPart.builder()
        .optCategories(List.of(PartCategory.AIRPLANE, PartCategory.MUG, PartCategory.TABLE))
        .optShapesPerCategory(4, 1, 2).optPoints(300, 400).optSeed(3).optThreads(2).build()
        .write(data, DatasetLayout.CLASS_FOLDERS_PARTS, DatasetProgress.NONE);
    Path run = tmp.resolve("run");

    TrainCommandTest.Run t = TrainCommandTest.run("train", "--data", data.toString(), "--out", run.toString(),
        "--epochs", "1", "--batch", "4", "--points", "64", "--threads", "1", "--quiet", "--json");
    assertThat(t.code()).as(t.err()).isEqualTo(ExitCodes.OK);
    assertThat(new ObjectMapper().readTree(t.out()).get("selected_on").asText()).isEqualTo("val_instance_miou");
    JsonNode model = new ObjectMapper().readTree(run.resolve("best/model.json").toFile()).get("model");
    assertThat(model.get("task").asText()).isEqualTo("part_segmentation");
    assertThat(model.get("labels").toString()).isEqualTo("[\"Airplane\",\"Mug\",\"Table\"]");
    assertThat(model.get("config").get("categories").asInt()).isEqualTo(3);
    assertThat(model.get("config").get("parts").asInt()).isEqualTo(4);
    assertThat(model.get("part_table").toString()).isEqualTo("[[0,1,2,3],[0,1],[0,1,2]]");

    TrainCommandTest.Run e = TrainCommandTest.run("eval", "--run", run.toString(), "--json", "--no-report");
    assertThat(e.code()).as(e.err()).isEqualTo(ExitCodes.OK);
    JsonNode ej = new ObjectMapper().readTree(e.out());
    assertThat(ej.toString()).contains("instance_miou").contains("class_miou");
    assertThat(ej.get("shapes").asInt()).as(e.out()).isEqualTo(6);

    Path mug = Files.list(data.resolve("Mug/test")).sorted().findFirst().orElseThrow();
    Path out = tmp.resolve("out");
    TrainCommandTest.Run p = TrainCommandTest.run("predict", "--run", run.toString(), "--category", "mug",
        "--out", out.toString(), "--json", mug.toString());
    assertThat(p.code()).as(p.err()).isEqualTo(ExitCodes.OK);
    JsonNode pj = new ObjectMapper().readTree(p.out());
    assertThat(pj.get(0).get("category").asText()).isEqualTo("Mug");
    PointCloud labelled = PointCloudIO.read(Files.list(out).findFirst().orElseThrow());
    // the restricted argmax keeps a mug's points to the mug's parts 0 and 1
    assertThat(Arrays.stream(labelled.labels()).distinct()).allSatisfy(l -> assertThat(l).isBetween(0, 1));

    TrainCommandTest.Run lamp = TrainCommandTest.run("predict", "--run", run.toString(), "--category", "Lamp",
        mug.toString());
    assertThat(lamp.code()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(lamp.err()).contains("unknown category 'Lamp'").contains("Airplane, Mug, Table");
  }
}

package org.pointea.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.render.Palette;
import org.pointea.io.PointCloudIO;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyWriter;
import org.pointea.pointcloud.PointCloud;

/** The scene side of {@code dataset synth|describe|prepare}, {@code metrics semseg}, {@code convert}, {@code render}. */
class SceneCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void synthDescribeAndPrepareBothSceneLayouts() throws IOException {
        Path s3dis = dir.resolve("Stanford3dDataset_v1.2_Aligned_Version");
        Cli.Run synth = Cli.run("dataset", "synth", "--kind", "scenes", "--out", s3dis.toString(), "--areas", "2",
                "--rooms", "2", "--density", "30", "--seed", "4");
        assertThat(synth.code()).as(synth.toString()).isZero();
        assertThat(synth.err()).contains("wrote 4 rooms");
        Cli.Run describe = Cli.run("dataset", "describe", "--json", "--test-area", "2", dir.toString());
        assertThat(describe.code()).as(describe.toString()).isZero();
        JsonNode d = JSON.readTree(describe.out());
        assertThat(d.get("layout").asText()).isEqualTo("S3DIS");
        assertThat(d.get("classes").size()).isEqualTo(13);
        assertThat(d.get("instances").get("wall").asInt()).isEqualTo(16);
        Cli.Run prepare = Cli.run("dataset", "prepare", s3dis.toString(), "--split", "trainval,test", "--test-area",
                "2");
        assertThat(prepare.code()).as(prepare.toString()).isZero();
        assertThat(prepare.out()).contains("trainval: 2 trainval scenes").contains("test: 2 test scenes")
                .contains("points per class: ceiling");
        Cli.Run bad = Cli.run("dataset", "prepare", s3dis.toString(), "--split", "test");
        assertThat(bad.code()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(bad.err()).contains("Area_5").contains("--test-area");

        Path scans = dir.resolve("scans");
        Cli.Run synthScans = Cli.run("dataset", "synth", "--kind", "scenes", "--layout", "scans", "--out",
                scans.toString(), "--areas", "2", "--rooms", "1", "--density", "30");
        assertThat(synthScans.code()).as(synthScans.toString()).isZero();
        Cli.Run text = Cli.run("dataset", "describe", scans.toString());
        assertThat(text.out()).contains("labelled scans").contains("0=ceiling").contains("unscored ids [255]")
                .contains("test      1 scenes");
        Cli.Run wrongOption = Cli.run("dataset", "synth", "--kind", "scenes", "--out", scans.toString(), "--points",
                "10");
        assertThat(wrongOption.code()).isEqualTo(ExitCodes.USER_ERROR);
    }

    @Test
    void metricsSemsegScoresAllPointsOfSeveralScans() throws IOException {
        Path truth1 = dir.resolve("t1.ply");
        Path pred1 = dir.resolve("p1.ply");
        PointCloudIO.write(truth1, PointCloud.builder(new float[12]).labels(new int[] {10, 10, 20, 0}).build());
        PointCloudIO.write(pred1, PointCloud.builder(new float[12]).labels(new int[] {10, 20, 20, 10}).build());
        Path truth2 = dir.resolve("t2.npy");
        Path pred2 = dir.resolve("p2.npy");
        NpyWriter.writeArray(truth2, NpyArray.ofInts(new int[] {20, 20}, 2));
        NpyWriter.writeArray(pred2, NpyArray.ofInts(new int[] {20, 10}, 2));
        Path classes = dir.resolve("classes.txt");
        Files.writeString(classes, "0 unlabelled\n10 floor\n20 wall\n");
        Cli.Run r = Cli.run("metrics", "semseg", "--labels", truth1.toString(), "--pred", pred1.toString(),
                "--labels", truth2.toString(), "--pred", pred2.toString(), "--classes", classes.toString(), "--json");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = JSON.readTree(r.out());
        // floor: tp 1, fn 1, fp 1 -> 1/3; wall: tp 2, fn 1, fp 1 -> 1/2
        assertThat(j.get("points").asInt()).isEqualTo(5);
        assertThat(j.get("ignored").asInt()).isEqualTo(1);
        assertThat(j.get("miou").asDouble()).isEqualTo((1.0 / 3 + 0.5) / 2);
        assertThat(j.get("per_class").get(1).get("name").asText()).isEqualTo("wall");
        Cli.Run unknown = Cli.run("metrics", "semseg", "--labels", truth1.toString(), "--pred", pred1.toString());
        assertThat(unknown.code()).as(unknown.toString()).isZero();
        assertThat(unknown.out()).contains("mIoU");
        Cli.Run mismatch = Cli.run("metrics", "semseg", "--labels", truth1.toString(), "--pred", pred2.toString());
        assertThat(mismatch.code()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(mismatch.err()).contains("2 predictions for 4 points");
    }

    @Test
    void convertPaintsLabelColoursAndRenderDrawsALegend() throws IOException {
        Path in = dir.resolve("labelled.ply");
        float[] xyz = new float[3 * 400];
        int[] labels = new int[400];
        for (int i = 0; i < 400; i++) {
            xyz[3 * i] = i % 20;
            xyz[3 * i + 1] = i / 20;
            labels[i] = i < 200 ? 1 : 7;
        }
        PointCloudIO.write(in, PointCloud.builder(xyz).labels(labels).build());
        Path out = dir.resolve("painted.pcd");
        Cli.Run c = Cli.run("convert", in.toString(), out.toString(), "--label-colors");
        assertThat(c.code()).as(c.toString()).isZero();
        PointCloud painted = PointCloudIO.read(out);
        assertThat(painted.labels()).containsExactly(labels);
        float[] rgb = painted.colors();
        assertThat(Math.round(rgb[0] * 255) << 16 | Math.round(rgb[1] * 255) << 8 | Math.round(rgb[2] * 255))
                .isEqualTo(Palette.label(1));
        Path classes = dir.resolve("legend.txt");
        Files.writeString(classes, "floor\ndoor\nx\ny\nz\nw\nv\nchair\n");
        Path png = dir.resolve("legend.png");
        Cli.Run r = Cli.run("render", in.toString(), "-o", png.toString(), "--color-by", "label", "--classes",
                classes.toString(), "--size", "300x300", "--up", "z");
        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        Set<Integer> corner = new HashSet<>();
        for (int y = 0; y < 50; y++) {
            for (int x = 200; x < 300; x++) {
                corner.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(corner).contains(Palette.label(1), Palette.label(7));
        Path plain = dir.resolve("plain.ply");
        PointCloudIO.write(plain, PointCloud.of(xyz));
        Cli.Run noLabels = Cli.run("convert", plain.toString(), dir.resolve("x.ply").toString(), "--label-colors");
        assertThat(noLabels.code()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(noLabels.err()).contains("needs a label field");
    }

    @Test
    void trainEvaluateAndPredictASceneModel() throws IOException {
        Path data = dir.resolve("train-scenes").resolve("Stanford3dDataset_v1.2_Aligned_Version");
        Cli.Run synth = Cli.run("dataset", "synth", "--kind", "scenes", "--out", data.toString(), "--areas", "5",
                "--rooms", "1", "--density", "20", "--seed", "9");
        assertThat(synth.code()).as(synth.toString()).isZero();
        Path run = dir.resolve("scene-run");
        Cli.Run train = Cli.run("train", "--task", "semseg", "--data", data.toString(), "--out", run.toString(),
                "--points", "256", "--batch", "4", "--epochs", "1", "--optimizer", "adam", "--class-weights", "balanced",
                "--quiet", "--no-report", "--json");
        assertThat(train.code()).as(train.toString()).isZero();
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"class_weights\" : \"balanced\"");
        assertThat(JSON.readTree(train.out()).get("selected_on").asText()).isEqualTo("val_miou");
        Cli.Run wrong = Cli.run("train", "--data", dir.resolve("scans").toString(), "--out",
                dir.resolve("x").toString(), "--block", "2", "--task", "cls");
        assertThat(wrong.code()).isEqualTo(ExitCodes.USER_ERROR);
        Cli.Run weighted = Cli.run("train", "--data", dir.resolve("scans").toString(), "--out",
                dir.resolve("y").toString(), "--class-weights", "balanced", "--task", "cls");
        assertThat(weighted.code()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(weighted.err()).contains("--class-weights balanced is for scene segmentation");

        Cli.Run eval = Cli.run("eval", "--run", run.toString(), "--json", "--no-report");
        assertThat(eval.code()).as(eval.toString()).isZero();
        JsonNode e = JSON.readTree(eval.out());
        assertThat(e.get("split").asText()).isEqualTo("test");
        assertThat(e.get("scenes").asInt()).isEqualTo(1);
        assertThat(e.has("miou")).isTrue();

        Path scan = data.resolve("Area_5");
        Path room;
        try (var rooms = Files.list(scan)) {
            room = rooms.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // a room file of S3DIS is x y z r g b text: predict reads it and writes it back labelled
        Path roomFile = room.resolve(room.getFileName() + ".txt");
        Path out = dir.resolve("labelled");
        Cli.Run noColumns = Cli.run("predict", "--run", run.toString(), roomFile.toString(), "--out", out.toString());
        assertThat(noColumns.code()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(noColumns.err()).contains("takes colours").contains("--columns");
        Cli.Run predict = Cli.run("predict", "--run", run.toString(), roomFile.toString(), "--out", out.toString(),
                "--format", "pcd", "--columns", "x y z r g b", "--json");
        assertThat(predict.code()).as(predict.toString()).isZero();
        PointCloud labelled = PointCloudIO.read(out.resolve(room.getFileName() + "-labels.pcd"));
        assertThat(labelled.size()).isEqualTo(JSON.readTree(predict.out()).get(0).get("points").asInt());
        assertThat(labelled.hasLabels()).isTrue();
        assertThat(labelled.hasColors()).isTrue();
        assertThat(Files.readString(out.resolve("classes.txt"))).startsWith("0 ceiling\n1 floor");
        Cli.Run category = Cli.run("predict", "--run", run.toString(), roomFile.toString(), "--category", "Chair");
        assertThat(category.code()).isEqualTo(ExitCodes.USER_ERROR);
    }
}

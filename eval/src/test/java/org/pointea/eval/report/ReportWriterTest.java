package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.eval.Metrics;
import org.pointea.eval.render.RenderOptions;
import org.pointea.pointcloud.PointCloud;

class ReportWriterTest {
  @TempDir Path dir;

  private static Report fullReport() {
    Random rnd = new Random(2);
    int[] labels = new int[200];
    int[] preds = new int[200];
    for (int i = 0; i < 200; i++) {
      labels[i] = rnd.nextInt(10);
      preds[i] = rnd.nextDouble() < 0.8 ? labels[i] : rnd.nextInt(10);
    }
    History.Builder h = History.builder();
    for (int e = 1; e <= 5; e++) {
      h.add(e, Map.of("train_loss", 1.0 / e, "val_acc", 1 - 1.0 / (e + 1), "lr", 0.01));
    }
    float[] xyz = new float[30];
    int[] truth = new int[10];
    for (int i = 0; i < 10; i++) {
      xyz[3 * i] = i;
      truth[i] = 36 + i % 2;
    }
    return Report.builder("test run")
        .optInfo("model", "light")
        .optHistory(h.build())
        .optClassification(Metrics.classification(labels, preds))
        .optPartSegmentation(Metrics.partSegmentation(truth, truth, new int[] {11}))
        .optShapes(List.of(new SegmentedShape("mug", PointCloud.of(xyz), truth, truth)))
        .build();
  }

  @Test
  void writesJsonMarkdownAndEveryFigure() throws IOException {
    ReportWriter w = new ReportWriter(400, 300, RenderOptions.builder().optSize(80, 80).optViews(3).build());
    ReportFiles files = w.write(fullReport(), dir.resolve("run"));
    assertThat(files.figures()).containsOnlyKeys("loss", "accuracy", "confusion", "shapes");
    try (var s = Files.list(dir.resolve("run"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("accuracy.png", "confusion.png", "loss.png", "report.json", "report.md", "shapes.png");
    }
    BufferedImage loss = ImageIO.read(files.figures().get("loss").toFile());
    assertThat(loss.getWidth()).isEqualTo(400);
    BufferedImage shapes = ImageIO.read(files.figures().get("shapes").toFile());
    assertThat(shapes.getWidth()).isEqualTo(2 * 3 * 80 + ShapeGallery.GAP);

    JsonNode json = new ObjectMapper().readTree(files.json().toFile());
    List<String> keys = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("title", "info", "classification", "part_segmentation", "history", "figures");
    assertThat(json.get("title").asText()).isEqualTo("test run");
    assertThat(json.get("info").get("model").asText()).isEqualTo("light");
    assertThat(json.get("classification").get("oa").doubleValue()).isBetween(0.7, 0.95);
    assertThat(json.get("classification").get("per_class")).hasSize(10);
    assertThat(json.get("part_segmentation").get("instance_miou").doubleValue()).isEqualTo(1.0);
    assertThat(json.get("history")).hasSize(5);
    assertThat(json.get("history").get(4).get("epoch").intValue()).isEqualTo(5);
    assertThat(json.get("figures").get("confusion").asText()).isEqualTo("confusion.png");

    String md = Files.readString(files.markdown());
    assertThat(md).contains("![Loss](loss.png)", "![Accuracy](accuracy.png)",
        "![Confusion matrix](confusion.png)", "![Segmented shapes](shapes.png)");
  }

  @Test
  void writesOnlyWhatItHasDataFor() throws IOException {
    ReportFiles files = new ReportWriter().write(Report.builder("empty").build(), dir);
    assertThat(files.figures()).isEmpty();
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("report.json", "report.md");
    }
    JsonNode json = new ObjectMapper().readTree(files.json().toFile());
    assertThat(json.has("classification")).isFalse();
    assertThat(json.get("history")).isEmpty();
  }

  @Test
  void rewritingReplacesTheReport() throws IOException {
    ReportWriter w = new ReportWriter();
    w.write(Report.builder("first").build(), dir);
    w.write(Report.builder("second").build(), dir);
    assertThat(Files.readString(dir.resolve(ReportWriter.MARKDOWN))).startsWith("# second");
  }
}

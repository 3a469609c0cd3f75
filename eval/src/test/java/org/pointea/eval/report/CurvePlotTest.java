package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurvePlotTest {
  private static History history(int epochs) {
    History.Builder b = History.builder();
    for (int e = 1; e <= epochs; e++) {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("train_loss", 2.0 / e);
      m.put("val_loss", 2.5 / e);
      m.put("train_acc", 1 - 1.0 / (e + 1));
      m.put("val_instance_miou", e % 2 == 0 ? 0.5 : Double.NaN);
      m.put("lr", 0.01);
      b.add(e, m);
    }
    return b.build();
  }

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void classifiesMetricNames() {
    assertThat(CurvePlot.isLoss("train_loss")).isTrue();
    assertThat(CurvePlot.isAccuracy("val_acc")).isTrue();
    assertThat(CurvePlot.isAccuracy("val_macc")).isTrue();
    assertThat(CurvePlot.isAccuracy("val_instance_mIoU")).isTrue();
    assertThat(CurvePlot.isAccuracy("oa")).isTrue();
    assertThat(CurvePlot.isAccuracy("lr")).isFalse();
    assertThat(CurvePlot.isAccuracy("acc_loss")).isFalse();
  }

  @Test
  void drawsOneColouredLinePerSeries() {
    BufferedImage loss = CurvePlot.loss(history(20), 600, 400).orElseThrow();
    assertThat(loss.getWidth()).isEqualTo(600);
    assertThat(loss.getHeight()).isEqualTo(400);
    assertThat(count(loss, 0x1f77b4)).as("first series colour").isGreaterThan(200);
    assertThat(count(loss, 0xff7f0e)).as("second series colour").isGreaterThan(200);
    assertThat(count(loss, 0x2ca02c)).as("no third loss").isZero();
    BufferedImage acc = CurvePlot.accuracy(history(20), 600, 400).orElseThrow();
    assertThat(count(acc, 0x1f77b4)).isGreaterThan(200);
    assertThat(count(acc, 0xff7f0e)).as("the half-NaN mIoU series is drawn").isGreaterThan(50);
  }

  @Test
  void oneEpochAndFlatCurvesStillDraw() {
    History one = History.builder().add(1, Map.of("loss", 1.0)).build();
    assertThat(count(CurvePlot.loss(one, 400, 300).orElseThrow(), 0x1f77b4)).isPositive();
    History flat = History.builder().add(1, Map.of("acc", 0.5)).add(2, Map.of("acc", 0.5)).build();
    assertThat(count(CurvePlot.accuracy(flat, 400, 300).orElseThrow(), 0x1f77b4)).isPositive();
  }

  @Test
  void nothingToDrawIsEmpty() {
    History onlyLr = History.builder().add(1, Map.of("lr", 0.1)).build();
    assertThat(CurvePlot.loss(onlyLr, 600, 400)).isEmpty();
    assertThat(CurvePlot.accuracy(History.empty(), 600, 400)).isEmpty();
    History nanLoss = History.builder().add(1, Map.of("loss", Double.NaN)).build();
    assertThat(CurvePlot.chart(nanLoss, List.of("loss"), "t", "y", 600, 400)).isEmpty();
  }

  @Test
  void twoMetricsWithTheSameValuesAreBothVisible() {
    // a balanced validation split gives val_acc == val_macc every epoch
    History.Builder b = History.builder();
    double[] acc = {0.4, 0.6, 0.7, 0.8, 0.9375};
    for (int e = 0; e < acc.length; e++) {
      b.add(e + 1, Map.of("val_acc", acc[e], "val_macc", acc[e]));
    }
    BufferedImage img = CurvePlot.chart(b.build(), List.of("val_acc", "val_macc"), "Accuracy",
        "score", 640, 360).orElseThrow();
    int[] seen = new int[2];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        for (int k = 0; k < 2; k++) {
          if (rgb == (CurvePlot.COLORS[k].getRGB() & 0xffffff)) {
            seen[k]++;
          }
        }
      }
    }
    // the first line (and its legend swatch) is not drawn over by the second
    assertThat(seen[0]).isGreaterThan(300);
    assertThat(seen[1]).isGreaterThan(150);
  }
}

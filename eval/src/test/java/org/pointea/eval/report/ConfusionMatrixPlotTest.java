package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConfusionMatrixPlotTest {
  private static final int DARKEST =
      ConfusionMatrixPlot.RANGE[ConfusionMatrixPlot.RANGE.length - 1].getRGB() & 0xffffff;

  private static long[][] identity(int k, long n) {
    long[][] m = new long[k][k];
    for (int i = 0; i < k; i++) {
      m[i][i] = n;
    }
    return m;
  }

  private static List<String> names(int k) {
    return IntStream.range(0, k).mapToObj(i -> "class_" + i).toList();
  }

  private static List<int[]> pixels(BufferedImage img, int rgb) {
    List<int[]> out = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == rgb) {
          out.add(new int[] {x, y});
        }
      }
    }
    return out;
  }

  @Test
  void normalisesRows() {
    double[][] f = ConfusionMatrixPlot.normalizeRows(new long[][] {{3, 1}, {0, 0}});
    assertThat(f[0]).containsExactly(0.75, 0.25);
    assertThat(f[1]).containsExactly(0.0, 0.0);
    assertThatThrownBy(() -> ConfusionMatrixPlot.normalizeRows(new long[][] {{1, 2}, {3}}))
        .hasMessageContaining("not square");
  }

  @Test
  void fortyClassesGetABigEnoughImage() {
    BufferedImage img = ConfusionMatrixPlot.render(identity(40, 5), names(40), "t");
    assertThat(img.getWidth()).isGreaterThanOrEqualTo(40 * 26);
    assertThat(img.getHeight()).isGreaterThanOrEqualTo(40 * 26);
  }

  @Test
  void diagonalRunsFromTopLeftToBottomRight() {
    BufferedImage img = ConfusionMatrixPlot.render(identity(20, 7), names(20), "t");
    List<int[]> dark = pixels(img, DARKEST);
    assertThat(dark).isNotEmpty();
    // the legend's top end is drawn in the darkest colour too: keep the plot, left of the legend
    int legendLeft = img.getWidth() - 170;
    List<int[]> cells = dark.stream().filter(p -> p[0] < legendLeft).toList();
    double[] xs = cells.stream().mapToDouble(p -> p[0]).toArray();
    double[] ys = cells.stream().mapToDouble(p -> p[1]).toArray();
    assertThat(correlation(xs, ys)).as("x and y of the dark cells rise together").isGreaterThan(0.99);
  }

  @Test
  void aNeverSeenClassHasNoDarkCell() {
    long[][] full = identity(20, 7);
    long[][] missing = identity(20, 7);
    missing[5][5] = 0;
    int legendLeft = ConfusionMatrixPlot.render(full, names(20), "t").getWidth() - 170;
    long a = pixels(ConfusionMatrixPlot.render(full, names(20), "t"), DARKEST).stream()
        .filter(p -> p[0] < legendLeft).count();
    long b = pixels(ConfusionMatrixPlot.render(missing, names(20), "t"), DARKEST).stream()
        .filter(p -> p[0] < legendLeft).count();
    assertThat((double) b / a).isCloseTo(19.0 / 20, within(0.01));
  }

  @Test
  void oneClassAndNoSamplesStillDraw() {
    BufferedImage one = ConfusionMatrixPlot.render(new long[][] {{3}}, List.of("only"), "t");
    int oneLegend = one.getWidth() - 170;
    assertThat(pixels(one, DARKEST).stream().filter(p -> p[0] < oneLegend).count()).isGreaterThan(100);
    BufferedImage none = ConfusionMatrixPlot.render(new long[2][2], names(2), "t");
    int legendLeft = none.getWidth() - 170;
    assertThat(pixels(none, DARKEST).stream().filter(p -> p[0] < legendLeft)).isEmpty();
  }

  @Test
  void titleCarriesTheAccuracy() {
    assertThat(ConfusionMatrixPlot.title(new long[][] {{3, 1}, {0, 4}}))
        .isEqualTo("Confusion matrix (2 classes, OA 87.5 %)");
    assertThat(ConfusionMatrixPlot.title(new long[2][2])).contains("no samples");
  }

  @Test
  void namesMustMatch() {
    assertThatThrownBy(() -> ConfusionMatrixPlot.render(identity(3, 1), names(2), "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double correlation(double[] x, double[] y) {
    double mx = java.util.Arrays.stream(x).average().orElse(0);
    double my = java.util.Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  @Test
  void blackCellValuesStayLegibleOnEveryColourOfTheRamp() {
    for (java.awt.Color c : ConfusionMatrixPlot.RANGE) {
      double contrast = (luminance(c) + 0.05) / 0.05;   // against black text
      org.assertj.core.api.Assertions.assertThat(contrast).as(c.toString()).isGreaterThan(4.5);
    }
  }

  /** WCAG 2 relative luminance. */
  private static double luminance(java.awt.Color c) {
    double[] v = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
    for (int i = 0; i < 3; i++) {
      v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : Math.pow((v[i] + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
}

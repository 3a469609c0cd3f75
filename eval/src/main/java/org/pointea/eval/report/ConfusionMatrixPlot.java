package org.pointea.eval.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The confusion matrix as a heat map, drawn with XChart, headless. Rows (ground truth, top to
 * bottom in class order) are normalised to sum to 1, so each cell is the fraction of a class
 * predicted as another and the diagonal is the per-class accuracy; a class never seen has an empty
 * row. The image grows with the number of classes so that 40 class names stay readable, and cell
 * values are printed when there are at most 15 classes.
 */
public final class ConfusionMatrixPlot {
  /**
   * The colour ramp from 0 to 1 of a row. XChart prints the cell values in black, so the darkest
   * colour stays light enough for black text to keep WCAG's 4.5:1 contrast (the former ramp ended
   * in navy, where the values of the diagonal were unreadable).
   */
  static final Color[] RANGE = {
    Color.WHITE, new Color(0xdeebf7), new Color(0xc6dbef), new Color(0x9ecae1), new Color(0x6baed6)
  };

  private ConfusionMatrixPlot() {}

  /**
   * Returns the row-normalised matrix: {@code counts[t][p] / sum_p counts[t][p]}, rows of zeros
   * where a class was never seen.
   *
   * @param counts {@code [K][K]} counts, rows = ground truth
   * @return {@code [K][K]} fractions
   */
  public static double[][] normalizeRows(long[][] counts) {
    int k = counts.length;
    double[][] out = new double[k][k];
    for (int t = 0; t < k; t++) {
      if (counts[t].length != k) {
        throw new IllegalArgumentException("confusion matrix is not square: row " + t + " has "
            + counts[t].length + " entries, not " + k);
      }
      long sum = 0;
      for (long c : counts[t]) {
        sum += c;
      }
      for (int p = 0; p < k && sum > 0; p++) {
        out[t][p] = (double) counts[t][p] / sum;
      }
    }
    return out;
  }

  /**
   * Draws the heat map.
   *
   * @param counts {@code [K][K]} counts, rows = ground truth
   * @param classNames the K class names (shown on both axes)
   * @param title chart title
   * @return the image; about {@code 300 + 26 K} pixels on a side for many classes
   */
  public static BufferedImage render(long[][] counts, List<String> classNames, String title) {
    int k = counts.length;
    if (k == 0 || classNames.size() != k) {
      throw new IllegalArgumentException(
          classNames.size() + " class names for a " + k + "-class confusion matrix");
    }
    double[][] frac = normalizeRows(counts);
    int longest = classNames.stream().mapToInt(String::length).max().orElse(1);
    int labelSpace = 40 + Math.min(longest, 24) * 8;
    int cell = k <= 15 ? 48 : 26;
    int side = k * cell;
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(side + labelSpace + 170)
            .height(side + labelSpace + 80)
            .title(title)
            .xAxisTitle("predicted")
            .yAxisTitle("ground truth")
            .build();
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendBorderColor(Color.WHITE);
    s.setPlotContentSize(1.0);
    chart.getStyler().setXAxisLabelRotation(90);
    chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    chart.getStyler().setRangeColors(RANGE);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(1);
    chart.getStyler().setDrawBorder(false);
    chart.getStyler().setShowValue(k <= 15);
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setHeatMapValueDecimalPattern("0.00");
    // XChart puts y index 0 at the bottom; list the rows reversed so class 0 is the top row
    List<String> xs = new ArrayList<>(classNames);
    List<String> ys = new ArrayList<>(classNames.size());
    for (int t = k - 1; t >= 0; t--) {
      ys.add(classNames.get(t));
    }
    List<Number[]> cells = new ArrayList<>(k * k);
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        cells.add(new Number[] {p, k - 1 - t, frac[t][p]});
      }
    }
    chart.addSeries("fraction of the row", xs, ys, cells);
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * Returns a default title for a matrix: e.g. {@code "Confusion matrix (40 classes, OA 92.4 %)"}.
   *
   * @param counts the counts
   * @return the title
   */
  public static String title(long[][] counts) {
    long total = 0;
    long correct = 0;
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts[t].length; p++) {
        total += counts[t][p];
        correct += t == p ? counts[t][p] : 0;
      }
    }
    return total == 0
        ? "Confusion matrix (" + counts.length + " classes, no samples)"
        : String.format(Locale.ROOT, "Confusion matrix (%d classes, OA %.1f %%)", counts.length,
            100.0 * correct / total);
  }
}

package org.pointea.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of per-epoch metrics ({@link History}) drawn with XChart, headless.
 *
 * <pre>{@code
 * CurvePlot.loss(history, 900, 500).ifPresent(img -> AtomicFiles.writePng(dir.resolve("loss.png"), img));
 * }</pre>
 */
public final class CurvePlot {
  /** Names containing one of these are losses. */
  private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP
  };
  private static final Predicate<String> IS_LOSS = n -> lower(n).contains("loss");

  /** Names that are accuracies or IoUs (and not losses or learning rates). */
  private static final Predicate<String> IS_ACCURACY =
      n -> {
        String s = lower(n);
        return !s.contains("loss")
            && (s.contains("acc") || s.contains("iou") || s.equals("oa") || s.endsWith("_oa")
                || s.contains("f1"));
      };

  static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
  };

  private CurvePlot() {}

  /**
   * Returns true when a metric name is plotted on the loss chart (it contains {@code loss}).
   *
   * @param name metric name
   * @return whether it is a loss
   */
  public static boolean isLoss(String name) {
    return IS_LOSS.test(name);
  }

  /**
   * Returns true when a metric name is plotted on the accuracy chart: it contains {@code acc},
   * {@code iou} or {@code f1}, or is {@code oa}, and is not a loss.
   *
   * @param name metric name
   * @return whether it is an accuracy-like score
   */
  public static boolean isAccuracy(String name) {
    return IS_ACCURACY.test(name);
  }

  /**
   * Charts every loss of a history.
   *
   * @param history the history
   * @param width pixels
   * @param height pixels
   * @return the chart, or empty when the history has no loss
   */
  public static Optional<BufferedImage> loss(History history, int width, int height) {
    return chart(history, select(history, IS_LOSS), "Loss", "loss", width, height);
  }

  /**
   * Charts every accuracy-like score of a history.
   *
   * @param history the history
   * @param width pixels
   * @param height pixels
   * @return the chart, or empty when the history has no such score
   */
  public static Optional<BufferedImage> accuracy(History history, int width, int height) {
    return chart(history, select(history, IS_ACCURACY), "Accuracy", "score", width, height);
  }

  /**
   * Charts chosen metrics of a history against the epoch.
   *
   * @param history the history
   * @param names the metrics to draw; epochs where one is NaN are left out of its line
   * @param title chart title
   * @param yAxis y-axis title
   * @param width pixels
   * @param height pixels
   * @return the chart, or empty when none of the metrics has a finite value
   */
  public static Optional<BufferedImage> chart(
      History history, List<String> names, String title, String yAxis, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setLegendBorderColor(Color.WHITE);
    chart.getStyler().setAntiAlias(true);
    int[] epochs = history.epochNumbers();
    int drawn = 0;
    for (String name : names) {
      double[] y = history.series(name);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (Double.isFinite(y[i])) {
          xs.add((double) epochs[i]);
          ys.add(y[i]);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries(name, xs, ys);
      s.setLineColor(COLORS[drawn % COLORS.length]);
      // each later line thinner and dashed, with its own marker, so that two metrics with the same
      // values (val_acc and val_macc on a balanced split) both stay visible, one over the other
      float stroke = Math.max(1.25f, 3.5f - drawn);
      s.setLineStyle(drawn % 2 == 0 ? new BasicStroke(stroke)
          : new BasicStroke(stroke, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {6f, 4f}, 0f));
      s.setMarker(xs.size() <= 30 ? MARKERS[drawn % MARKERS.length] : SeriesMarkers.NONE);
      s.setMarkerColor(COLORS[drawn % COLORS.length]);
      drawn++;
    }
    if (drawn == 0) {
      return Optional.empty();
    }
    chart.getStyler().setMarkerSize(5);
    return Optional.of(BitmapEncoder.getBufferedImage(chart));
  }

  private static List<String> select(History history, Predicate<String> which) {
    return history.metricNames().stream().filter(which).toList();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}

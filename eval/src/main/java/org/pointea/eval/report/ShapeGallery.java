package org.pointea.eval.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.pointea.eval.render.ColorBy;
import org.pointea.eval.render.PointCloudRenderer;
import org.pointea.eval.render.RenderOptions;
import org.pointea.eval.render.View;

/**
 * A grid of segmented shapes: one row per shape, the ground truth from each view on the left and
 * the prediction from the same views on the right, coloured with the label palette. Every view of a
 * row shares one fit, so truth and prediction line up.
 *
 * <pre>{@code
 * BufferedImage img = new ShapeGallery(RenderOptions.builder().optSize(220, 220).optViews(3).build())
 *     .render(List.of(new SegmentedShape("Chair  IoU 0.83", cloud, truth, prediction)));
 * }</pre>
 */
public final class ShapeGallery {
  static final int HEADER = 26;
  static final int TITLE = 24;
  static final int GAP = 16;

  private final RenderOptions options;
  private final PointCloudRenderer renderer;

  /** Creates a gallery of three 220-pixel views per side (front, side, top), y up. */
  public ShapeGallery() {
    this(RenderOptions.builder().optSize(220, 220).optViews(3).build());
  }

  /**
   * Creates a gallery; the colouring in {@code options} is replaced by {@link ColorBy#LABEL} and
   * captions are drawn by the gallery itself.
   *
   * @param options view size, views, projection, up axis, point size, shading, background
   */
  public ShapeGallery(RenderOptions options) {
    this.options = options.toBuilder().optColorBy(ColorBy.LABEL).optCaptions(false).build();
    this.renderer = new PointCloudRenderer(this.options);
  }

  /**
   * Returns the indices of {@code count} shapes spread over the range of their IoU: the best, the
   * worst and evenly spaced ranks between them, best first. Useful to pick what to show.
   *
   * @param shapeIous IoU of every shape
   * @param count how many to pick
   * @return distinct indices into {@code shapeIous}
   */
  public static int[] pickSpread(double[] shapeIous, int count) {
    int n = shapeIous.length;
    int k = Math.min(count, n);
    if (k <= 0) {
      return new int[0];
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -shapeIous[i]).thenComparing(i -> i));
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      int rank = k == 1 ? 0 : (int) Math.round((double) j * (n - 1) / (k - 1));
      out[j] = order[rank];
    }
    return out;
  }

  /**
   * Draws the gallery.
   *
   * @param shapes the shapes, one row each
   * @return the image
   */
  public BufferedImage render(List<SegmentedShape> shapes) {
    if (shapes.isEmpty()) {
      throw new IllegalArgumentException("no shapes to draw");
    }
    boolean anyTruth = shapes.stream().anyMatch(s -> s.truth() != null);
    boolean anyPred = shapes.stream().anyMatch(s -> s.prediction() != null);
    List<View> views = options.views();
    int w = options.width();
    int h = options.height();
    int groupWidth = views.size() * w;
    int groups = (anyTruth ? 1 : 0) + (anyPred ? 1 : 0);
    int width = groups * groupWidth + (groups - 1) * GAP;
    int height = HEADER + shapes.size() * (TITLE + h);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(new Color(options.background()));
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(new Color(0x303030));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      int x = 0;
      if (anyTruth) {
        g.drawString("ground truth  (" + viewNames(views) + ")", 6, 18);
        x = groupWidth + GAP;
      }
      if (anyPred) {
        g.drawString("prediction  (" + viewNames(views) + ")", x + 6, 18);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      for (int r = 0; r < shapes.size(); r++) {
        SegmentedShape s = shapes.get(r);
        int top = HEADER + r * (TITLE + h);
        g.setColor(new Color(0x303030));
        g.drawString(s.title(), 6, top + 17);
        drawLegend(g, s, 6 + g.getFontMetrics().stringWidth(s.title()) + 18, top + 6, width);
        g.setColor(new Color(0xdddddd));
        g.drawLine(0, top + 1, width, top + 1);
        int panelTop = top + TITLE;
        x = 0;
        if (anyTruth) {
          if (s.truth() != null) {
            drawGroup(s.truthCloud(), s, img, x, panelTop);
          }
          x = groupWidth + GAP;
        }
        if (anyPred && s.prediction() != null) {
          drawGroup(s.predictionCloud(), s, img, x, panelTop);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private void drawGroup(
      org.pointea.pointcloud.PointCloud labelled, SegmentedShape s, BufferedImage img, int x, int y) {
    List<View> views = options.views();
    for (int v = 0; v < views.size(); v++) {
      renderer.renderInto(labelled, s.cloud(), views.get(v), img, x + v * options.width(), y);
    }
  }

  /**
   * Draws the colour of each label of a shape (ground truth and prediction) with its value, in
   * the title row: the key to the part colours.
   */
  private static void drawLegend(Graphics2D g, SegmentedShape s, int x, int y, int right) {
    java.util.TreeSet<Integer> labels = new java.util.TreeSet<>();
    for (int[] ls : new int[][] {s.truth(), s.prediction()}) {
      if (ls != null) {
        for (int l : ls) {
          labels.add(l);
        }
      }
    }
    java.awt.FontMetrics fm = g.getFontMetrics();
    for (int label : labels) {
      String text = "part " + label;
      int w = 12 + 4 + fm.stringWidth(text) + 12;
      if (x + w > right) {
        break;
      }
      g.setColor(org.pointea.eval.render.Palette.labelColor(label));
      g.fillRect(x, y, 12, 12);
      g.setColor(new Color(0x303030));
      g.drawRect(x, y, 12, 12);
      g.drawString(text, x + 16, y + 11);
      x += w;
    }
  }

  private static String viewNames(List<View> views) {
    return String.join(", ", views.stream().map(View::name).toList());
  }
}

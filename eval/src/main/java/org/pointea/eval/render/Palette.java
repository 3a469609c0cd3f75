package org.pointea.eval.render;

import java.awt.Color;

/**
 * Colours for labels and scalar values: a categorical palette whose neighbouring entries are
 * easy to tell apart (matplotlib's tab10 first, then colours picked greedily to stay far from the
 * previous ones), and the viridis map for scalars.
 *
 * <p>Consecutive label ids get clearly different colours, so the 2 to 6 consecutive global part
 * ids of one ShapeNet-part category are always distinct. Colours are packed {@code 0xRRGGBB}.
 */
public final class Palette {
  /** The colour of a negative (unlabelled) label: light grey. */
  public static final int UNLABELLED = 0xc8c8c8;

  private static final int[] TAB10 = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf
  };

  // matplotlib's viridis at 0, 1/8, ..., 1
  private static final int[] VIRIDIS = {
    0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725
  };

  private static final int CACHED = 256;
  private static final int[] LABELS = new int[CACHED];

  static {
    fill();
  }

  private Palette() {}

  /**
   * Returns the colour of a label.
   *
   * @param label a label; negative means unlabelled
   * @return {@code 0xRRGGBB}
   */
  public static int label(int label) {
    if (label < 0) {
      return UNLABELLED;
    }
    return compute(label);
  }

  /**
   * Returns the colour of a label as an AWT colour.
   *
   * @param label a label
   * @return the colour
   */
  public static Color labelColor(int label) {
    return new Color(label(label));
  }

  private static int compute(int i) {
    return i < CACHED ? LABELS[i] : LABELS[i % (CACHED - TAB10.length) + TAB10.length];
  }

  /**
   * Fills the table: tab10, then greedily the candidate colour farthest from those already taken,
   * where the six previous entries count fully and older ones (and white and grey, so labels stand
   * out on the background) count at 40 %. Consecutive labels therefore differ strongly and no colour
   * repeats until the candidates run out.
   */
  private static void fill() {
    int[] candidates = new int[36 * 3 * 3];
    int m = 0;
    float[] sats = {0.5f, 0.75f, 1f};
    float[] bris = {0.55f, 0.75f, 0.95f};
    for (int h = 0; h < 36; h++) {
      for (float sat : sats) {
        for (float bri : bris) {
          candidates[m++] = Color.HSBtoRGB(h / 36f, sat, bri) & 0xffffff;
        }
      }
    }
    System.arraycopy(TAB10, 0, LABELS, 0, TAB10.length);
    boolean[] used = new boolean[candidates.length];
    for (int i = TAB10.length; i < CACHED; i++) {
      int best = -1;
      double bestScore = -1;
      for (int k = 0; k < candidates.length; k++) {
        if (used[k]) {
          continue;
        }
        int c = candidates[k];
        double score = Math.min(distance(c, 0xffffff), distance(c, UNLABELLED)) / 0.4;
        for (int j = 0; j < i; j++) {
          double d = distance(c, LABELS[j]);
          score = Math.min(score, i - j <= 6 ? d : d / 0.4);
        }
        if (score > bestScore) {
          bestScore = score;
          best = k;
        }
      }
      if (best < 0) { // every candidate used: start over
        java.util.Arrays.fill(used, false);
        i--;
        continue;
      }
      used[best] = true;
      LABELS[i] = candidates[best];
    }
  }

  private static double distance(int a, int b) {
    double dr = (a >> 16 & 255) - (b >> 16 & 255);
    double dg = (a >> 8 & 255) - (b >> 8 & 255);
    double db = (a & 255) - (b & 255);
    // a cheap perceptual weighting ("redmean")
    double rm = ((a >> 16 & 255) + (b >> 16 & 255)) / 2.0;
    return Math.sqrt((2 + rm / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rm) / 256) * db * db);
  }

  /**
   * Returns the viridis colour of a value in [0, 1] (clamped; NaN gives the low end).
   *
   * @param t the value
   * @return {@code 0xRRGGBB}
   */
  public static int viridis(double t) {
    if (!(t > 0)) {
      return VIRIDIS[0];
    }
    if (t >= 1) {
      return VIRIDIS[VIRIDIS.length - 1];
    }
    double x = t * (VIRIDIS.length - 1);
    int i = (int) x;
    double f = x - i;
    int a = VIRIDIS[i];
    int b = VIRIDIS[i + 1];
    return mix(a >> 16 & 255, b >> 16 & 255, f) << 16
        | mix(a >> 8 & 255, b >> 8 & 255, f) << 8
        | mix(a & 255, b & 255, f);
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }
}

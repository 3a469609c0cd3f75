package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pointea.eval.render.Palette;
import org.pointea.eval.render.RenderOptions;
import org.pointea.pointcloud.PointCloud;

class ShapeGalleryTest {
  private static final int V = 60;

  /** A 2 x 2 x 2 grid of points, labelled 36 (Mug body) on the left half, 37 (handle) on the right. */
  private static SegmentedShape mug(String title, boolean withPrediction) {
    float[] xyz = new float[8 * 3];
    int[] truth = new int[8];
    int[] pred = new int[8];
    for (int i = 0; i < 8; i++) {
      xyz[3 * i] = (i & 1) == 0 ? -1 : 1;
      xyz[3 * i + 1] = (i & 2) == 0 ? -1 : 1;
      xyz[3 * i + 2] = (i & 4) == 0 ? -1 : 1;
      truth[i] = xyz[3 * i] < 0 ? 36 : 37;
      pred[i] = 36;
    }
    return new SegmentedShape(title, PointCloud.of(xyz), truth, withPrediction ? pred : null);
  }

  private static Set<Integer> colors(BufferedImage img, int x0, int y0, int w, int h) {
    Set<Integer> out = new HashSet<>();
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        out.add(img.getRGB(x, y) & 0xffffff);
      }
    }
    return out;
  }

  @Test
  void truthOnTheLeftPredictionOnTheRightOneRowPerShape() {
    ShapeGallery g = new ShapeGallery(RenderOptions.builder().optSize(V, V).optViews(3).optPointSize(5).build());
    BufferedImage img = g.render(List.of(mug("a", true), mug("b", true)));
    assertThat(img.getWidth()).isEqualTo(2 * 3 * V + ShapeGallery.GAP);
    assertThat(img.getHeight()).isEqualTo(ShapeGallery.HEADER + 2 * (ShapeGallery.TITLE + V));
    int panelTop = ShapeGallery.HEADER + ShapeGallery.TITLE;
    // front view of the truth shows both parts; the prediction only the body
    assertThat(colors(img, 0, panelTop, V, V)).contains(Palette.label(36), Palette.label(37));
    Set<Integer> pred = colors(img, 3 * V + ShapeGallery.GAP, panelTop, V, V);
    assertThat(pred).contains(Palette.label(36)).doesNotContain(Palette.label(37));
    // the side view (camera on +x) sees only the handle half in front
    assertThat(colors(img, V, panelTop, V, V)).contains(Palette.label(37)).doesNotContain(Palette.label(36));
    // second row drawn too
    int row2 = panelTop + ShapeGallery.TITLE + V;
    assertThat(colors(img, 0, row2, V, V)).contains(Palette.label(36));
  }

  @Test
  void eachRowCarriesAKeyToItsPartColours() {
    ShapeGallery g = new ShapeGallery(RenderOptions.builder().optSize(220, 220).optViews(3).build());
    BufferedImage img = g.render(List.of(mug("Mug", true)));
    // the title row (above the panels) shows a swatch of each part present
    Set<Integer> title = colors(img, 0, ShapeGallery.HEADER, img.getWidth(), ShapeGallery.TITLE);
    assertThat(title).contains(Palette.label(36), Palette.label(37));
  }

  @Test
  void truthOnlyGalleryHasOneGroup() {
    ShapeGallery g = new ShapeGallery(RenderOptions.builder().optSize(V, V).optViews(2).build());
    BufferedImage img = g.render(List.of(mug("a", false)));
    assertThat(img.getWidth()).isEqualTo(2 * V);
    assertThatThrownBy(() -> g.render(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void picksBestWorstAndBetween() {
    double[] ious = {0.5, 0.9, 0.1, 0.7, 0.3};
    assertThat(ShapeGallery.pickSpread(ious, 3)).containsExactly(1, 0, 2);
    assertThat(ShapeGallery.pickSpread(ious, 1)).containsExactly(1);
    assertThat(ShapeGallery.pickSpread(ious, 10)).containsExactly(1, 3, 0, 4, 2);
    assertThat(ShapeGallery.pickSpread(new double[0], 3)).isEmpty();
  }
}

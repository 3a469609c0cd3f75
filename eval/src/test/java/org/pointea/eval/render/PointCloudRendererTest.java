package org.pointea.eval.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.pointcloud.PointCloud;

class PointCloudRendererTest {
  private static final int WHITE = 0xffffff;

  private static RenderOptions.Builder opts() {
    return RenderOptions.builder().optSize(64, 64).optViews(List.of(View.FRONT)).optMargin(0);
  }

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xffffff;
  }

  private static int countNot(BufferedImage img, int background, int x0, int w) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = x0; x < x0 + w; x++) {
        n += rgb(img, x, y) != background ? 1 : 0;
      }
    }
    return n;
  }

  private static Set<Integer> colorsIn(BufferedImage img) {
    Set<Integer> out = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        out.add(rgb(img, x, y));
      }
    }
    return out;
  }

  @Test
  void runsHeadless() {
    assertThat(GraphicsEnvironment.isHeadless()).isTrue();
  }

  @Test
  void emptyCloudDrawsNothing() {
    BufferedImage img = new PointCloudRenderer(opts().optViews(3).optColorBy(ColorBy.HEIGHT).build())
        .render(PointCloud.empty());
    assertThat(img.getWidth()).isEqualTo(3 * 64);
    assertThat(countNot(img, WHITE, 0, img.getWidth())).isZero();
  }

  @Test
  void nonFinitePointsAreSkipped() {
    float nan = Float.NaN;
    float inf = Float.POSITIVE_INFINITY;
    PointCloud onlyBad = PointCloud.builder(new float[] {nan, 0, 0, inf, 1, 1}).labels(new int[] {1, 2}).build();
    PointCloudRenderer r = new PointCloudRenderer(opts().optPointSize(3).build());
    assertThat(countNot(r.render(onlyBad), WHITE, 0, 64)).isZero();
    PointCloud mixed = PointCloud.builder(new float[] {nan, 0, 0, 0, 0, 0, inf, 5, 5})
        .labels(new int[] {1, 2, 3}).build();
    BufferedImage img = r.render(mixed);
    assertThat(colorsIn(img)).containsExactlyInAnyOrder(WHITE, Palette.label(2));
  }

  @Test
  void singlePointIsOneSplatInTheCentreInItsPaletteColour() {
    PointCloud one = PointCloud.builder(new float[] {3, -2, 7}).labels(new int[] {4}).build();
    BufferedImage img = new PointCloudRenderer(opts().optPointSize(3).build()).render(one);
    assertThat(rgb(img, 32, 32)).isEqualTo(Palette.label(4));
    assertThat(countNot(img, WHITE, 0, 64)).isEqualTo(PointCloudRenderer.splat(3).length / 2).isEqualTo(9);
    assertThat(rgb(img, 0, 0)).isEqualTo(WHITE);
  }

  @Test
  void pointsLandWhereTheViewPutsThem() {
    // y up: front view shows +x on the right and +y at the top; the top view shows -z at the top
    float[] xyz = {
      1, 0, 0, // label 0: right
      0, 1, 0, // label 1: up
      0, 0, -1, // label 2: back
      -1, -1, 1 // label 3: left, down, front
    };
    PointCloud c = PointCloud.builder(xyz).labels(new int[] {0, 1, 2, 3}).build();
    PointCloudRenderer r = new PointCloudRenderer(opts().optSize(101, 101).optPointSize(1)
        .optViews(List.of(View.FRONT, View.TOP, View.SIDE)).build());
    BufferedImage img = r.render(c);
    // radius = |(-1,-1,1) - centre (0,0,0)| = sqrt(3); scale = 50.5 / sqrt(3)
    double s = 50.5 / Math.sqrt(3);
    int mid = 50;
    int right = (int) Math.floor(50.5 + s);
    int left = (int) Math.floor(50.5 - s);
    assertThat(rgb(img, right, mid)).as("front: +x right").isEqualTo(Palette.label(0));
    assertThat(rgb(img, mid, left)).as("front: +y up").isEqualTo(Palette.label(1));
    assertThat(rgb(img, left, right)).as("front: -x left, -y down").isEqualTo(Palette.label(3));
    assertThat(rgb(img, 101 + mid, left)).as("top: -z at the top").isEqualTo(Palette.label(2));
    assertThat(rgb(img, 101 + right, mid)).as("top: +x right").isEqualTo(Palette.label(0));
    // side view (camera on +x): -z to the right, +y up
    assertThat(rgb(img, 202 + right, mid)).as("side: -z right").isEqualTo(Palette.label(2));
    assertThat(rgb(img, 202 + mid, left)).as("side: +y up").isEqualTo(Palette.label(1));
  }

  @Test
  void zUpPutsZAtTheTop() {
    PointCloud c = PointCloud.builder(new float[] {0, 0, 1, 0, 0, -1}).labels(new int[] {0, 1}).build();
    BufferedImage img = new PointCloudRenderer(
        opts().optSize(101, 101).optPointSize(1).optMargin(0.1).optUpAxis(UpAxis.Z).build()).render(c);
    // half size 50.5 * 0.9 = 45.45 pixels per unit
    assertThat(rgb(img, 50, 5)).isEqualTo(Palette.label(0));
    assertThat(rgb(img, 50, 95)).isEqualTo(Palette.label(1));
  }

  @Test
  void nearerPointsHideFartherOnesWhateverTheOrder() {
    // front view: the camera is on +z, so z = 0.5 is nearer than z = -0.5
    float[] farFirst = {0, 0, -0.5f, 0, 0, 0.5f};
    float[] nearFirst = {0, 0, 0.5f, 0, 0, -0.5f};
    PointCloudRenderer r = new PointCloudRenderer(opts().optPointSize(5).build());
    BufferedImage a = r.render(PointCloud.builder(farFirst).labels(new int[] {1, 2}).build());
    BufferedImage b = r.render(PointCloud.builder(nearFirst).labels(new int[] {2, 1}).build());
    assertThat(rgb(a, 32, 32)).isEqualTo(Palette.label(2));
    assertThat(rgb(b, 32, 32)).isEqualTo(Palette.label(2));
    assertThat(colorsIn(a)).doesNotContain(Palette.label(1));
  }

  @Test
  void perspectiveEnlargesNearerThings() {
    // two points at the same lateral offset, one near and one far from the camera
    PointCloud c = PointCloud.builder(new float[] {0.5f, 0, 0.5f, -0.5f, 0, -0.5f})
        .labels(new int[] {0, 1}).build();
    BufferedImage img = new PointCloudRenderer(
        opts().optSize(201, 201).optPointSize(1).optProjection(Projection.PERSPECTIVE).build()).render(c);
    int nearX = -1;
    int farX = -1;
    for (int x = 0; x < 201; x++) {
      if (rgb(img, x, 100) == Palette.label(0)) {
        nearX = x;
      }
      if (rgb(img, x, 100) == Palette.label(1)) {
        farX = x;
      }
    }
    assertThat(nearX).isPositive();
    assertThat(farX).isPositive();
    assertThat(nearX - 100).isGreaterThan(100 - farX);
  }

  @Test
  void colorsByHeightNormalAndRgb() {
    float[] xyz = {0, -1, 0, 0, 1, 0, 0, 0, 0};
    PointCloud c = PointCloud.builder(xyz)
        .normals(new float[] {1, 0, 0, 0, -1, 0, 0, 0, 1})
        .colors(new float[] {1, 0, 0, 0, 1, 0, 0.5f, 0.5f, 0.5f}, 3)
        .build();
    PointCloudRenderer height = new PointCloudRenderer(opts().optColorBy(ColorBy.HEIGHT).build());
    assertThat(height.colors(c)).containsExactly(Palette.viridis(0), Palette.viridis(1), Palette.viridis(0.5));
    PointCloudRenderer normal = new PointCloudRenderer(opts().optColorBy(ColorBy.NORMAL).build());
    assertThat(normal.colors(c)).containsExactly(0xff8080, 0x800080, 0x8080ff);
    PointCloudRenderer rgb = new PointCloudRenderer(opts().optColorBy(ColorBy.RGB).build());
    assertThat(rgb.colors(c)).containsExactly(0xff0000, 0x00ff00, 0x808080);
    // AUTO prefers rgb when there are no labels
    assertThat(new PointCloudRenderer(opts().build()).colors(c)).containsExactly(rgb.colors(c));
    // and height when there are neither
    assertThat(new PointCloudRenderer(opts().build()).colors(PointCloud.of(xyz.clone())))
        .containsExactly(height.colors(c));
    // the image carries exactly those colours
    BufferedImage img = new PointCloudRenderer(opts().optColorBy(ColorBy.RGB).optPointSize(2).build()).render(c);
    assertThat(colorsIn(img)).containsExactlyInAnyOrder(WHITE, 0xff0000, 0x00ff00, 0x808080);
  }

  @Test
  void missingChannelIsAClearError() {
    PointCloud c = PointCloud.of(new float[] {0, 0, 0});
    for (ColorBy by : new ColorBy[] {ColorBy.LABEL, ColorBy.NORMAL, ColorBy.RGB}) {
      assertThatThrownBy(() -> new PointCloudRenderer(opts().optColorBy(by).build()).render(c))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot colour by")
          .hasMessageContaining("has no '");
    }
  }

  @Test
  void labelledShapeUsesOnlyPaletteColoursInEveryView() {
    Random rnd = new Random(3);
    int n = 6000;
    float[] xyz = new float[3 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      // a sphere cut into four parts by octant
      double z = rnd.nextDouble() * 2 - 1;
      double t = rnd.nextDouble() * 2 * Math.PI;
      double r = Math.sqrt(1 - z * z);
      xyz[3 * i] = (float) (r * Math.cos(t));
      xyz[3 * i + 1] = (float) (r * Math.sin(t));
      xyz[3 * i + 2] = (float) z;
      labels[i] = 12 + (xyz[3 * i] > 0 ? 1 : 0) + (xyz[3 * i + 1] > 0 ? 2 : 0);
    }
    PointCloud c = PointCloud.builder(xyz).labels(labels).build();
    PointCloudRenderer r = new PointCloudRenderer(
        RenderOptions.builder().optSize(128, 128).optViews(3).optPointSize(4).optColorBy(ColorBy.LABEL).build());
    BufferedImage img = r.render(c);
    assertThat(img.getWidth()).isEqualTo(384);
    assertThat(colorsIn(img))
        .containsExactlyInAnyOrder(WHITE, Palette.label(12), Palette.label(13), Palette.label(14), Palette.label(15));
    for (int v = 0; v < 3; v++) {
      int drawn = countNot(img, WHITE, v * 128, 128);
      // a unit sphere fills pi r^2 of the view: r = 0.95 * 64 px
      double disc = Math.PI * Math.pow(0.95 * 64, 2);
      assertThat((double) drawn).as("view %d", v).isBetween(0.85 * disc, 1.15 * disc);
    }
    // front view: +y (labels 14, 15) is in the upper half only
    for (int y = 70; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        assertThat(rgb(img, x, y)).isNotIn(Palette.label(14), Palette.label(15));
      }
    }
  }

  @Test
  void depthShadingDarkensFartherPoints() {
    PointCloud c = PointCloud.builder(new float[] {-1, 0, -1, 1, 0, 1}).labels(new int[] {0, 0}).build();
    BufferedImage img = new PointCloudRenderer(
        opts().optSize(101, 101).optPointSize(1).optDepthShading(0.5).build()).render(c);
    double s = 50.5 / Math.sqrt(2);
    int far = rgb(img, (int) Math.floor(50.5 - s), 50);
    int near = rgb(img, (int) Math.floor(50.5 + s), 50);
    // depth runs over [-r, r]: the near point (depth -1 of r = 1.41) is darkened by 7 %, the far one
    // (depth +1) by 43 %
    assertThat(luma(near)).isCloseTo(0.927 * luma(Palette.label(0)), org.assertj.core.api.Assertions.within(2.0));
    assertThat(luma(far)).isCloseTo(0.573 * luma(Palette.label(0)), org.assertj.core.api.Assertions.within(2.0));
  }

  @Test
  void captionsAreDrawnOnlyWhenAsked() {
    PointCloud c = PointCloud.builder(new float[] {0, 0, 0}).labels(new int[] {0}).build();
    RenderOptions.Builder b = RenderOptions.builder().optSize(200, 200).optViews(2).optPointSize(2);
    BufferedImage plain = new PointCloudRenderer(b.build()).render(c);
    BufferedImage captioned = new PointCloudRenderer(b.optCaptions(true).build()).render(c);
    assertThat(countCorner(plain, 0)).isZero();
    assertThat(countCorner(captioned, 0)).isPositive();
    assertThat(countCorner(captioned, 200)).isPositive();
  }

  @Test
  void aLegendShowsTheColourAndNameOfEveryLabelPresent() {
    PointCloud c = PointCloud.builder(new float[] {0, 0, 0, 1, 1, 1}).labels(new int[] {2, 7}).build();
    RenderOptions.Builder b = RenderOptions.builder().optSize(360, 360).optPointSize(2)
        .optColorBy(ColorBy.LABEL);
    BufferedImage plain = new PointCloudRenderer(b.build()).render(c);
    BufferedImage legend = new PointCloudRenderer(
        b.optLegend(java.util.List.of("a", "b", "wall", "d", "e", "f", "g", "chair")).build()).render(c);
    java.util.Set<Integer> plainTopRight = new java.util.HashSet<>();
    java.util.Set<Integer> topRight = new java.util.HashSet<>();
    for (int y = 0; y < 60; y++) {
      for (int x = 240; x < 360; x++) {
        plainTopRight.add(rgb(plain, x, y));
        topRight.add(rgb(legend, x, y));
      }
    }
    assertThat(plainTopRight).containsOnly(WHITE);
    assertThat(topRight).contains(Palette.label(2), Palette.label(7));
  }

  private static int countCorner(BufferedImage img, int x0) {
    int n = 0;
    for (int y = 0; y < 20; y++) {
      for (int x = x0; x < x0 + 60; x++) {
        n += rgb(img, x, y) != WHITE ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void autoPointSizeShrinksWithMorePoints() {
    PointCloudRenderer r = new PointCloudRenderer(RenderOptions.builder().optSize(512, 512).build());
    assertThat(r.pointSize(1)).isEqualTo(12);
    assertThat(r.pointSize(2048)).isBetween(8, 12);
    assertThat(r.pointSize(10_000)).isBetween(3, 6);
    assertThat(r.pointSize(1_000_000)).isEqualTo(1);
    assertThat(new PointCloudRenderer(RenderOptions.builder().optPointSize(7).build()).pointSize(5)).isEqualTo(7);
  }

  @Test
  void splatsAreDiscs() {
    assertThat(PointCloudRenderer.splat(1)).containsExactly(0, 0);
    assertThat(PointCloudRenderer.splat(3).length / 2).isEqualTo(9);
    int[] five = PointCloudRenderer.splat(5);
    for (int k = 0; k < five.length; k += 2) {
      assertThat(five[k] * five[k] + five[k + 1] * five[k + 1]).isLessThanOrEqualTo(6);
    }
  }

  @Test
  void renderIntoSharesTheFitOfAnotherCloud(@TempDir Path dir) throws Exception {
    PointCloud big = PointCloud.builder(new float[] {-2, 0, 0, 2, 0, 0}).labels(new int[] {0, 0}).build();
    PointCloud small = PointCloud.builder(new float[] {1, 0, 0}).labels(new int[] {5}).build();
    PointCloudRenderer r = new PointCloudRenderer(opts().optSize(101, 101).optPointSize(1).build());
    BufferedImage target = new BufferedImage(202, 101, BufferedImage.TYPE_INT_RGB);
    r.renderInto(small, big, View.FRONT, target, 101, 0);
    // fitted to big: centre 0, radius 2, so x = 1 sits halfway to the right edge
    assertThat(rgb(target, 101 + (int) Math.floor(50.5 + 50.5 / 2), 50)).isEqualTo(Palette.label(5));
    assertThatThrownBy(() -> r.renderInto(small, small, View.FRONT, target, 150, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void writesAReadablePng(@TempDir Path dir) throws Exception {
    PointCloud c = PointCloud.builder(new float[] {0, 0, 0, 1, 1, 1}).labels(new int[] {1, 2}).build();
    PointCloudRenderer r = new PointCloudRenderer(opts().optViews(2).build());
    Path png = r.writePng(c, dir.resolve("sub/cloud.png"));
    BufferedImage back = ImageIO.read(png.toFile());
    BufferedImage direct = r.render(c);
    assertThat(back.getWidth()).isEqualTo(128);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 128; x++) {
        assertThat(rgb(back, x, y)).isEqualTo(rgb(direct, x, y));
      }
    }
    try (var files = Files.list(png.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cloud.png");
    }
  }

  @Test
  void realColouredScanShowsOnlyItsOwnColours() {
    // PCL's milk carton scan (every 4th of 13,704 points, rgba)
    PointCloud milk = AsciiPcd.read("milk_color_every4.pcd");
    assertThat(milk.size()).isEqualTo(3426);
    PointCloudRenderer r = new PointCloudRenderer(
        RenderOptions.builder().optSize(200, 200).optViews(3).optColorBy(ColorBy.RGB).build());
    BufferedImage img = r.render(milk);
    Set<Integer> own = new HashSet<>();
    for (int c : r.colors(milk)) {
      own.add(c);
    }
    Set<Integer> drawn = colorsIn(img);
    drawn.remove(WHITE);
    assertThat(own).containsAll(drawn);
    assertThat(drawn.size()).as("many distinct scan colours are visible").isGreaterThan(100);
    for (int v = 0; v < 3; v++) {
      assertThat(countNot(img, WHITE, v * 200, 200)).as("view %d", v).isGreaterThan(2000);
    }
  }

  @Test
  void realBunnyIsUprightWithYUp() {
    // PCL's bun0.pcd: the Stanford bunny, y up; coloured by height, the top of the front view is the
    // high end of viridis and the bottom the low end
    PointCloud bunny = AsciiPcd.read("bun0.pcd");
    PointCloudRenderer r = new PointCloudRenderer(RenderOptions.builder().optSize(200, 200)
        .optViews(List.of(View.FRONT)).optColorBy(ColorBy.HEIGHT).optPointSize(3).build());
    BufferedImage img = r.render(bunny);
    int top = -1;
    int bottom = -1;
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 200; x++) {
        if (rgb(img, x, y) != WHITE) {
          bottom = y;
          if (top < 0) {
            top = y;
          }
        }
      }
    }
    assertThat(meanGreen(img, top)).isGreaterThan(180); // viridis(1) = #fde725
    assertThat(meanGreen(img, bottom)).isLessThan(70); // viridis(0) = #440154
    // normals: every drawn colour is the (n + 1) / 2 colour of some point
    PointCloudRenderer byNormal = new PointCloudRenderer(RenderOptions.builder().optSize(200, 200)
        .optViews(3).optColorBy(ColorBy.NORMAL).build());
    Set<Integer> own = new HashSet<>();
    for (int c : byNormal.colors(bunny)) {
      own.add(c);
    }
    Set<Integer> drawn = colorsIn(byNormal.render(bunny));
    drawn.remove(WHITE);
    assertThat(own).containsAll(drawn);
    assertThat(drawn.size()).isGreaterThan(150);
  }

  private static double meanGreen(BufferedImage img, int y) {
    double sum = 0;
    int n = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      int c = rgb(img, x, y);
      if (c != WHITE) {
        sum += c >> 8 & 255;
        n++;
      }
    }
    return sum / n;
  }

  private static double luma(int rgb) {
    return 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
  }
}

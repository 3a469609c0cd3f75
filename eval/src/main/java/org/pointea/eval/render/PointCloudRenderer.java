package org.pointea.eval.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pointea.eval.AtomicFiles;
import org.pointea.pointcloud.Bounds;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * A headless software renderer for point clouds: each point is projected (orthographic or
 * perspective) from one or more {@link View}s and drawn as a round splat through a z-buffer, so
 * near points hide far ones. Colours come from labels, height, normals or the cloud's own colours.
 * Needs no display and no OpenGL: it works with {@code -Djava.awt.headless=true} on a server.
 *
 * <p>All views of one call share one fit: the cloud's bounding-box centre sits in the middle of
 * each view and its farthest point from that centre just fits inside the margin, so the views have
 * the same scale. Points with a NaN or infinite coordinate are skipped; an empty cloud gives a
 * blank image.
 *
 * <p>Instances are immutable and thread-safe; each call allocates its own buffers.
 *
 * <pre>{@code
 * PointCloudRenderer renderer = new PointCloudRenderer(
 *     RenderOptions.builder().optColorBy(ColorBy.LABEL).optViews(3).build());
 * renderer.writePng(cloud, Path.of("shape.png"));   // three views side by side
 * }</pre>
 */
public final class PointCloudRenderer {
  private static final double FIELD_OF_VIEW = Math.toRadians(40);

  private final RenderOptions options;

  /** Creates a renderer with the {@link RenderOptions#defaults() default options}. */
  public PointCloudRenderer() {
    this(RenderOptions.defaults());
  }

  /**
   * Creates a renderer.
   *
   * @param options the settings
   */
  public PointCloudRenderer(RenderOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Returns the settings. */
  public RenderOptions options() {
    return options;
  }

  /**
   * Renders every view side by side into one RGB image of
   * {@code views x width} by {@code height} pixels.
   *
   * @param cloud the cloud
   * @return the image
   * @throws IllegalArgumentException when the colouring needs a channel the cloud lacks
   */
  public BufferedImage render(PointCloud cloud) {
    List<View> views = options.views();
    int w = options.width();
    int h = options.height();
    BufferedImage image = new BufferedImage(w * views.size(), h, BufferedImage.TYPE_INT_RGB);
    int[] colors = colors(cloud);
    float[] xyz = cloud.positions();
    Fit fit = Fit.of(xyz);
    int[] panel = new int[w * h];
    float[] depth = new float[w * h];
    for (int v = 0; v < views.size(); v++) {
      draw(xyz, colors, fit, views.get(v), panel, depth);
      image.setRGB(v * w, 0, w, h, panel, 0, w);
    }
    if (options.captions()) {
      Graphics2D g = image.createGraphics();
      try {
        caption(g, views, w);
      } finally {
        g.dispose();
      }
    }
    if (options.legend() != null && cloud.hasLabels()
        && (options.colorBy() == ColorBy.LABEL || options.colorBy() == ColorBy.AUTO)) {
      Graphics2D g = image.createGraphics();
      try {
        legend(g, cloud, image.getWidth());
      } finally {
        g.dispose();
      }
    }
    return image;
  }

  /**
   * Renders one view into a {@code width x height} region of an existing image, without captions.
   * Use it to compose galleries; views rendered with the same {@code fitTo} cloud share a scale.
   *
   * @param cloud the cloud to draw
   * @param fitTo the cloud whose extent sets centre and scale (usually {@code cloud})
   * @param view the view
   * @param target the image drawn into
   * @param x left edge of the region in {@code target}
   * @param y top edge of the region in {@code target}
   */
  public void renderInto(
      PointCloud cloud, PointCloud fitTo, View view, BufferedImage target, int x, int y) {
    int w = options.width();
    int h = options.height();
    Objects.checkFromIndexSize(x, w, target.getWidth());
    Objects.checkFromIndexSize(y, h, target.getHeight());
    int[] panel = new int[w * h];
    draw(cloud.positions(), colors(cloud), Fit.of(fitTo.positions()), view, panel, new float[w * h]);
    target.setRGB(x, y, w, h, panel, 0, w);
  }

  /**
   * Renders a cloud and writes it as a PNG file, atomically.
   *
   * @param cloud the cloud
   * @param png the file to write
   * @return {@code png}
   * @throws IOException when the file cannot be written
   */
  public Path writePng(PointCloud cloud, Path png) throws IOException {
    return AtomicFiles.writePng(png, render(cloud));
  }

  /**
   * Returns the splat diameter used for a cloud of {@code points} points in these options.
   *
   * @param points number of points
   * @return pixels
   */
  public int pointSize(int points) {
    if (options.pointSize() > 0) {
      return options.pointSize();
    }
    int side = Math.min(options.width(), options.height());
    long d = Math.round(0.9 * side / Math.sqrt(Math.max(points, 1)));
    return (int) Math.max(1, Math.min(12, d));
  }

  // ------------------------------------------------------------------ drawing

  private void draw(float[] xyz, int[] colors, Fit fit, View view, int[] panel, float[] depth) {
    int w = options.width();
    int h = options.height();
    Arrays.fill(panel, options.background());
    if (fit.empty) {
      return;
    }
    Arrays.fill(depth, Float.POSITIVE_INFINITY);
    double[] right = new double[3];
    double[] up = new double[3];
    double[] fwd = new double[3];
    view.axes(options.upAxis(), right, up, fwd);

    int n = xyz.length / 3;
    double half = Math.min(w, h) / 2.0 * (1 - options.margin());
    boolean perspective = options.projection() == Projection.PERSPECTIVE;
    double tanHalf = Math.tan(FIELD_OF_VIEW / 2);
    double camDist = fit.radius / Math.sin(FIELD_OF_VIEW / 2);
    double focal = half / tanHalf;
    double scale = half / fit.radius;
    double cx = w / 2.0;
    double cy = h / 2.0;
    double shading = options.depthShading();

    int diameter = pointSize(n);
    int[] offsets = splat(diameter);

    for (int i = 0; i < n; i++) {
      double px = xyz[3 * i];
      double py = xyz[3 * i + 1];
      double pz = xyz[3 * i + 2];
      if (!Double.isFinite(px) || !Double.isFinite(py) || !Double.isFinite(pz)) {
        continue;
      }
      double dx = px - fit.cx;
      double dy = py - fit.cy;
      double dz = pz - fit.cz;
      double sx = dx * right[0] + dy * right[1] + dz * right[2];
      double sy = dx * up[0] + dy * up[1] + dz * up[2];
      double d = dx * fwd[0] + dy * fwd[1] + dz * fwd[2]; // in [-radius, radius]
      double u;
      double v;
      if (perspective) {
        double zc = camDist + d;
        u = cx + focal * sx / zc;
        v = cy - focal * sy / zc;
      } else {
        u = cx + scale * sx;
        v = cy - scale * sy;
      }
      int iu = (int) Math.floor(u);
      int iv = (int) Math.floor(v);
      int color = colors[i];
      if (shading > 0) {
        double t = Math.min(1, Math.max(0, (d + fit.radius) / (2 * fit.radius)));
        color = darken(color, 1 - shading * t);
      }
      float z = (float) d;
      for (int k = 0; k < offsets.length; k += 2) {
        int x = iu + offsets[k];
        int y = iv + offsets[k + 1];
        if (x < 0 || y < 0 || x >= w || y >= h) {
          continue;
        }
        int p = y * w + x;
        if (z < depth[p]) {
          depth[p] = z;
          panel[p] = color;
        }
      }
    }
  }

  /** Returns pixel offsets {@code dx0, dy0, dx1, dy1, ...} of a disc of the given diameter. */
  static int[] splat(int diameter) {
    double r = diameter / 2.0;
    int reach = (int) Math.ceil(r);
    int[] buf = new int[2 * (2 * reach + 1) * (2 * reach + 1)];
    int m = 0;
    for (int dy = -reach; dy <= reach; dy++) {
      for (int dx = -reach; dx <= reach; dx++) {
        if (dx * dx + dy * dy < r * r + 0.25) {
          buf[m++] = dx;
          buf[m++] = dy;
        }
      }
    }
    return Arrays.copyOf(buf, m);
  }

  private static int darken(int rgb, double f) {
    int r = (int) Math.round((rgb >> 16 & 255) * f);
    int g = (int) Math.round((rgb >> 8 & 255) * f);
    int b = (int) Math.round((rgb & 255) * f);
    return r << 16 | g << 8 | b;
  }

  private void caption(Graphics2D g, List<View> views, int w) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int size = Math.max(10, Math.min(options.width(), options.height()) / 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    int bg = options.background();
    double luminance = 0.299 * (bg >> 16 & 255) + 0.587 * (bg >> 8 & 255) + 0.114 * (bg & 255);
    g.setColor(luminance > 128 ? new Color(0x404040) : new Color(0xe0e0e0));
    for (int v = 0; v < views.size(); v++) {
      g.drawString(views.get(v).name(), v * w + size / 2, size + size / 2);
    }
  }

  /** Draws a swatch and the name of every label present, top right, on a translucent panel. */
  private void legend(Graphics2D g, PointCloud cloud, int imageWidth) {
    java.util.TreeSet<Integer> present = new java.util.TreeSet<>();
    for (int l : cloud.labels()) {
      present.add(l);
    }
    List<String> names = options.legend();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int size = Math.max(10, Math.min(options.width(), options.height()) / 36);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    java.awt.FontMetrics fm = g.getFontMetrics();
    int textWidth = 0;
    List<String> lines = new java.util.ArrayList<>();
    for (int l : present) {
      String name = l < 0 ? "unlabelled" : l < names.size() ? names.get(l) : Integer.toString(l);
      lines.add(name);
      textWidth = Math.max(textWidth, fm.stringWidth(name));
    }
    int row = size + size / 2;
    int panelWidth = size * 2 + textWidth + size;
    int x0 = imageWidth - panelWidth - size / 2;
    int y0 = size / 2;
    int bg = options.background();
    g.setColor(new Color(bg >> 16 & 255, bg >> 8 & 255, bg & 255, 200));
    g.fillRect(x0, y0, panelWidth, row * lines.size() + size / 2);
    double luminance = 0.299 * (bg >> 16 & 255) + 0.587 * (bg >> 8 & 255) + 0.114 * (bg & 255);
    int k = 0;
    for (int l : present) {
      int y = y0 + size / 2 + k * row;
      g.setColor(new Color(Palette.label(l)));
      g.fillRect(x0 + size / 2, y, size, size);
      g.setColor(luminance > 128 ? new Color(0x303030) : new Color(0xe0e0e0));
      g.drawString(lines.get(k), x0 + size * 2, y + size - size / 6);
      k++;
    }
  }

  // ------------------------------------------------------------------ colours

  /**
   * Returns the colour {@code 0xRRGGBB} of every point under these options' colouring.
   *
   * @param cloud the cloud
   * @return one colour per point
   * @throws IllegalArgumentException when the colouring needs a channel the cloud lacks
   */
  public int[] colors(PointCloud cloud) {
    ColorBy by = options.colorBy();
    if (by == ColorBy.AUTO) {
      by = cloud.hasLabels() ? ColorBy.LABEL : cloud.hasColors() ? ColorBy.RGB : ColorBy.HEIGHT;
    }
    int n = cloud.size();
    int[] out = new int[n];
    switch (by) {
      case LABEL -> {
        IntChannel labels = requireInt(cloud, Channel.LABELS, "label");
        for (int i = 0; i < n; i++) {
          out[i] = Palette.label(labels.get(i, 0));
        }
      }
      case RGB -> {
        FloatChannel c = requireFloat(cloud, Channel.COLORS, "rgb");
        for (int i = 0; i < n; i++) {
          out[i] = unit(c.get(i, 0)) << 16 | unit(c.get(i, 1)) << 8 | unit(c.get(i, 2));
        }
      }
      case NORMAL -> {
        FloatChannel c = requireFloat(cloud, Channel.NORMALS, "normal");
        for (int i = 0; i < n; i++) {
          out[i] = unit((c.get(i, 0) + 1) / 2) << 16
              | unit((c.get(i, 1) + 1) / 2) << 8
              | unit((c.get(i, 2) + 1) / 2);
        }
      }
      case HEIGHT -> {
        int axis = options.upAxis().index();
        float[] xyz = new float[3 * n];
        cloud.copyPositions(xyz, 0);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          float v = xyz[3 * i + axis];
          if (Float.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
        double range = hi > lo ? hi - lo : 1;
        for (int i = 0; i < n; i++) {
          out[i] = Palette.viridis((xyz[3 * i + axis] - lo) / range);
        }
      }
      default -> throw new AssertionError(by);
    }
    return out;
  }

  private static int unit(float v) {
    if (!(v > 0)) {
      return 0;
    }
    return v >= 1 ? 255 : Math.round(v * 255);
  }

  private static IntChannel requireInt(PointCloud cloud, String name, String colorBy) {
    if (cloud.channel(name).orElse(null) instanceof IntChannel c) {
      return c;
    }
    throw missing(cloud, name, colorBy);
  }

  private static FloatChannel requireFloat(PointCloud cloud, String name, String colorBy) {
    if (cloud.channel(name).orElse(null) instanceof FloatChannel c) {
      return c;
    }
    throw missing(cloud, name, colorBy);
  }

  private static IllegalArgumentException missing(PointCloud cloud, String name, String colorBy) {
    return new IllegalArgumentException(
        "cannot colour by " + colorBy + ": the cloud has no '" + name + "' channel (it has "
            + cloud.channelNames() + "); try --color-by height");
  }

  @Override
  public String toString() {
    return "PointCloudRenderer(" + options + ")";
  }

  /** Centre and radius of the finite points. */
  private record Fit(double cx, double cy, double cz, double radius, boolean empty) {
    static Fit of(float[] xyz) {
      int n = xyz.length / 3;
      Bounds b = Bounds.of(xyz, n);
      if (b.isEmpty()) {
        return new Fit(0, 0, 0, 1, true);
      }
      double cx = ((double) b.minX() + b.maxX()) / 2;
      double cy = ((double) b.minY() + b.maxY()) / 2;
      double cz = ((double) b.minZ() + b.maxZ()) / 2;
      double r2 = 0;
      for (int i = 0; i < n; i++) {
        double dx = xyz[3 * i] - cx;
        double dy = xyz[3 * i + 1] - cy;
        double dz = xyz[3 * i + 2] - cz;
        double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 > r2 && Double.isFinite(d2)) {
          r2 = d2;
        }
      }
      double r = Math.sqrt(r2);
      return new Fit(cx, cy, cz, r > 0 ? r : 1, false);
    }
  }
}

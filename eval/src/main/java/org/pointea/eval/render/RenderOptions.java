package org.pointea.eval.render;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link PointCloudRenderer}; build with {@link #builder()}. Every setting has a
 * default, so {@code RenderOptions.builder().build()} renders one 512 x 512 isometric view coloured
 * by labels, colours or height (whichever the cloud has), y up, orthographic, on white.
 *
 * <pre>{@code
 * RenderOptions opts = RenderOptions.builder()
 *     .optColorBy(ColorBy.LABEL)
 *     .optViews(View.standard(3))
 *     .optSize(400, 400)
 *     .build();
 * }</pre>
 */
public final class RenderOptions {
  private final int width;
  private final int height;
  private final List<View> views;
  private final ColorBy colorBy;
  private final Projection projection;
  private final UpAxis upAxis;
  private final int pointSize;
  private final int background;
  private final double margin;
  private final double depthShading;
  private final boolean captions;
  private final List<String> legend;

  private RenderOptions(Builder b) {
    this.width = b.width;
    this.height = b.height;
    this.views = List.copyOf(b.views);
    this.colorBy = b.colorBy;
    this.projection = b.projection;
    this.upAxis = b.upAxis;
    this.pointSize = b.pointSize;
    this.background = b.background;
    this.margin = b.margin;
    this.depthShading = b.depthShading;
    this.captions = b.captions;
    this.legend = b.legend == null ? null : List.copyOf(b.legend);
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the defaults. */
  public static RenderOptions defaults() {
    return builder().build();
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.width = width;
    b.height = height;
    b.views = views;
    b.colorBy = colorBy;
    b.projection = projection;
    b.upAxis = upAxis;
    b.pointSize = pointSize;
    b.background = background;
    b.margin = margin;
    b.depthShading = depthShading;
    b.captions = captions;
    b.legend = legend;
    return b;
  }

  /** Returns the width of one view in pixels. */
  public int width() {
    return width;
  }

  /** Returns the height of one view in pixels. */
  public int height() {
    return height;
  }

  /** Returns the views, drawn side by side from left to right. */
  public List<View> views() {
    return views;
  }

  /** Returns what colours the points. */
  public ColorBy colorBy() {
    return colorBy;
  }

  /** Returns the projection. */
  public Projection projection() {
    return projection;
  }

  /** Returns the world axis drawn upwards. */
  public UpAxis upAxis() {
    return upAxis;
  }

  /** Returns the splat diameter in pixels; 0 picks one from the number of points and image size. */
  public int pointSize() {
    return pointSize;
  }

  /** Returns the background colour {@code 0xRRGGBB}. */
  public int background() {
    return background;
  }

  /** Returns the fraction of the half-size left empty around the cloud. */
  public double margin() {
    return margin;
  }

  /** Returns how much the farthest points are darkened (0 = flat colours, 1 = black). */
  public double depthShading() {
    return depthShading;
  }

  /**
   * Returns the names of the labels for a legend (label {@code i} is {@code legend().get(i)}), or
   * null when no legend is drawn.
   */
  public List<String> legend() {
    return legend;
  }

  /** Returns whether each view is captioned with its name. */
  public boolean captions() {
    return captions;
  }

  @Override
  public String toString() {
    return "RenderOptions(" + width + "x" + height + ", views " + views.stream().map(View::name).toList()
        + ", " + colorBy + ", " + projection + ", up " + upAxis + ", point size "
        + (pointSize == 0 ? "auto" : pointSize) + ", shading " + depthShading + ")";
  }

  /** Builds {@link RenderOptions}; every setter is optional. */
  public static final class Builder {
    private int width = 512;
    private int height = 512;
    private List<View> views = View.standard(1);
    private ColorBy colorBy = ColorBy.AUTO;
    private Projection projection = Projection.ORTHOGRAPHIC;
    private UpAxis upAxis = UpAxis.Y;
    private int pointSize;
    private int background = 0xffffff;
    private double margin = 0.05;
    private double depthShading;
    private boolean captions;
    private List<String> legend;

    private Builder() {}

    /**
     * Sets the size of each view.
     *
     * @param width pixels, 8 to 8192
     * @param height pixels, 8 to 8192
     * @return this builder
     */
    public Builder optSize(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /**
     * Sets the views, drawn side by side.
     *
     * @param views one or more views
     * @return this builder
     */
    public Builder optViews(List<View> views) {
      this.views = List.copyOf(views);
      return this;
    }

    /**
     * Sets {@link View#standard(int) the customary n views}.
     *
     * @param n 1 to 36
     * @return this builder
     */
    public Builder optViews(int n) {
      return optViews(View.standard(n));
    }

    /**
     * Sets what colours the points.
     *
     * @param colorBy the colouring
     * @return this builder
     */
    public Builder optColorBy(ColorBy colorBy) {
      this.colorBy = Objects.requireNonNull(colorBy, "colorBy");
      return this;
    }

    /**
     * Sets the projection.
     *
     * @param projection the projection
     * @return this builder
     */
    public Builder optProjection(Projection projection) {
      this.projection = Objects.requireNonNull(projection, "projection");
      return this;
    }

    /**
     * Sets the world axis drawn upwards.
     *
     * @param upAxis the axis
     * @return this builder
     */
    public Builder optUpAxis(UpAxis upAxis) {
      this.upAxis = Objects.requireNonNull(upAxis, "upAxis");
      return this;
    }

    /**
     * Sets the splat diameter.
     *
     * @param pixels 1 to 64, or 0 for automatic
     * @return this builder
     */
    public Builder optPointSize(int pixels) {
      this.pointSize = pixels;
      return this;
    }

    /**
     * Sets the background colour.
     *
     * @param rgb {@code 0xRRGGBB}
     * @return this builder
     */
    public Builder optBackground(int rgb) {
      this.background = rgb & 0xffffff;
      return this;
    }

    /**
     * Sets the empty margin around the cloud.
     *
     * @param fraction of the half-size, in {@code [0, 0.9]}
     * @return this builder
     */
    public Builder optMargin(double fraction) {
      this.margin = fraction;
      return this;
    }

    /**
     * Darkens points with depth, which helps read shapes coloured by label.
     *
     * @param amount 0 (flat) to 1 (farthest points black)
     * @return this builder
     */
    public Builder optDepthShading(double amount) {
      this.depthShading = amount;
      return this;
    }

    /**
     * Writes each view's name in its top-left corner (needs a font, which headless JDKs have
     * when fontconfig and a font package are installed).
     *
     * @param captions whether to caption
     * @return this builder
     */
    public Builder optCaptions(boolean captions) {
      this.captions = captions;
      return this;
    }

    /**
     * Draws a legend of the labels present in the cloud when colouring by label: a swatch of each
     * label's colour and its name, in the top-right corner (needs a font, as captions).
     *
     * @param labelNames the name of every label, by label; null for no legend
     * @return this builder
     */
    public Builder optLegend(List<String> labelNames) {
      this.legend = labelNames == null ? null : List.copyOf(labelNames);
      return this;
    }

    /** Validates and returns the options. */
    public RenderOptions build() {
      if (width < 8 || width > 8192 || height < 8 || height > 8192) {
        throw new IllegalArgumentException("view size must be 8 to 8192 pixels, got " + width + " x " + height);
      }
      if (views.isEmpty() || views.size() > 36) {
        throw new IllegalArgumentException("1 to 36 views, got " + views.size());
      }
      if ((long) width * views.size() > 32768) {
        throw new IllegalArgumentException("image too wide: " + views.size() + " views of " + width);
      }
      if (pointSize < 0 || pointSize > 64) {
        throw new IllegalArgumentException("point size must be 0 (auto) to 64, got " + pointSize);
      }
      if (!(margin >= 0 && margin <= 0.9)) {
        throw new IllegalArgumentException("margin must be in [0, 0.9], got " + margin);
      }
      if (!(depthShading >= 0 && depthShading <= 1)) {
        throw new IllegalArgumentException("depth shading must be in [0, 1], got " + depthShading);
      }
      return new RenderOptions(this);
    }
  }
}

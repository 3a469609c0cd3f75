package org.pointea.io;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.pointea.io.text.TextLayout;

/**
 * How to read a point cloud: the options Open3D's {@code read_point_cloud} takes, plus the channels
 * to load and, for text files, the column layout.
 *
 * <ul>
 *   <li>{@code removeNonFinite}: drop points with a NaN or infinite coordinate (the cloud is then
 *       unorganized). Default false: organized clouds keep their invalid points, as PCL does.
 *   <li>{@code channels}: names of the channels to load ({@code normals}, {@code colors},
 *       {@code intensity}, {@code labels}, or a file's own field names such as {@code curvature});
 *       empty means all. Positions are always loaded. Skipped channels are not decoded.
 *   <li>{@code progress}: receives the fraction read.
 *   <li>{@code textLayout}: the column layout of a text file; null means "from the extension and
 *       the header line".
 *   <li>{@code autoOrigin}: when the first finite point of a file stored in double precision (or in
 *       text) lies farther than 1e5 from zero on some axis, keep coordinates relative to a global
 *       {@linkplain org.pointea.pointcloud.PointCloud#origin() origin} so they stay precise in
 *       float. Default true.
 * </ul>
 *
 * <pre>{@code
 * ReadOptions opts = ReadOptions.builder().optRemoveNonFinite(true).optChannels("normals").build();
 * PointCloud cloud = PointCloudIO.read(Path.of("scan.pcd"), opts);
 * }</pre>
 *
 * @param removeNonFinite drop points whose coordinates are not all finite
 * @param channels channel names to load; empty loads all
 * @param progress progress listener, never null
 * @param textLayout column layout for text files, or null to infer it
 * @param autoOrigin shift far-away double-precision data to a global origin
 */
public record ReadOptions(
    boolean removeNonFinite,
    Set<String> channels,
    ProgressListener progress,
    TextLayout textLayout,
    boolean autoOrigin) {

  /** Every channel, NaN points kept, automatic origin, no progress reports. */
  public static final ReadOptions DEFAULT = builder().build();

  /** Validates and freezes the options. */
  public ReadOptions {
    channels = Set.copyOf(Objects.requireNonNull(channels, "channels"));
    Objects.requireNonNull(progress, "progress");
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.removeNonFinite = removeNonFinite;
    b.channels.addAll(channels);
    b.progress = progress;
    b.textLayout = textLayout;
    b.autoOrigin = autoOrigin;
    return b;
  }

  /**
   * Returns true when the named channel is to be loaded.
   *
   * @param name channel name
   * @return whether to load it
   */
  public boolean wants(String name) {
    return channels.isEmpty() || channels.contains(name);
  }

  /** Builds {@link ReadOptions}; every setting is optional. */
  public static final class Builder {
    private boolean removeNonFinite;
    private final Set<String> channels = new LinkedHashSet<>();
    private ProgressListener progress = ProgressListener.NONE;
    private TextLayout textLayout;
    private boolean autoOrigin = true;

    private Builder() {}

    /**
     * Drops points with a NaN or infinite coordinate.
     *
     * @param remove whether to drop them
     * @return this builder
     */
    public Builder optRemoveNonFinite(boolean remove) {
      this.removeNonFinite = remove;
      return this;
    }

    /**
     * Loads only these channels (positions are always loaded).
     *
     * @param names channel names
     * @return this builder
     */
    public Builder optChannels(String... names) {
      channels.clear();
      channels.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Reports progress to a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder optProgress(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Reads text files with this column layout instead of inferring it.
     *
     * @param layout the layout
     * @return this builder
     */
    public Builder optTextLayout(TextLayout layout) {
      this.textLayout = layout;
      return this;
    }

    /**
     * Enables or disables the automatic global origin for far-away coordinates.
     *
     * @param auto whether to shift
     * @return this builder
     */
    public Builder optAutoOrigin(boolean auto) {
      this.autoOrigin = auto;
      return this;
    }

    /** Returns the options. */
    public ReadOptions build() {
      return new ReadOptions(removeNonFinite, channels, progress, textLayout, autoOrigin);
    }
  }
}

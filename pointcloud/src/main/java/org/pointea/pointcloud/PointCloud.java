package org.pointea.pointcloud;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * An immutable cloud of N points: positions as one packed {@code float[3N]} plus any number of
 * named per-point {@link Channel}s (normals, colours, intensity, labels, or extra fields).
 *
 * <p>A cloud may be <em>organized</em> ({@code height > 1}, as a depth camera writes it: row-major,
 * {@code width x height == size()}, invalid points kept as NaN); it may carry the sensor
 * {@link Viewpoint} and a global {@linkplain #origin() origin} shift for data whose absolute
 * coordinates do not fit in a float (UTM-scale scans: true position = origin + position).
 *
 * <p>Ownership: factories and the {@link Builder} take ownership of the arrays they are given (no
 * copy; do not modify them afterwards). Accessors that return arrays return copies; use
 * {@link #positionsBuffer()} or {@link #copyPositions(float[], int)} to read without allocating.
 *
 * <pre>{@code
 * PointCloud cloud = PointCloud.builder(xyz).normals(nxyz).labels(partIds).build();
 * PointCloud sub = cloud.select(new int[] {0, 5, 7});   // gathers every channel
 * }</pre>
 */
public final class PointCloud {
  private static final double[] NO_ORIGIN = {0, 0, 0};

  private final float[] xyz;
  private final int size;
  private final Map<String, Channel> channels;
  private final int width;
  private final int height;
  private final Viewpoint viewpoint;
  private final double[] origin;

  private PointCloud(Builder b) {
    this.xyz = b.xyz;
    this.size = b.xyz.length / 3;
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
    if (b.height > 1 || (b.width > 0 && b.width != size)) {
      if ((long) b.width * b.height != size) {
        throw new IllegalArgumentException(
            "organized size " + b.width + " x " + b.height + " does not match " + size + " points");
      }
      this.width = b.width;
      this.height = b.height;
    } else {
      this.width = size;
      this.height = 1;
    }
    this.viewpoint = b.viewpoint;
    this.origin = b.origin;
  }

  /**
   * Returns an unorganized cloud with positions only; takes ownership of {@code xyz}.
   *
   * @param xyz packed positions, length a multiple of 3
   * @return the cloud
   */
  public static PointCloud of(float[] xyz) {
    return builder(xyz).build();
  }

  /** Returns the cloud of no points. */
  public static PointCloud empty() {
    return of(new float[0]);
  }

  /**
   * Starts a cloud; the builder takes ownership of {@code xyz}.
   *
   * @param xyz packed positions, length a multiple of 3
   * @return a builder
   */
  public static Builder builder(float[] xyz) {
    return new Builder(xyz);
  }

  /** Returns a builder holding this cloud's positions and every channel and attribute. */
  public Builder toBuilder() {
    Builder b = new Builder(xyz);
    b.channels.putAll(channels);
    b.width = width;
    b.height = height;
    b.viewpoint = viewpoint;
    b.origin = origin;
    return b;
  }

  /** Returns the number of points. */
  public int size() {
    return size;
  }

  /** Returns true when the cloud has no points. */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Returns the x coordinate of a point.
   *
   * @param i point index
   * @return x
   */
  public float x(int i) {
    return xyz[3 * Objects.checkIndex(i, size)];
  }

  /**
   * Returns the y coordinate of a point.
   *
   * @param i point index
   * @return y
   */
  public float y(int i) {
    return xyz[3 * Objects.checkIndex(i, size) + 1];
  }

  /**
   * Returns the z coordinate of a point.
   *
   * @param i point index
   * @return z
   */
  public float z(int i) {
    return xyz[3 * Objects.checkIndex(i, size) + 2];
  }

  /** Returns a copy of the packed positions {@code float[3N]}. */
  public float[] positions() {
    return xyz.clone();
  }

  /** Returns a read-only view of the packed positions, without copying. */
  public FloatBuffer positionsBuffer() {
    return FloatBuffer.wrap(xyz).asReadOnlyBuffer();
  }

  /**
   * Copies the packed positions into a caller-owned buffer.
   *
   * @param dest destination, at least {@code offset + 3 * size()} long
   * @param offset first index written
   */
  public void copyPositions(float[] dest, int offset) {
    System.arraycopy(xyz, 0, dest, offset, xyz.length);
  }

  /** Returns the names of the channels, in insertion order. */
  public List<String> channelNames() {
    return List.copyOf(channels.keySet());
  }

  /** Returns the channels, in insertion order (unmodifiable). */
  public Map<String, Channel> channels() {
    return channels;
  }

  /**
   * Returns true when the cloud has a channel of that name.
   *
   * @param name channel name
   * @return whether it exists
   */
  public boolean hasChannel(String name) {
    return channels.containsKey(name);
  }

  /**
   * Returns a channel by name.
   *
   * @param name channel name
   * @return the channel, or empty
   */
  public Optional<Channel> channel(String name) {
    return Optional.ofNullable(channels.get(name));
  }

  /**
   * Returns a float channel by name.
   *
   * @param name channel name
   * @return the channel
   * @throws NoSuchElementException when there is no float channel of that name
   */
  public FloatChannel floatChannel(String name) {
    if (channels.get(name) instanceof FloatChannel c) {
      return c;
    }
    throw new NoSuchElementException("no float channel '" + name + "' in " + this);
  }

  /**
   * Returns an int channel by name.
   *
   * @param name channel name
   * @return the channel
   * @throws NoSuchElementException when there is no int channel of that name
   */
  public IntChannel intChannel(String name) {
    if (channels.get(name) instanceof IntChannel c) {
      return c;
    }
    throw new NoSuchElementException("no int channel '" + name + "' in " + this);
  }

  /**
   * Returns a double channel.
   *
   * @param name channel name
   * @return the channel
   * @throws NoSuchElementException when there is no double channel of that name
   */
  public DoubleChannel doubleChannel(String name) {
    if (channels.get(name) instanceof DoubleChannel c) {
      return c;
    }
    throw new NoSuchElementException("no double channel '" + name + "' in " + this);
  }

  /** Returns true when the cloud has normals. */
  public boolean hasNormals() {
    return channels.containsKey(Channel.NORMALS);
  }

  /** Returns a copy of the packed normals {@code float[3N]}; throws when there are none. */
  public float[] normals() {
    return floatChannel(Channel.NORMALS).toArray();
  }

  /** Returns true when the cloud has colours. */
  public boolean hasColors() {
    return channels.containsKey(Channel.COLORS);
  }

  /** Returns a copy of the packed colours (3 or 4 floats per point in [0, 1]). */
  public float[] colors() {
    return floatChannel(Channel.COLORS).toArray();
  }

  /** Returns true when the cloud has per-point labels. */
  public boolean hasLabels() {
    return channels.containsKey(Channel.LABELS);
  }

  /** Returns a copy of the per-point labels {@code int[N]}; throws when there are none. */
  public int[] labels() {
    return intChannel(Channel.LABELS).toArray();
  }

  /** Returns true when the cloud keeps a row/column layout ({@code height > 1}). */
  public boolean isOrganized() {
    return height > 1;
  }

  /** Returns the number of points per row ({@code size()} for an unorganized cloud). */
  public int width() {
    return width;
  }

  /** Returns the number of rows (1 for an unorganized cloud). */
  public int height() {
    return height;
  }

  /** Returns the sensor pose; {@link Viewpoint#IDENTITY} when none was given. */
  public Viewpoint viewpoint() {
    return viewpoint;
  }

  /** Returns a copy of the global origin shift {@code {x, y, z}}; zeros when none was given. */
  public double[] origin() {
    return origin.clone();
  }

  /** Returns the bounding box of the finite points. */
  public Bounds bounds() {
    return Bounds.of(xyz, size);
  }

  /** Returns the number of points with a NaN or infinite coordinate. */
  public int countNonFinite() {
    int count = 0;
    for (int i = 0; i < xyz.length; i += 3) {
      if (!Float.isFinite(xyz[i]) || !Float.isFinite(xyz[i + 1]) || !Float.isFinite(xyz[i + 2])) {
        count++;
      }
    }
    return count;
  }

  /**
   * Returns the indices of the points whose three coordinates are finite, in order.
   *
   * @return indices of finite points
   */
  public int[] finiteIndices() {
    int[] out = new int[size];
    int m = 0;
    for (int i = 0; i < size; i++) {
      int o = 3 * i;
      if (Float.isFinite(xyz[o]) && Float.isFinite(xyz[o + 1]) && Float.isFinite(xyz[o + 2])) {
        out[m++] = i;
      }
    }
    return m == size ? out : Arrays.copyOf(out, m);
  }

  /**
   * Returns this cloud without its non-finite points (unorganized); returns {@code this} when
   * every point is finite.
   */
  public PointCloud removeNonFinite() {
    int[] keep = finiteIndices();
    return keep.length == size ? this : select(keep);
  }

  /**
   * Returns the cloud of the points at the given indices, in that order, with every channel
   * gathered alike. Indices may repeat. The result is unorganized; viewpoint and origin are kept.
   *
   * @param indices point indices in {@code [0, size())}
   * @return the selected cloud
   */
  public PointCloud select(int[] indices) {
    float[] out = new float[indices.length * 3];
    for (int i = 0; i < indices.length; i++) {
      int src = Objects.checkIndex(indices[i], size);
      out[3 * i] = xyz[3 * src];
      out[3 * i + 1] = xyz[3 * src + 1];
      out[3 * i + 2] = xyz[3 * src + 2];
    }
    Builder b = new Builder(out);
    for (Channel c : channels.values()) {
      b.channel(c.select(indices));
    }
    b.viewpoint = viewpoint;
    b.origin = origin;
    return b.build();
  }

  /**
   * Returns a cloud with new positions and every channel and attribute of this one; takes
   * ownership of {@code newXyz}.
   *
   * @param newXyz packed positions, the same number of points
   * @return the new cloud
   */
  public PointCloud withPositions(float[] newXyz) {
    if (newXyz.length != xyz.length) {
      throw new IllegalArgumentException(
          "expected " + xyz.length + " position values, got " + newXyz.length);
    }
    Builder b = toBuilder();
    b.xyz = newXyz;
    return b.build();
  }

  /**
   * Returns a cloud with one channel added or replaced.
   *
   * @param channel the channel; its size must equal {@link #size()}
   * @return the new cloud
   */
  public PointCloud withChannel(Channel channel) {
    return toBuilder().channel(channel).build();
  }

  /**
   * Returns a cloud without the named channel ({@code this} when it has none).
   *
   * @param name channel name
   * @return the new cloud
   */
  public PointCloud withoutChannel(String name) {
    if (!channels.containsKey(name)) {
      return this;
    }
    Builder b = toBuilder();
    b.channels.remove(name);
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointCloud c
        && c.size == size
        && c.width == width
        && c.height == height
        && Arrays.equals(c.xyz, xyz)
        && c.channels.equals(channels)
        && c.viewpoint.equals(viewpoint)
        && Arrays.equals(c.origin, origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, width, height, Arrays.hashCode(xyz), channels, viewpoint);
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "PointCloud[", "]");
    j.add(size + " points");
    for (Channel c : channels.values()) {
      j.add(c.toString());
    }
    if (isOrganized()) {
      j.add("organized " + width + "x" + height);
    }
    return j.toString();
  }

  /**
   * Builds a {@link PointCloud}. Standard channels are validated: normals are 3 floats per point,
   * colours 3 or 4 floats, intensity 1 float, labels 1 int.
   */
  public static final class Builder {
    private float[] xyz;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private int width;
    private int height = 1;
    private Viewpoint viewpoint = Viewpoint.IDENTITY;
    private double[] origin = NO_ORIGIN;

    private Builder(float[] xyz) {
      Objects.requireNonNull(xyz, "xyz");
      if (xyz.length % 3 != 0) {
        throw new IllegalArgumentException(
            "packed positions must have a multiple of 3 values, got " + xyz.length);
      }
      this.xyz = xyz;
    }

    /**
     * Sets the unit normals (takes ownership).
     *
     * @param normals packed {@code float[3N]}
     * @return this builder
     */
    public Builder normals(float[] normals) {
      return channel(new FloatChannel(Channel.NORMALS, 3, normals));
    }

    /**
     * Sets the colours (takes ownership).
     *
     * @param colors packed floats in [0, 1]
     * @param width 3 for RGB, 4 for RGBA
     * @return this builder
     */
    public Builder colors(float[] colors, int width) {
      return channel(new FloatChannel(Channel.COLORS, width, colors));
    }

    /**
     * Sets the intensity (takes ownership).
     *
     * @param intensity {@code float[N]}
     * @return this builder
     */
    public Builder intensity(float[] intensity) {
      return channel(new FloatChannel(Channel.INTENSITY, 1, intensity));
    }

    /**
     * Sets the per-point labels (takes ownership).
     *
     * @param labels {@code int[N]}
     * @return this builder
     */
    public Builder labels(int[] labels) {
      return channel(new IntChannel(Channel.LABELS, 1, labels));
    }

    /**
     * Adds or replaces a float channel (takes ownership).
     *
     * @param name channel name
     * @param width values per point
     * @param data packed values
     * @return this builder
     */
    public Builder channel(String name, int width, float[] data) {
      return channel(new FloatChannel(name, width, data));
    }

    /**
     * Adds or replaces an int channel (takes ownership).
     *
     * @param name channel name
     * @param width values per point
     * @param data packed values
     * @return this builder
     */
    public Builder intChannel(String name, int width, int[] data) {
      return channel(new IntChannel(name, width, data));
    }

    /**
     * Adds or replaces a double channel (takes ownership).
     *
     * @param name channel name
     * @param width values per point
     * @param data packed values
     * @return this builder
     */
    public Builder doubleChannel(String name, int width, double[] data) {
      return channel(new DoubleChannel(name, width, data));
    }

    /**
     * Adds or replaces a channel.
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(Channel channel) {
      Objects.requireNonNull(channel, "channel");
      checkStandard(channel);
      int n = xyz.length / 3;
      if (channel.size() != n) {
        throw new IllegalArgumentException(
            "channel '" + channel.name() + "' has " + channel.size() + " points, cloud has " + n);
      }
      channels.put(channel.name(), channel);
      return this;
    }

    /**
     * Marks the cloud organized: {@code width x height} must equal the number of points.
     *
     * @param width points per row
     * @param height rows
     * @return this builder
     */
    public Builder organized(int width, int height) {
      if (width < 0 || height < 1) {
        throw new IllegalArgumentException("bad organized size " + width + " x " + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    /**
     * Sets the sensor pose.
     *
     * @param viewpoint the pose
     * @return this builder
     */
    public Builder viewpoint(Viewpoint viewpoint) {
      this.viewpoint = Objects.requireNonNull(viewpoint, "viewpoint");
      return this;
    }

    /**
     * Sets the global origin shift (true position = origin + stored position).
     *
     * @param x shift x
     * @param y shift y
     * @param z shift z
     * @return this builder
     */
    public Builder origin(double x, double y, double z) {
      if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
        throw new IllegalArgumentException("origin must be finite");
      }
      this.origin = (x == 0 && y == 0 && z == 0) ? NO_ORIGIN : new double[] {x, y, z};
      return this;
    }

    /** Returns the cloud. */
    public PointCloud build() {
      int n = xyz.length / 3;
      for (Channel c : channels.values()) {
        if (c.size() != n) {
          throw new IllegalArgumentException(
              "channel '" + c.name() + "' has " + c.size() + " points, cloud has " + n);
        }
      }
      return new PointCloud(this);
    }

    private static void checkStandard(Channel c) {
      List<String> problems = new ArrayList<>(1);
      switch (c.name()) {
        case Channel.NORMALS -> {
          if (!(c instanceof FloatChannel) || c.width() != 3) {
            problems.add("normals must be a float channel of width 3");
          }
        }
        case Channel.COLORS -> {
          if (!(c instanceof FloatChannel) || (c.width() != 3 && c.width() != 4)) {
            problems.add("colors must be a float channel of width 3 or 4");
          }
        }
        case Channel.INTENSITY -> {
          if (!(c instanceof FloatChannel) || c.width() != 1) {
            problems.add("intensity must be a float channel of width 1");
          }
        }
        case Channel.LABELS -> {
          if (!(c instanceof IntChannel) || c.width() != 1) {
            problems.add("labels must be an int channel of width 1");
          }
        }
        default -> {}
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(problems.get(0) + ", got " + c);
      }
    }
  }
}

package org.pointea.pointcloud;

/**
 * A named per-point attribute of a {@link PointCloud}: {@code width} values for each of the
 * cloud's points, stored packed ({@code v0_0..v0_{w-1}, v1_0, ...}).
 *
 * <p>Channels are immutable: accessors that return arrays return copies. The standard names are
 * {@link #NORMALS} (3 floats), {@link #COLORS} (3 or 4 floats in [0, 1], RGB or RGBA),
 * {@link #INTENSITY} (1 float) and {@link #LABELS} (1 int); any other name may be used for extra
 * per-point data such as PLY's {@code curvature} or {@code confidence}: float, int or, where a float
 * is too coarse (LAS GPS time), double values.
 */
public sealed interface Channel permits FloatChannel, IntChannel, DoubleChannel {

  /** Standard name of the unit normal channel, width 3. */
  String NORMALS = "normals";

  /** Standard name of the colour channel: width 3 (RGB) or 4 (RGBA), floats in [0, 1]. */
  String COLORS = "colors";

  /** Standard name of the intensity channel, width 1. */
  String INTENSITY = "intensity";

  /** Standard name of the per-point integer label channel (e.g. part ids), width 1. */
  String LABELS = "labels";

  /** Returns the channel's name. */
  String name();

  /** Returns the number of values per point. */
  int width();

  /** Returns the number of points the channel covers. */
  int size();

  /**
   * Returns a channel holding the rows at the given point indices, in that order (indices may
   * repeat).
   *
   * @param indices point indices, each in {@code [0, size())}
   * @return the gathered channel
   */
  Channel select(int[] indices);

  /**
   * Returns one value widened to a {@code double}, whatever the channel's element type.
   *
   * @param point point index
   * @param component component within the point, {@code [0, width())}
   * @return the value as a double
   */
  double valueAsDouble(int point, int component);
}

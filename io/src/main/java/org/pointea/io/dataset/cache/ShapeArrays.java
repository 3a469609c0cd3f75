package org.pointea.io.dataset.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.FloatChannel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;

/**
 * A split's shapes as flat arrays: {@code S} shapes of {@code N} points, positions
 * {@code float[S*N*3]}, optional normals {@code float[S*N*3]}, optional per-point part ids
 * {@code byte[S*N]} (0..255), one label and one id per shape.
 *
 * <p>Immutable once frozen ({@code freeze()}): {@link #cloud(int)} copies a shape's slices
 * into a fresh {@link PointCloud}, so any number of threads may read at once.
 */
public final class ShapeArrays {
  /** Java arrays cannot hold more values than this. */
  public static final long MAX_VALUES = Integer.MAX_VALUE - 16;

  private final int shapes;
  private final int points;
  private final float[] xyz;
  private final float[] normals;
  private final byte[] parts;
  private final int[] labels;
  private final String[] ids;
  private final List<String> classNames;

  /**
   * Allocates empty arrays to be filled, e.g. by the cache builder.
   *
   * @param shapes number of shapes
   * @param points points per shape
   * @param withNormals whether to hold normals
   * @param withParts whether to hold per-point part ids
   * @param classNames label names
   * @return the arrays
   * @throws IllegalArgumentException when they would not fit in Java arrays
   */
  public static ShapeArrays allocate(int shapes, int points, boolean withNormals,
      boolean withParts, List<String> classNames) {
    if (shapes < 0 || points <= 0) {
      throw new IllegalArgumentException("bad size " + shapes + " x " + points);
    }
    long values = 3L * shapes * points;
    if (values > MAX_VALUES) {
      throw new IllegalArgumentException(shapes + " shapes of " + points + " points need "
          + values + " floats, more than one Java array holds; use fewer points");
    }
    int n = (int) values;
    return new ShapeArrays(shapes, points, new float[n], withNormals ? new float[n] : null,
        withParts ? new byte[shapes * points] : null, new int[shapes], new String[shapes],
        classNames);
  }

  ShapeArrays(int shapes, int points, float[] xyz, float[] normals, byte[] parts, int[] labels,
      String[] ids, List<String> classNames) {
    this.shapes = shapes;
    this.points = points;
    this.xyz = xyz;
    this.normals = normals;
    this.parts = parts;
    this.labels = labels;
    this.ids = ids;
    this.classNames = List.copyOf(classNames);
  }

  /** Returns the number of shapes. */
  public int shapes() {
    return shapes;
  }

  /** Returns the points per shape. */
  public int points() {
    return points;
  }

  /** Returns true when normals are held. */
  public boolean hasNormals() {
    return normals != null;
  }

  /** Returns true when per-point part ids are held. */
  public boolean hasParts() {
    return parts != null;
  }

  /** Returns the label names. */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * Returns a shape's label.
   *
   * @param i shape index
   * @return the label
   */
  public int label(int i) {
    return labels[Objects.checkIndex(i, shapes)];
  }

  /**
   * Returns a shape's id.
   *
   * @param i shape index
   * @return the id
   */
  public String id(int i) {
    return ids[Objects.checkIndex(i, shapes)];
  }

  /** Returns a copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * Stores one shape (the cloud must have exactly {@link #points()} points, and normals / labels
   * when this holds them).
   *
   * @param i shape index
   * @param cloud the points
   * @param label the label
   * @param id the id
   */
  public void put(int i, PointCloud cloud, int label, String id) {
    Objects.checkIndex(i, shapes);
    if (cloud.size() != points) {
      throw new IllegalArgumentException(
          "shape " + id + " has " + cloud.size() + " points, expected " + points);
    }
    cloud.copyPositions(xyz, 3 * i * points);
    if (normals != null) {
      cloud.floatChannel(Channel.NORMALS).copyTo(normals, 3 * i * points);
    }
    if (parts != null) {
      IntChannel c = cloud.intChannel(Channel.LABELS);
      int base = i * points;
      for (int k = 0; k < points; k++) {
        int p = c.get(k, 0);
        if (p < 0 || p > 255) {
          throw new IllegalArgumentException("part id " + p + " of shape " + id
              + " does not fit the cache's 0..255 range");
        }
        parts[base + k] = (byte) p;
      }
    }
    labels[i] = label;
    ids[i] = id;
  }

  /**
   * Returns a fresh cloud holding shape {@code i} (positions, then normals and labels when held).
   *
   * @param i shape index
   * @return the cloud
   */
  public PointCloud cloud(int i) {
    Objects.checkIndex(i, shapes);
    int from = 3 * i * points;
    PointCloud.Builder b = PointCloud.builder(Arrays.copyOfRange(xyz, from, from + 3 * points));
    if (normals != null) {
      b.channel(new FloatChannel(Channel.NORMALS, 3,
          Arrays.copyOfRange(normals, from, from + 3 * points)));
    }
    if (parts != null) {
      int[] p = new int[points];
      int base = i * points;
      for (int k = 0; k < points; k++) {
        p[k] = parts[base + k] & 0xff;
      }
      b.labels(p);
    }
    return b.build();
  }

  /**
   * Copies shape {@code i}'s packed positions into a caller-owned buffer (no allocation).
   *
   * @param i shape index
   * @param dest destination, at least {@code offset + 3 * points()} long
   * @param offset first index written
   */
  public void copyPositions(int i, float[] dest, int offset) {
    Objects.checkIndex(i, shapes);
    System.arraycopy(xyz, 3 * i * points, dest, offset, 3 * points);
  }

  /** Checks every shape was stored. */
  void checkComplete() {
    for (int i = 0; i < shapes; i++) {
      if (ids[i] == null) {
        throw new IllegalStateException("shape " + i + " was never stored");
      }
    }
  }

  float[] xyz() {
    return xyz;
  }

  float[] normalsArray() {
    return normals;
  }

  byte[] partsArray() {
    return parts;
  }

  int[] labelsArray() {
    return labels;
  }

  String[] idsArray() {
    return ids;
  }

  @Override
  public String toString() {
    return "ShapeArrays[" + shapes + " shapes x " + points + " points"
        + (normals != null ? ", normals" : "") + (parts != null ? ", parts" : "") + "]";
  }
}

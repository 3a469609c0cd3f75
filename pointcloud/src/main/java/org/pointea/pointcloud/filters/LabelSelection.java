package org.pointea.pointcloud.filters;

import java.util.Arrays;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Points;

/**
 * Select or remove points by label: the points whose label is one of a set, or all the others.
 * Works on any integer channel of width 1 — {@code labels} (PCD {@code label}, part or class
 * ids), or an extra one such as LAS {@code classification} — and on plain {@code int[]} labels,
 * such as those {@link org.pointea.pointcloud.segmentation.Clustering} returns. Returns indices,
 * ascending.
 *
 * <pre>{@code
 * int[] ground = LabelSelection.of(2).select(labels, n);            // LAS class 2 = ground
 * PointCloud noNoise = LabelSelection.of(-1).remove(cloud, "labels"); // drop DBSCAN noise
 * }</pre>
 */
public final class LabelSelection {
  private final int[] labels;

  private LabelSelection(int[] labels) {
    if (labels.length == 0) {
      throw new IllegalArgumentException("give at least one label");
    }
    int[] s = labels.clone();
    Arrays.sort(s);
    this.labels = s;
  }

  /**
   * Returns the selection of the given labels (repeats are harmless).
   *
   * @param labels one or more labels
   * @return the selection
   */
  public static LabelSelection of(int... labels) {
    return new LabelSelection(labels);
  }

  /**
   * Returns whether a label is one of the set.
   *
   * @param label the label
   * @return whether it is selected
   */
  public boolean matches(int label) {
    return Arrays.binarySearch(labels, label) >= 0;
  }

  /**
   * Returns the indices of the points whose label is in the set, ascending.
   *
   * @param pointLabels one label per point
   * @param n number of points
   * @return indices
   */
  public int[] select(int[] pointLabels, int n) {
    return pick(pointLabels, n, true);
  }

  /**
   * Returns the indices of the points whose label is not in the set, ascending.
   *
   * @param pointLabels one label per point
   * @param n number of points
   * @return indices
   */
  public int[] remove(int[] pointLabels, int n) {
    return pick(pointLabels, n, false);
  }

  /**
   * Returns the points whose label in {@code channel} is in the set, every channel carried along.
   *
   * @param cloud the cloud
   * @param channel the name of an int channel of width 1, e.g. {@link Channel#LABELS}
   * @return the selected points
   * @throws IllegalArgumentException when there is no such channel
   */
  public PointCloud select(PointCloud cloud, String channel) {
    return cloud.select(select(labelsOf(cloud, channel), cloud.size()));
  }

  /**
   * Returns the points whose label in {@code channel} is not in the set.
   *
   * @param cloud the cloud
   * @param channel the name of an int channel of width 1
   * @return the remaining points
   * @throws IllegalArgumentException when there is no such channel
   */
  public PointCloud remove(PointCloud cloud, String channel) {
    return cloud.select(remove(labelsOf(cloud, channel), cloud.size()));
  }

  /**
   * Returns a cloud's labels from an int channel of width 1.
   *
   * @param cloud the cloud
   * @param channel the channel's name
   * @return one label per point
   * @throws IllegalArgumentException naming the int channels there are, when there is no such
   *     channel
   */
  public static int[] labelsOf(PointCloud cloud, String channel) {
    Channel c = cloud.channel(channel).orElse(null);
    if (c instanceof IntChannel ic && ic.width() == 1) {
      return ic.toArray();
    }
    String[] ints = cloud.channels().values().stream()
        .filter(x -> x instanceof IntChannel && x.width() == 1).map(Channel::name)
        .toArray(String[]::new);
    throw new IllegalArgumentException((c == null ? "no channel '" + channel + "'"
        : "channel '" + channel + "' is not one integer per point") + "; integer channels: "
        + (ints.length == 0 ? "none" : String.join(", ", ints)));
  }

  private int[] pick(int[] pointLabels, int n, boolean wanted) {
    Points.checkNonNegative(n, "n");
    Points.checkCapacity(pointLabels.length, n, "pointLabels");
    int[] out = new int[n];
    int count = 0;
    if (labels.length == 1) {
      int only = labels[0];
      for (int i = 0; i < n; i++) {
        if ((pointLabels[i] == only) == wanted) {
          out[count++] = i;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (matches(pointLabels[i]) == wanted) {
          out[count++] = i;
        }
      }
    }
    return Arrays.copyOf(out, count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelection s && Arrays.equals(s.labels, labels);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "LabelSelection" + Arrays.toString(labels);
  }
}

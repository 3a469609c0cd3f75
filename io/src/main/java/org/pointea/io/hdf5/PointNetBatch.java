package org.pointea.io.hdf5;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pointea.pointcloud.PointCloud;

/**
 * A batch of clouds with one class label each, as a PointNet HDF5 file holds them. Per-point part
 * ids ({@code pid}) are each cloud's {@code labels} channel, normals its {@code normals} channel,
 * and {@code faceId} its int channel {@code face_id}.
 *
 * @param clouds the clouds
 * @param labels one class label per cloud
 */
public record PointNetBatch(List<PointCloud> clouds, int[] labels) {

  /** The channel holding PointNet's per-point {@code faceId}. */
  public static final String FACE_ID = "face_id";

  /** Validates that there is one label per cloud. */
  public PointNetBatch {
    clouds = List.copyOf(clouds);
    labels = labels.clone();
    if (labels.length != clouds.size()) {
      throw new IllegalArgumentException(clouds.size() + " clouds but " + labels.length
          + " labels");
    }
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** Returns the number of clouds. */
  public int size() {
    return clouds.size();
  }

  /**
   * Returns one cloud.
   *
   * @param i index
   * @return the cloud
   */
  public PointCloud cloud(int i) {
    return clouds.get(i);
  }

  /**
   * Returns one cloud's label.
   *
   * @param i index
   * @return the label
   */
  public int label(int i) {
    return labels[Objects.checkIndex(i, labels.length)];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointNetBatch b && b.clouds.equals(clouds)
        && Arrays.equals(b.labels, labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clouds, Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "PointNetBatch[" + clouds.size() + " clouds]";
  }
}

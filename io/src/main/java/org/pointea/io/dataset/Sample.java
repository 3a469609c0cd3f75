package org.pointea.io.dataset;

import java.util.Objects;
import org.pointea.pointcloud.PointCloud;

/**
 * One labelled shape of a dataset.
 *
 * <p>For classification {@code label} is the class index into
 * {@link PointCloudDataset#classNames()}; for part segmentation it is the ShapeNet-part category
 * index (0..15, {@link org.pointea.pointcloud.ShapeNetPart} order) and the cloud carries the global
 * part id (0..49) of every point in its {@link org.pointea.pointcloud.Channel#LABELS} channel.
 *
 * @param cloud the points, with normals when the dataset has them
 * @param label class or category index
 * @param id the shape's name in its dataset (e.g. {@code airplane_0001}, or a ShapeNet token)
 */
public record Sample(PointCloud cloud, int label, String id) {

  /** Validates the fields. */
  public Sample {
    Objects.requireNonNull(cloud, "cloud");
    Objects.requireNonNull(id, "id");
    if (label < 0) {
      throw new IllegalArgumentException("label must be >= 0, got " + label);
    }
  }

  /**
   * Returns this sample with another cloud (same label and id).
   *
   * @param newCloud the cloud
   * @return the new sample
   */
  public Sample withCloud(PointCloud newCloud) {
    return new Sample(newCloud, label, id);
  }
}

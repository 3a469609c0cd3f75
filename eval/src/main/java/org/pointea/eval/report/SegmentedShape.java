package org.pointea.eval.report;

import java.util.Objects;
import org.pointea.pointcloud.PointCloud;

/**
 * One shape to show in a {@link ShapeGallery}: its points and its ground-truth and/or predicted
 * per-point labels (e.g. ShapeNet-part global part ids, coloured through the label palette).
 *
 * @param title caption, e.g. {@code "Chair #12  IoU 0.83"}
 * @param cloud the points (its own channels are not used)
 * @param truth ground-truth labels, one per point, or null
 * @param prediction predicted labels, one per point, or null
 */
public record SegmentedShape(String title, PointCloud cloud, int[] truth, int[] prediction) {
  /** Validates and copies the label arrays. */
  public SegmentedShape {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(cloud, "cloud");
    if (truth == null && prediction == null) {
      throw new IllegalArgumentException("a shape needs ground-truth or predicted labels");
    }
    if (truth != null && truth.length != cloud.size()) {
      throw new IllegalArgumentException(
          truth.length + " ground-truth labels for " + cloud.size() + " points");
    }
    if (prediction != null && prediction.length != cloud.size()) {
      throw new IllegalArgumentException(
          prediction.length + " predicted labels for " + cloud.size() + " points");
    }
    truth = truth == null ? null : truth.clone();
    prediction = prediction == null ? null : prediction.clone();
  }

  /** Returns a copy of the ground-truth labels, or null. */
  @Override
  public int[] truth() {
    return truth == null ? null : truth.clone();
  }

  /** Returns a copy of the predicted labels, or null. */
  @Override
  public int[] prediction() {
    return prediction == null ? null : prediction.clone();
  }

  /** Returns the cloud labelled with the ground truth; throws when there is none. */
  PointCloud truthCloud() {
    return cloud.toBuilder().labels(Objects.requireNonNull(truth(), "no ground truth")).build();
  }

  /** Returns the cloud labelled with the prediction; throws when there is none. */
  PointCloud predictionCloud() {
    return cloud.toBuilder().labels(Objects.requireNonNull(prediction(), "no prediction")).build();
  }
}

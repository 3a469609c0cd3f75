package org.pointea.io.dataset;

/** What a dataset's labels are for. */
public enum Task {
  /** One class label per shape (ModelNet). */
  CLASSIFICATION,
  /**
   * One category per shape plus one global part id per point in the cloud's {@code labels}
   * channel (ShapeNet-part).
   */
  PART_SEGMENTATION,
  /**
   * One class per point of a scene in the cloud's {@code labels} channel, -1 for unscored points
   * (S3DIS, labelled scans; see {@code org.pointea.io.dataset.scene}).
   */
  SEMANTIC_SEGMENTATION
}

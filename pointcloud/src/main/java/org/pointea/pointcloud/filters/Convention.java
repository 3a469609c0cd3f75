package org.pointea.pointcloud.filters;

/**
 * Whose semantics an outlier filter reproduces. Open3D and PCL name their parameters alike but
 * count, compare and average differently; each filter documents the differences and gives the
 * same index set as the library chosen here.
 */
public enum Convention {
  /** Open3D 0.16's {@code remove_statistical_outlier} / {@code remove_radius_outlier}. */
  OPEN3D,
  /** PCL 1.13's {@code StatisticalOutlierRemoval} / {@code RadiusOutlierRemoval}. */
  PCL
}

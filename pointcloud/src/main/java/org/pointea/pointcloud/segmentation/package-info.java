/**
 * Segmentation that labels or selects points: RANSAC plane fitting with Open3D's {@code
 * segment_plane} semantics ({@link org.pointea.pointcloud.segmentation.PlaneSegmentation}),
 * DBSCAN with Open3D's {@code cluster_dbscan} labels ({@link
 * org.pointea.pointcloud.segmentation.Dbscan}) and PCL's Euclidean cluster extraction ({@link
 * org.pointea.pointcloud.segmentation.EuclideanClusterExtraction}); clusterings come back as one
 * label per point ({@link org.pointea.pointcloud.segmentation.Clustering}).
 *
 * <pre>{@code
 * PlaneFit table = PlaneSegmentation.of(0.01, 3, 1000).segment(xyz, n, 7, 0);
 * Clustering objects = new Dbscan(0.02, 10).cluster(xyz, n, 0);
 * }</pre>
 */
package org.pointea.pointcloud.segmentation;

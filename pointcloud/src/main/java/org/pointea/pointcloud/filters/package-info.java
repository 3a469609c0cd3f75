/**
 * Filters that return the indices of the points they keep: statistical and radius outlier
 * removal with Open3D's or PCL's semantics ({@link org.pointea.pointcloud.filters.Convention}),
 * crop by an axis-aligned box or by an extruded polygon (Open3D's {@code SelectionPolygonVolume}),
 * and selection or removal by label. Each has a convenience {@code apply(PointCloud)} that gathers
 * every channel of the kept points; {@link org.pointea.pointcloud.Indices#complement} gives the
 * removed ones.
 *
 * <pre>{@code
 * int[] kept = StatisticalOutlierRemoval.open3d(20, 2.0).filter(xyz, n, 0);
 * int[] inBox = new CropBox(0, 0, 0, 1, 1, 1).filter(xyz, n);
 * }</pre>
 */
package org.pointea.pointcloud.filters;

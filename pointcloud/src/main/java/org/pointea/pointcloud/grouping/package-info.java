/**
 * Sample-and-group steps of point networks, writing flat float buffers with a documented
 * {@code [M, k, C]} layout: {@link org.pointea.pointcloud.grouping.PctGrouping} (FPS + kNN,
 * features {@code [neighbour - centre, centre]}) and {@link
 * org.pointea.pointcloud.grouping.PointNetGrouping} (FPS + ball query, relative coordinates plus
 * optional features). Both have batched forms that run many clouds in parallel.
 */
package org.pointea.pointcloud.grouping;

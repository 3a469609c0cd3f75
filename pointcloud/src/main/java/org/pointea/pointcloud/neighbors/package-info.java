/**
 * Neighbour search over packed points: a 3-D {@link org.pointea.pointcloud.neighbors.KdTree}
 * (kNN, radius, hybrid radius + maximum count), {@link
 * org.pointea.pointcloud.neighbors.BruteForceSearch} for small clouds, and the two grouping
 * queries of point networks: {@link org.pointea.pointcloud.neighbors.KnnSearch} (PCT semantics)
 * and {@link org.pointea.pointcloud.neighbors.BallQuery} (PointNet++ semantics).
 *
 * <p>Batched results are flat: {@code int[M * k]} point indices plus {@code float[M * k]} squared
 * distances, row {@code q} holding the neighbours of query {@code q}, nearest first with ties
 * broken by the lower index. Every method documents its padding rule for rows with fewer than
 * {@code k} neighbours.
 */
package org.pointea.pointcloud.neighbors;

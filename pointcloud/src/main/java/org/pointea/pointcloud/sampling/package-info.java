/**
 * Point sampling: exact farthest-point sampling ({@link
 * org.pointea.pointcloud.sampling.FarthestPointSampler}), random sampling with and without
 * replacement ({@link org.pointea.pointcloud.sampling.RandomSampler}), voxel-grid down-sampling
 * ({@link org.pointea.pointcloud.sampling.VoxelGrid}) and area-weighted mesh surface sampling
 * ({@link org.pointea.pointcloud.sampling.MeshSampler}).
 *
 * <p>Samplers return indices into the input (gather them with {@code PointCloud.select}); the
 * ones that must create new points (voxel centroids, mesh samples) return a new cloud. Every
 * random sampler takes a seed or a {@code UniformRandomProvider}, and each class documents what
 * happens when fewer points exist than were requested.
 */
package org.pointea.pointcloud.sampling;

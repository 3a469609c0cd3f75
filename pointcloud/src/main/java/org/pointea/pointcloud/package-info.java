/**
 * The point-cloud core: an immutable {@link org.pointea.pointcloud.PointCloud} of N points with
 * named per-point channels, and an immutable {@link org.pointea.pointcloud.TriangleMesh}.
 *
 * <p>Conventions shared by every package of this module:
 * <ul>
 *   <li>positions are one packed {@code float[3N]} ({@code x0,y0,z0,x1,...});</li>
 *   <li>algorithms return indices ({@code int[]}), never new clouds, unless they say so;</li>
 *   <li>hot kernels write into caller-owned buffers and allocate nothing per call;</li>
 *   <li>every random operation takes a seed or a {@code UniformRandomProvider}.</li>
 * </ul>
 * This module has no dependency on ND4J.
 */
package org.pointea.pointcloud;

/**
 * Surface normal estimation by PCA over kNN or hybrid (radius + maximum count) neighbourhoods,
 * with optional orientation toward a viewpoint: {@link
 * org.pointea.pointcloud.normals.NormalEstimator}.
 */
package org.pointea.pointcloud.normals;

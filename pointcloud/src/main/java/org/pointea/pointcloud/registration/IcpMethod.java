package org.pointea.pointcloud.registration;

/** The error an ICP step minimises, as Open3D's {@code TransformationEstimation} classes. */
public enum IcpMethod {
  /**
   * Sum of squared distances between corresponding points, solved in closed form (Horn,
   * "Closed-form solution of absolute orientation using unit quaternions", JOSA A 1987: the same
   * optimum as Umeyama's SVD), as {@code TransformationEstimationPointToPoint(with_scaling=False)}.
   */
  POINT_TO_POINT,
  /**
   * Sum of squared distances to the target's tangent planes, one linearised Gauss-Newton step per
   * iteration (Chen and Medioni, "Object modelling by registration of multiple range images",
   * 1992), as {@code TransformationEstimationPointToPlane()}; needs target normals.
   */
  POINT_TO_PLANE
}

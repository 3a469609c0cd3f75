package org.pointea.io.dataset;

import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * A pre-transform that leaves the cloud alone but takes time, so that concurrent cache builds
 * overlap in the tests.
 *
 * @param millis milliseconds per shape
 */
public record SlowIdentity(int millis) implements PointTransform {
  @Override
  public PointCloud apply(PointCloud cloud, UniformRandomProvider rng) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return cloud;
  }

  @Override
  public String toString() {
    return "SlowIdentity(" + millis + ")";
  }
}

package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TestClouds;

class FixedPointsTest {

  @Test
  void alwaysReturnsTheRequestedCount() {
    PointCloud c = PointCloud.of(TestClouds.random(1, 10, 0));
    assertThat(new FixedPoints(4, false).apply(c, 1).size()).isEqualTo(4);
    assertThat(new FixedPoints(25, false).apply(c, 1).size()).isEqualTo(25);
    assertThat(new FixedPoints(25, true).apply(c, 1).size()).isEqualTo(25);
    assertThat(new FixedPoints(25, true).toString()).isEqualTo("FixedPoints(25, replace=true)");
  }
}

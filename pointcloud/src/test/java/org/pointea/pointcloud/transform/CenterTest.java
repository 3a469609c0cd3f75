package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class CenterTest {

  @Test
  void subtractsTheMean() {
    PointCloud c = PointCloud.of(new float[] {1, 2, 3, 3, 4, 5});
    assertThat(new Center().apply(c, 0).positions()).containsExactly(-1, -1, -1, 1, 1, 1);
  }
}

package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.TestClouds;

class NormalizeToUnitSphereTest {

  @Test
  void centresOnTheMeanAndScalesTheFarthestPointToOne() {
    float[] xyz = TestClouds.random(1, 500, 0);
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = xyz[i] * 40 + 7;
    }
    float[] p = new NormalizeToUnitSphere().apply(PointCloud.of(xyz), 0).positions();
    double sx = 0, max = 0;
    for (int i = 0; i < 500; i++) {
      sx += p[3 * i];
      max = Math.max(max, Math.sqrt(p[3 * i] * p[3 * i] + p[3 * i + 1] * p[3 * i + 1] + p[3 * i + 2] * p[3 * i + 2]));
    }
    assertThat(sx / 500).isCloseTo(0, within(1e-5));
    assertThat(max).isCloseTo(1, within(1e-6));
  }

  @Test
  void identicalPointsAreOnlyCentredAndNonFinitePointsIgnored() {
    float[] p = new NormalizeToUnitSphere().apply(PointCloud.of(new float[] {2, 2, 2, 2, 2, 2}), 0).positions();
    assertThat(p).containsOnly(0f);
    float[] q = new NormalizeToUnitSphere()
        .apply(PointCloud.of(new float[] {0, 0, 0, 2, 0, 0, Float.NaN, 0, 0}), 0).positions();
    assertThat(q[0]).isEqualTo(-1f);
    assertThat(q[3]).isEqualTo(1f);
    assertThat(q[6]).isNaN();
    assertThat(new NormalizeToUnitSphere().toString()).isEqualTo("NormalizeToUnitSphere()");
  }
}

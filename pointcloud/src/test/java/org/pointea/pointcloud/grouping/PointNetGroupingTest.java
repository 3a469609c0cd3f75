package org.pointea.pointcloud.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.TestClouds;
import org.pointea.pointcloud.neighbors.BallQuery;

class PointNetGroupingTest {

  @Test
  void layoutIsRelativePositionThenFeatures() {
    int n = 400, d = 3, m = 16, k = 12;
    float[] xyz = TestClouds.random(1, n, 0);
    float[] normals = TestClouds.random(2, n, 0);
    float radius = 0.4f;
    Grouped g = PointNetGrouping.sampleAndGroup(xyz, normals, n, d, m, radius, k);
    assertThat(g.channels()).isEqualTo(6);
    int[] idx = new int[m * k];
    BallQuery.query(xyz, n, g.centers(), m, radius, k, idx, null);
    assertThat(g.neighborIndices()).containsExactly(idx);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) {
        int p = idx[i * k + j];
        for (int a = 0; a < 3; a++) {
          assertThat(g.feature(i, j, a)).isEqualTo(xyz[3 * p + a] - g.centers()[3 * i + a]);
          assertThat(g.feature(i, j, 3 + a)).isEqualTo(normals[3 * p + a]);
        }
      }
    }
  }

  @Test
  void coordinatesOnlyAndBatchAgree() {
    int b = 2, n = 200, m = 10, k = 8;
    float[] xyz = TestClouds.random(7, b * n, 0);
    float[] centers = new float[b * m * 3];
    float[] out = new float[b * m * k * 3];
    PointNetGrouping.sampleAndGroupBatch(xyz, null, b, n, 0, m, 0.3f, k, centers, out, 0);
    for (int i = 0; i < b; i++) {
      Grouped one =
          PointNetGrouping.sampleAndGroup(
              Arrays.copyOfRange(xyz, 3 * i * n, 3 * (i + 1) * n), null, n, 0, m, 0.3f, k);
      assertThat(one.channels()).isEqualTo(3);
      assertThat(Arrays.copyOfRange(out, i * m * k * 3, (i + 1) * m * k * 3))
          .containsExactly(one.features());
    }
  }

  @Test
  void groupAllKeepsAbsolutePositionsAndFeatures() {
    float[] xyz = {1, 2, 3, 4, 5, 6};
    Grouped g = PointNetGrouping.groupAll(xyz, new float[] {9, 8}, 2, 1);
    assertThat(g.m()).isEqualTo(1);
    assertThat(g.k()).isEqualTo(2);
    assertThat(g.features()).containsExactly(1, 2, 3, 9, 4, 5, 6, 8);
  }
}

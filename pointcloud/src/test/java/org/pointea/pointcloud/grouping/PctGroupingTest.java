package org.pointea.pointcloud.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.TestClouds;
import org.pointea.pointcloud.neighbors.KnnSearch;
import org.pointea.pointcloud.sampling.FarthestPointSampler;

class PctGroupingTest {

  @Test
  void layoutIsNeighbourMinusCentreThenCentre() {
    int n = 300, d = 5, m = 20, k = 8;
    float[] xyz = TestClouds.random(1, n, 0);
    float[] feats = TestClouds.random(2, n * d, 0); // any floats will do as features
    Grouped g = PctGrouping.sampleAndGroup(xyz, Arrays.copyOf(feats, n * d), n, d, m, k);
    assertThat(g.channels()).isEqualTo(2 * d);
    assertThat(g.centerIndices()).containsExactly(FarthestPointSampler.sample(xyz, n, m));
    int[] nb = new int[m * k];
    KnnSearch.knn(xyz, n, g.centers(), m, k, nb, new float[m * k]);
    assertThat(g.neighborIndices()).containsExactly(nb);
    for (int i = 0; i < m; i++) {
      int c = g.centerIndices()[i];
      assertThat(g.neighborIndices()[i * k]).isEqualTo(c); // the centre is its own neighbour
      for (int j = 0; j < k; j++) {
        int p = g.neighborIndices()[i * k + j];
        for (int ch = 0; ch < d; ch++) {
          assertThat(g.feature(i, j, ch)).isEqualTo(feats[p * d + ch] - feats[c * d + ch]);
          assertThat(g.features()[(i * k + j) * 2 * d + d + ch]).isEqualTo(feats[c * d + ch]);
        }
      }
    }
  }

  @Test
  void withoutFeaturesThePositionsAreUsed() {
    float[] xyz = TestClouds.random(3, 50, 0);
    Grouped g = PctGrouping.sampleAndGroup(xyz, null, 50, 0, 4, 3);
    assertThat(g.channels()).isEqualTo(6);
    assertThat(g.feature(0, 0, 0)).isZero(); // first neighbour is the centre itself
    assertThat(g.feature(0, 0, 3)).isEqualTo(xyz[0]);
  }

  @Test
  void batchEqualsOneCloudAtATime() {
    int b = 3, n = 256, d = 4, m = 32, k = 16;
    float[] xyz = TestClouds.random(5, b * n, 0);
    float[] f = TestClouds.random(6, b * n * d, 0);
    f = Arrays.copyOf(f, b * n * d);
    float[] centers = new float[b * m * 3];
    float[] out = new float[b * m * k * 2 * d];
    PctGrouping.sampleAndGroupBatch(xyz, f, b, n, d, m, k, centers, out, 0);
    for (int i = 0; i < b; i++) {
      Grouped one =
          PctGrouping.sampleAndGroup(
              Arrays.copyOfRange(xyz, 3 * i * n, 3 * (i + 1) * n),
              Arrays.copyOfRange(f, i * n * d, (i + 1) * n * d), n, d, m, k);
      assertThat(Arrays.copyOfRange(centers, 3 * i * m, 3 * (i + 1) * m)).containsExactly(one.centers());
      int w = m * k * 2 * d;
      assertThat(Arrays.copyOfRange(out, i * w, (i + 1) * w)).containsExactly(one.features());
    }
  }

  @Test
  void rejectsShortFeatureArrays() {
    assertThatThrownBy(() -> PctGrouping.sampleAndGroup(new float[30], new float[19], 10, 2, 2, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features");
  }
}

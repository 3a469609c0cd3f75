package org.pointea.pointcloud.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusteringTest {

  @Test
  void sizesClustersAndNoise() {
    Clustering c = new Clustering(new int[] {1, -1, 0, 1, 1, -1}, 2);
    assertThat(c.size()).isEqualTo(6);
    assertThat(c.clusterCount()).isEqualTo(2);
    assertThat(c.sizes()).containsExactly(1, 3);
    assertThat(c.noiseCount()).isEqualTo(2);
    assertThat(c.largest()).isEqualTo(1);
    assertThat(c.indicesOf(1)).containsExactly(0, 3, 4);
    assertThat(c.indicesOf(Clustering.NOISE)).containsExactly(1, 5);
    assertThat(c.clusters()).isDeepEqualTo(new int[][] {{2}, {0, 3, 4}});
    assertThat(c.label(2)).isZero();
    assertThat(c.toString()).isEqualTo("Clustering[2 clusters, 2 noise of 6 points]");
    assertThat(new Clustering(new int[] {-1}, 0).largest()).isEqualTo(-1);
  }
}

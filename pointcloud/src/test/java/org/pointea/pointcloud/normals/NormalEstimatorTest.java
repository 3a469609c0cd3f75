package org.pointea.pointcloud.normals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.Viewpoint;
import org.pointea.pointcloud.neighbors.KdTree;

class NormalEstimatorTest {

  /** Points on the unit sphere. */
  static float[] sphere(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    for (int i = 0; i < n; i++) {
      double z = 2 * r.nextDouble() - 1, phi = 2 * Math.PI * r.nextDouble(), s = Math.sqrt(1 - z * z);
      xyz[3 * i] = (float) (s * Math.cos(phi));
      xyz[3 * i + 1] = (float) (s * Math.sin(phi));
      xyz[3 * i + 2] = (float) z;
    }
    return xyz;
  }

  @Test
  void sphereNormalsAreRadialAndFaceTheViewpoint() {
    int n = 5000;
    float[] xyz = sphere(n, 1);
    float[] inward = NormalEstimator.estimate(xyz, n, Neighborhood.knn(20), new float[] {0, 0, 0}, 0);
    float[] curvature = new float[n];
    float[] outward = new float[3 * n];
    NormalEstimator.estimate(xyz, n, KdTree.build(xyz, n), Neighborhood.hybrid(0.2f, 30),
        new float[] {0, 0, 100}, outward, curvature, 1);
    for (int i = 0; i < n; i++) {
      float dot = 0;
      for (int a = 0; a < 3; a++) {
        dot += inward[3 * i + a] * xyz[3 * i + a];
      }
      assertThat(dot).isCloseTo(-1f, within(0.01f)); // toward the centre
      float toTop = (0 - xyz[3 * i]) * outward[3 * i] + (0 - xyz[3 * i + 1]) * outward[3 * i + 1]
          + (100 - xyz[3 * i + 2]) * outward[3 * i + 2];
      assertThat(toTop).isGreaterThanOrEqualTo(0f);
      assertThat(curvature[i]).isBetween(0f, 0.05f);
    }
  }

  @Test
  void planeNormalsAreCanonicalWithoutAViewpoint() {
    int n = 900;
    float[] xyz = new float[3 * n];
    for (int i = 0; i < n; i++) {
      xyz[3 * i] = (i % 30) / 30f;
      xyz[3 * i + 1] = (i / 30) / 30f;
      xyz[3 * i + 2] = 2f;
    }
    float[] normals = NormalEstimator.estimate(xyz, n, Neighborhood.knn(8), null, 1);
    for (int i = 0; i < n; i++) {
      assertThat(normals[3 * i]).isCloseTo(0f, within(1e-5f));
      assertThat(normals[3 * i + 1]).isCloseTo(0f, within(1e-5f));
      assertThat(normals[3 * i + 2]).isEqualTo(1f); // canonical sign: positive
    }
  }

  @Test
  void cloudFormOrientsTowardTheCloudViewpoint() {
    float[] xyz = new float[3 * 100];
    for (int i = 0; i < 100; i++) {
      xyz[3 * i] = i % 10;
      xyz[3 * i + 1] = i / 10;
    }
    PointCloud c = PointCloud.builder(xyz).viewpoint(new Viewpoint(0, 0, -5, 1, 0, 0, 0)).build();
    PointCloud withNormals = NormalEstimator.estimate(c, Neighborhood.knn(6));
    assertThat(withNormals.normals()[2]).isEqualTo(-1f);
  }

  @Test
  void tooFewNeighboursAndNonFinitePointsGiveNaN() {
    float[] xyz = {0, 0, 0, 0.01f, 0, 0, 0, 0.01f, 0, 5, 5, 5, Float.NaN, 0, 0};
    float[] curvature = new float[5];
    float[] normals = new float[15];
    NormalEstimator.estimate(xyz, 5, KdTree.build(xyz, 5), Neighborhood.hybrid(0.1f, 10), null,
        normals, curvature, 1);
    assertThat(normals[2]).isEqualTo(1f); // the three close points make a plane z = 0
    assertThat(normals[9]).isNaN(); // isolated
    assertThat(curvature[3]).isNaN();
    assertThat(normals[12]).isNaN(); // non-finite
  }

  @Test
  void identicalPointsGetAUnitNormal() {
    float[] xyz = new float[30];
    float[] normals = NormalEstimator.estimate(xyz, 10, Neighborhood.knn(5), null, 1);
    float len = normals[0] * normals[0] + normals[1] * normals[1] + normals[2] * normals[2];
    assertThat(len).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void rejectsBadNeighbourhoods() {
    assertThatThrownBy(() -> Neighborhood.knn(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Neighborhood.hybrid(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Neighborhood.hybrid(0.1f, 30).toString()).isEqualTo("Hybrid(radius=0.1, max=30)");
  }
}

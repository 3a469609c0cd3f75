package org.pointea.pointcloud.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;

class MeshSamplerTest {

  /** A unit square in z = 0 (area 1) and a 2 x 1 rectangle in x = 5 (area 2). */
  static TriangleMesh twoQuads() {
    float[] v = {
      0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, //
      5, 0, 0, 5, 2, 0, 5, 2, 1, 5, 0, 1
    };
    int[] t = {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7};
    return new TriangleMesh(v, t);
  }

  @Test
  void samplesLieOnTheSurfaceInProportionToArea() {
    PointCloud c = MeshSampler.sample(twoQuads(), 30_000, true, RandomStreams.of(1));
    float[] p = c.positions();
    float[] n = c.normals();
    int onSquare = 0;
    for (int i = 0; i < c.size(); i++) {
      if (p[3 * i + 2] == 0f && p[3 * i] <= 1f) {
        onSquare++;
        assertThat(p[3 * i + 1]).isBetween(0f, 1f);
        assertThat(n[3 * i + 2]).isEqualTo(1f);
      } else {
        assertThat(p[3 * i]).isCloseTo(5f, within(1e-6f));
        assertThat(p[3 * i + 1]).isBetween(0f, 2f);
        assertThat(p[3 * i + 2]).isBetween(0f, 1f);
        assertThat(n[3 * i]).isCloseTo(1f, within(1e-6f));
      }
    }
    assertThat(onSquare / 30_000.0).isCloseTo(1 / 3.0, within(0.015)); // ~5 sigma
  }

  @Test
  void uniformWithinATriangle() {
    TriangleMesh tri = new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
    PointCloud c = MeshSampler.sample(tri, 40_000, false, RandomStreams.of(2));
    float[] p = c.positions();
    double sx = 0;
    int nearCorner = 0;
    for (int i = 0; i < c.size(); i++) {
      sx += p[3 * i];
      if (p[3 * i] + p[3 * i + 1] < 0.5f) {
        nearCorner++;
      }
    }
    assertThat(sx / c.size()).isCloseTo(1 / 3.0, within(0.01)); // centroid
    assertThat(nearCorner / 40_000.0).isCloseTo(0.25, within(0.012)); // area fraction
  }

  @Test
  void interpolatesVertexNormalsWhenPresent() {
    float[] vn = {0, 0, 1, 0, 0, 1, 0, 0, 1};
    TriangleMesh tri =
        new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 2, 1}, vn);
    PointCloud c = MeshSampler.sample(tri, 10, true, RandomStreams.of(3));
    // corner order 0,2,1 would give a face normal of -z; the vertex normals say +z
    assertThat(c.normals()[2]).isEqualTo(1f);
  }

  @Test
  void skipsDegenerateTrianglesAndIsReproducible() {
    float[] v = {0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0};
    TriangleMesh m = new TriangleMesh(v, new int[] {0, 1, 2, 0, 1, 3, 0, 1, 2});
    int[] tri = new int[500];
    float[] xyz = new float[1500];
    MeshSampler.sample(m, 500, RandomStreams.of(4), xyz, null, tri);
    for (int t : tri) {
      assertThat(t).isEqualTo(1);
    }
    float[] again = new float[1500];
    MeshSampler.sample(m, 500, RandomStreams.of(4), again, null, null);
    assertThat(again).containsExactly(xyz);
  }

  @Test
  void rejectsMeshesWithoutArea() {
    TriangleMesh empty = new TriangleMesh(new float[] {0, 0, 0}, new int[0]);
    assertThatThrownBy(() -> MeshSampler.sample(empty, 1, false, RandomStreams.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surface area");
    assertThat(MeshSampler.sample(empty, 0, false, RandomStreams.of(1)).size()).isZero();
    TriangleMesh nan =
        new TriangleMesh(new float[] {0, 0, 0, Float.NaN, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
    assertThatThrownBy(() -> MeshSampler.sample(nan, 1, false, RandomStreams.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-finite");
  }
}

package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TriangleMeshTest {
  private static final float[] QUAD = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};

  @Test
  void countsAndAccessors() {
    TriangleMesh m = new TriangleMesh(QUAD.clone(), new int[] {0, 1, 2, 0, 2, 3});
    assertThat(m.vertexCount()).isEqualTo(4);
    assertThat(m.triangleCount()).isEqualTo(2);
    assertThat(m.corner(1, 2)).isEqualTo(3);
    assertThat(m.vertex(2, 1)).isEqualTo(1f);
    assertThat(m.hasVertexNormals()).isFalse();
    assertThat(m.toPointCloud().size()).isEqualTo(4);
    assertThat(m.bounds().max()).containsExactly(1, 1, 0);
    assertThat(m.toString()).isEqualTo("TriangleMesh[4 vertices, 2 triangles]");
  }

  @Test
  void rejectsIndicesOutsideTheVertices() {
    assertThatThrownBy(() -> new TriangleMesh(QUAD.clone(), new int[] {0, 1, 4}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vertex 4 of 4");
    assertThatThrownBy(() -> new TriangleMesh(QUAD.clone(), new int[] {0, 1}))
        .hasMessageContaining("multiple of 3");
    assertThatThrownBy(() -> new TriangleMesh(QUAD.clone(), new int[] {0, 1, 2}, new float[3]))
        .hasMessageContaining("normal values");
  }

  @Test
  void normalsTravelToThePointCloud() {
    float[] n = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
    TriangleMesh m = new TriangleMesh(QUAD.clone(), new int[] {0, 1, 2}, n);
    assertThat(m.toPointCloud().normals()).containsExactly(n);
    assertThat(m).isEqualTo(new TriangleMesh(QUAD.clone(), new int[] {0, 1, 2}, n.clone()));
  }
}

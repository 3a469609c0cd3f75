package org.pointea.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class CoreDemoTest {

  @Test
  void sceneHasThreeLabelledPartsWithUnitNormals() {
    PointCloud s = CoreDemo.scene(2000, 1);
    assertThat(s.size()).isEqualTo(2000);
    int[] counts = new int[3];
    for (int l : s.labels()) {
      counts[l]++;
    }
    assertThat(counts).containsExactly(800, 700, 500);
    float[] n = s.normals();
    for (int i = 0; i < s.size(); i++) {
      float len = n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2];
      assertThat(len).isBetween(0.9999f, 1.0001f);
    }
  }

  @Test
  void cubeTrianglesFaceOutward() {
    PointCloud c = org.pointea.pointcloud.sampling.MeshSampler.sample(
        CoreDemo.cube(), 500, true, org.pointea.pointcloud.RandomStreams.of(2));
    float[] p = c.positions();
    float[] n = c.normals();
    for (int i = 0; i < c.size(); i++) {
      float dot = p[3 * i] * n[3 * i] + p[3 * i + 1] * n[3 * i + 1] + p[3 * i + 2] * n[3 * i + 2];
      assertThat(dot).isPositive();
    }
  }

  @Test
  void everyCheckPasses() {
    CoreDemo.Report r = CoreDemo.run(3000, 5);
    assertThat(r.allPassed()).as(r.text()).isTrue();
    assertThat(r.total()).isEqualTo(7);
  }
}

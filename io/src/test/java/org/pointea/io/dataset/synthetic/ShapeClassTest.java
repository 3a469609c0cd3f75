package org.pointea.io.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;

class ShapeClassTest {
  @Test
  void everyClassIsAClosedOutwardSolid() {
    for (ShapeClass c : ShapeClass.values()) {
      for (int k = 0; k < 5; k++) {
        MeshBuilder mb = new MeshBuilder();
        c.build(mb, RandomStreams.of(11, c.ordinal(), k));
        TriangleMesh m = mb.build();
        double v = Meshes.signedVolume(m, 0, 0, 0);
        assertThat(v).as(c + " volume").isGreaterThan(0.2);
        assertThat(Meshes.signedVolume(m, 3, -5, 7)).as(c + " closed")
            .isCloseTo(v, within(1e-3 * v));
        var b = m.bounds();
        for (int a = 0; a < 3; a++) {
          assertThat(b.extent(a)).as(c + " size").isBetween(0.3f, 6.5f);
        }
      }
    }
  }

  @Test
  void namesAreLowerCaseAndAtLeastTen() {
    assertThat(ShapeClass.values().length).isGreaterThanOrEqualTo(10);
    assertThat(ShapeClass.TORUS.id()).isEqualTo("torus");
  }
}

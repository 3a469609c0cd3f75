package org.pointea.io.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.TriangleMesh;

class MeshBuilderTest {
  static void assertClosedOutward(TriangleMesh m, double volume, double tolerance) {
    double v0 = Meshes.signedVolume(m, 0, 0, 0);
    assertThat(Meshes.signedVolume(m, 10, -7, 3)).isCloseTo(v0, within(1e-3 * Math.abs(v0)));
    assertThat(v0).isCloseTo(volume, within(tolerance * volume));
  }

  @Test
  void boxIsClosedAndOutward() {
    MeshBuilder mb = new MeshBuilder();
    mb.box(-1, -2, -3, 1, 2, 3, 0);
    assertThat(mb.triangleCount()).isEqualTo(12);
    assertClosedOutward(mb.build(), 48, 1e-6);
  }

  @Test
  void cappedFrustumsAndConesAreClosed() {
    MeshBuilder mb = new MeshBuilder();
    mb.frustum(1, -1, 1, 1, 64, true);
    mb.disk(1, 1, 64, true);
    mb.disk(-1, 1, 64, false);
    assertClosedOutward(mb.build(), 2 * Math.PI, 0.01);
    MeshBuilder cone = new MeshBuilder();
    cone.frustum(1, 0, 0, 3, 64, true);
    cone.disk(0, 1, 64, false);
    assertClosedOutward(cone.build(), Math.PI, 0.01);
  }

  @Test
  void sphereBandsAndToriAreClosed() {
    MeshBuilder mb = new MeshBuilder();
    mb.sphereBand(0, Math.PI / 2, 64, 32);
    mb.sphereBand(Math.PI / 2, Math.PI, 64, 32);
    assertClosedOutward(mb.build(), 4 * Math.PI / 3, 0.01);
    MeshBuilder t = new MeshBuilder();
    t.torus(1, 0.3, 0, 2 * Math.PI, 96, 48);
    assertClosedOutward(t.build(), 2 * Math.PI * Math.PI * 0.09, 0.01);
  }

  @Test
  void aHollowTubeIsClosedWithInwardInnerWall() {
    MeshBuilder mb = new MeshBuilder();
    mb.frustum(1, 0, 1, 2, 96, true);
    mb.frustum(0.5, 0, 0.5, 2, 96, false);
    mb.annulus(2, 0.5, 1, 96, true);
    mb.annulus(0, 0.5, 1, 96, false);
    assertClosedOutward(mb.build(), Math.PI * 0.75 * 2, 0.01);
  }

  @Test
  void transformsKeepOrientation() {
    MeshBuilder mb = new MeshBuilder();
    mb.box(0, 0, 0, 1, 1, 1, 0);
    double[] r = MeshBuilder.multiply(MeshBuilder.rotation(0, 1, 0, 0.7),
        MeshBuilder.rotation(1, 0, 0, -1.2));
    mb.transform(0, new double[] {2, 3, 4}, r, new double[] {5, 6, 7});
    assertClosedOutward(mb.build(), 24, 1e-5);
    double[] m = MeshBuilder.multiply(r, MeshBuilder.rotation(0, 0, 1, 0.3));
    double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
        + m[2] * (m[3] * m[7] - m[4] * m[6]);
    assertThat(det).isCloseTo(1, within(1e-12));
  }
}

package org.pointea.eval.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ViewTest {
  @Test
  void standardSets() {
    assertThat(View.standard(1)).containsExactly(View.ISOMETRIC);
    assertThat(View.standard(3)).containsExactly(View.FRONT, View.SIDE, View.TOP);
    List<View> six = View.standard(6);
    assertThat(six).hasSize(6).extracting(View::azimuth).containsExactly(45.0, 105.0, 165.0, 225.0, 285.0, 345.0);
    assertThat(six.get(0).name()).isEqualTo("az 45");
    assertThatThrownBy(() -> View.standard(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new View("x", 0, 91)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void frontAndTopAxes() {
    double[] r = new double[3];
    double[] u = new double[3];
    double[] f = new double[3];
    View.FRONT.axes(UpAxis.Y, r, u, f);
    assertVec(r, 1, 0, 0);
    assertVec(u, 0, 1, 0);
    assertVec(f, 0, 0, -1);
    View.TOP.axes(UpAxis.Y, r, u, f);
    assertVec(r, 1, 0, 0);
    assertVec(u, 0, 0, -1);
    assertVec(f, 0, -1, 0);
    View.FRONT.axes(UpAxis.Z, r, u, f);
    assertVec(r, 1, 0, 0);
    assertVec(u, 0, 0, 1);
    assertVec(f, 0, 1, 0);
    View.FRONT.axes(UpAxis.X, r, u, f);
    assertVec(u, 1, 0, 0);
  }

  @Property(tries = 100)
  void axesAreARightHandedOrthonormalFrame(
      @ForAll @DoubleRange(min = -360, max = 360) double az,
      @ForAll @DoubleRange(min = -90, max = 90) double el) {
    for (UpAxis up : UpAxis.values()) {
      double[] r = new double[3];
      double[] u = new double[3];
      double[] f = new double[3];
      new View("v", az, el).axes(up, r, u, f);
      assertThat(dot(r, r)).isCloseTo(1, within(1e-9));
      assertThat(dot(u, u)).isCloseTo(1, within(1e-9));
      assertThat(dot(f, f)).isCloseTo(1, within(1e-9));
      assertThat(dot(r, u)).isCloseTo(0, within(1e-9));
      assertThat(dot(r, f)).isCloseTo(0, within(1e-9));
      // right x up = -forward (towards the viewer), as in a right-handed camera frame
      double[] c = {r[1] * u[2] - r[2] * u[1], r[2] * u[0] - r[0] * u[2], r[0] * u[1] - r[1] * u[0]};
      assertThat(dot(c, f)).isCloseTo(-1, within(1e-9));
      // the right vector stays horizontal: the up axis never tilts sideways
      assertThat(r[up.index()]).isCloseTo(0, within(1e-9));
    }
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  private static void assertVec(double[] v, double x, double y, double z) {
    assertThat(v[0]).isCloseTo(x, within(1e-12));
    assertThat(v[1]).isCloseTo(y, within(1e-12));
    assertThat(v[2]).isCloseTo(z, within(1e-12));
  }
}

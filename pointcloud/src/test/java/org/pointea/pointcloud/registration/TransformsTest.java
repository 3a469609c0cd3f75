package org.pointea.pointcloud.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class TransformsTest {

  @Property(tries = 100)
  void eulerAndAxisAngleAreRigidAndInvertible(
      @ForAll @DoubleRange(min = -3, max = 3) double a, @ForAll @DoubleRange(min = -3, max = 3) double b,
      @ForAll @DoubleRange(min = -3, max = 3) double c) {
    double[] m = Transforms.fromEulerXyz(a, b, c, a, -b, 2 * c);
    Transforms.requireRigid(m);
    double[] back = Transforms.multiply(Transforms.inverseRigid(m), m);
    assertThat(Transforms.maxAbsDifference(back, Transforms.identity())).isLessThan(1e-12);
    double[] aa = Transforms.fromAxisAngle(a, b, c + 0.1, 0.7, 1, 2, 3);
    Transforms.requireRigid(aa);
    assertThat(Transforms.rotationAngle(Transforms.identity(), aa)).isCloseTo(0.7, within(1e-9));
  }

  @Test
  void eulerIsRzRyRxAsOpen3d() {
    double[] rx = Transforms.fromEulerXyz(0.3, 0, 0, 0, 0, 0);
    double[] ry = Transforms.fromEulerXyz(0, 0.2, 0, 0, 0, 0);
    double[] rz = Transforms.fromEulerXyz(0, 0, 0.1, 1, 2, 3);
    double[] all = Transforms.fromEulerXyz(0.3, 0.2, 0.1, 1, 2, 3);
    assertThat(Transforms.maxAbsDifference(Transforms.multiply(rz, Transforms.multiply(ry, rx)),
        all)).isLessThan(1e-15);
    assertThat(rx[6]).isCloseTo(-Math.sin(0.3), within(1e-15));
  }

  @Test
  void appliesToPointsAndNormals() {
    double[] m = Transforms.fromAxisAngle(0, 0, 1, Math.PI / 2, 1, 0, 0);
    assertThat(Transforms.apply(m, new float[] {1, 0, 0}, 1)).containsExactly(1, 1, 0);
    float[] n = Transforms.rotate(m, new float[] {1, 0, 0}, 1);
    assertThat(n[1]).isEqualTo(1f);
    assertThat(Math.abs(n[0])).isLessThan(1e-7f);
  }

  @Test
  void rejectsWhatIsNotRigid() {
    double[] m = Transforms.identity();
    m[12] = 1;
    assertThatThrownBy(() -> Transforms.requireRigid(m)).hasMessageContaining("last row");
    double[] mirror = Transforms.identity();
    mirror[0] = -1;
    assertThatThrownBy(() -> Transforms.requireRigid(mirror)).hasMessageContaining("reflection");
    assertThatThrownBy(() -> Transforms.requireRigid(new double[3])).hasMessageContaining("16");
    assertThat(Transforms.format(Transforms.identity()).split("\n")).hasSize(4);
  }
}

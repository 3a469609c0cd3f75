package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DoubleChannelTest {

  @Test
  void keepsValuesAFloatCannotHold() {
    // adjusted standard GPS time: a float's step here is 32 s, a double's 60 ns
    double t = 3.0e8 + 0.123456;
    PointCloud cloud = PointCloud.builder(new float[6])
        .doubleChannel("gps_time", 1, new double[] {t, t + 1e-6}).build();
    DoubleChannel c = cloud.doubleChannel("gps_time");
    assertThat(c.get(1, 0) - c.get(0, 0)).isCloseTo(1e-6, org.assertj.core.data.Offset.offset(1e-7));
    assertThat(c.valueAsDouble(0, 0)).isEqualTo(t);
    assertThat(cloud.select(new int[] {1, 1}).doubleChannel("gps_time").toArray())
        .containsExactly(t + 1e-6, t + 1e-6);
    assertThat(c).hasToString("gps_time(double x1)");
  }

  @Test
  void checksIndicesAndWidth() {
    DoubleChannel c = new DoubleChannel("d", 2, new double[] {1, 2, 3, 4});
    assertThat(c.get(1, 1)).isEqualTo(4.0);
    assertThatThrownBy(() -> c.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new DoubleChannel("d", 3, new double[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of width 3");
    assertThat(c).isEqualTo(new DoubleChannel("d", 2, new double[] {1, 2, 3, 4}))
        .isNotEqualTo(new FloatChannel("d", 2, new float[] {1, 2, 3, 4}));
  }
}

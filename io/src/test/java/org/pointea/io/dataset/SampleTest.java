package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class SampleTest {
  @Test
  void keepsLabelAndIdWhenTheCloudChanges() {
    Sample s = new Sample(PointCloud.of(new float[] {1, 2, 3}), 4, "cone_0001");
    Sample t = s.withCloud(PointCloud.of(new float[] {0, 0, 0, 1, 1, 1}));
    assertThat(t.label()).isEqualTo(4);
    assertThat(t.id()).isEqualTo("cone_0001");
    assertThat(t.cloud().size()).isEqualTo(2);
  }

  @Test
  void rejectsNegativeLabelsAndNulls() {
    assertThatThrownBy(() -> new Sample(PointCloud.empty(), -1, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Sample(null, 0, "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Sample(PointCloud.empty(), 0, null))
        .isInstanceOf(NullPointerException.class);
  }
}

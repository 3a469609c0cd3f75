package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class SegmentedShapeTest {
  @Test
  void copiesAndValidatesLabels() {
    PointCloud c = PointCloud.of(new float[] {0, 0, 0, 1, 1, 1});
    int[] truth = {1, 2};
    SegmentedShape s = new SegmentedShape("t", c, truth, null);
    truth[0] = 9;
    assertThat(s.truth()).containsExactly(1, 2);
    assertThat(s.prediction()).isNull();
    assertThat(s.truthCloud().labels()).containsExactly(1, 2);
    assertThatThrownBy(s::predictionCloud).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SegmentedShape("t", c, null, null)).hasMessageContaining("needs");
    assertThatThrownBy(() -> new SegmentedShape("t", c, new int[3], null)).hasMessageContaining("3 ground-truth labels for 2 points");
    assertThatThrownBy(() -> new SegmentedShape("t", c, null, new int[1])).hasMessageContaining("1 predicted labels");
  }
}

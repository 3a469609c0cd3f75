package org.pointea.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.eval.Metrics;
import org.pointea.pointcloud.PointCloud;

class ReportTest {
  @Test
  void buildsAnImmutableReport() {
    List<SegmentedShape> shapes = new ArrayList<>();
    shapes.add(new SegmentedShape("s", PointCloud.of(new float[3]), new int[] {0}, null));
    Report r = Report.builder("run")
        .optInfo("epochs", 5)
        .optInfo("model", "pct")
        .optClassification(Metrics.classification(new int[] {0}, new int[] {0}))
        .optShapes(shapes)
        .build();
    shapes.clear();
    assertThat(r.title()).isEqualTo("run");
    assertThat(r.info()).containsExactly(java.util.Map.entry("epochs", "5"), java.util.Map.entry("model", "pct"));
    assertThat(r.shapes()).hasSize(1);
    assertThat(r.history().isEmpty()).isTrue();
    assertThat(r.partSegmentation()).isNull();
    assertThatThrownBy(() -> r.info().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Report.builder(null)).isInstanceOf(NullPointerException.class);
  }
}

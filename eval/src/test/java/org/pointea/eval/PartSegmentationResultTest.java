package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartSegmentationResultTest {
  @Test
  void isImmutableAndRoundTripsThroughJson() throws Exception {
    List<CategoryResult> rows = new ArrayList<>();
    rows.add(new CategoryResult(0, "Airplane", 2, 0.8));
    rows.add(new CategoryResult(1, "Bag", 0, Double.NaN));
    PartSegmentationResult r = new PartSegmentationResult(2, 10, 0.8, 0.8, 0.9, 0.85, 0, rows);
    rows.clear();
    assertThat(r.perCategory()).hasSize(2);
    assertThatThrownBy(() -> r.perCategory().clear()).isInstanceOf(UnsupportedOperationException.class);
    PartSegmentationResult back = MetricsJson.mapper().readValue(r.toJson(), PartSegmentationResult.class);
    assertThat(back).isEqualTo(r);
    assertThat(back.perCategory().get(1).miou()).isNaN();
  }
}

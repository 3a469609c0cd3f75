package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationResultTest {
  @Test
  void isImmutableAndKnowsItsClassNames() {
    List<ClassResult> rows = new ArrayList<>();
    rows.add(new ClassResult(0, "a", 1, 1, 1, 1, 1, 1));
    rows.add(new ClassResult(1, null, 0, 0, Double.NaN, 0, 0, 0));
    ClassificationResult r = new ClassificationResult(1, 1, 1, 1, 1, 1, "0", rows, new long[][] {{1, 0}, {0, 0}});
    rows.clear();
    assertThat(r.perClass()).hasSize(2);
    assertThat(r.classNames()).containsExactly("a", "1");
    assertThatThrownBy(() -> r.perClass().add(null)).isInstanceOf(UnsupportedOperationException.class);
  }
}

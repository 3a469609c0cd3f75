package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassResultTest {
  @Test
  void labelFallsBackToTheIndex() {
    assertThat(new ClassResult(3, "chair", 1, 1, 1, 1, 1, 1).label()).isEqualTo("chair");
    assertThat(new ClassResult(3, null, 1, 1, 1, 1, 1, 1).label()).isEqualTo("3");
  }
}

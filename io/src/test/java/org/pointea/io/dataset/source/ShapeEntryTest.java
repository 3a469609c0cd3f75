package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShapeEntryTest {
  @Test
  void theKeyDependsOnTheIdOnly() {
    ShapeEntry a = new ShapeEntry("chair_0001", 3, Path.of("a.txt"), 0);
    ShapeEntry b = new ShapeEntry("chair_0001", 5, Path.of("b.h5"), 7);
    ShapeEntry c = new ShapeEntry("chair_0002", 3, Path.of("a.txt"), 0);
    assertThat(a.key()).isEqualTo(b.key()).isNotEqualTo(c.key());
  }

  @Test
  void rejectsNegativeNumbers() {
    assertThatThrownBy(() -> new ShapeEntry("x", -1, Path.of("a"), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

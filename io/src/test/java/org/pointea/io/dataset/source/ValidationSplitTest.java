package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pointea.io.dataset.Split;

class ValidationSplitTest {
  static List<ShapeEntry> entries(int classes, int perClass) {
    List<ShapeEntry> out = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      for (int k = 0; k < perClass; k++) {
        out.add(new ShapeEntry("c" + c + "_" + k, c, Path.of("f" + c + k), 0));
      }
    }
    return out;
  }

  @Test
  void holdsOutAStratifiedFractionDependingOnIdsOnly() {
    List<ShapeEntry> all = entries(5, 40);
    List<ShapeEntry> val = ValidationSplit.select(all, Split.VAL, 0.1);
    List<ShapeEntry> train = ValidationSplit.select(all, Split.TRAIN, 0.1);
    assertThat(val).hasSize(20);
    assertThat(val.stream().filter(e -> e.label() == 3)).hasSize(4);
    assertThat(new HashSet<>(train)).doesNotContainAnyElementsOf(val);
    assertThat(train.size() + val.size()).isEqualTo(all.size());
    assertThat(ValidationSplit.select(all, Split.TRAINVAL, 0.1)).isEqualTo(all);
    List<ShapeEntry> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(3));
    assertThat(new HashSet<>(ValidationSplit.select(shuffled, Split.VAL, 0.1)))
        .isEqualTo(new HashSet<>(val));
  }

  @Test
  void smallClassesKeepOneValidationShape() {
    List<ShapeEntry> all = entries(2, 3);
    assertThat(ValidationSplit.select(all, Split.VAL, 0.1)).hasSize(2);
    assertThat(ValidationSplit.select(entries(1, 1), Split.VAL, 0.1)).isEmpty();
    assertThat(ValidationSplit.select(all, Split.VAL, 0)).isEmpty();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ValidationSplit.select(List.of(), Split.VAL, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ValidationSplit.select(List.of(), Split.TEST, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

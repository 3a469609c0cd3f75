package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeNetPartTest {

  @Test
  void tableMatchesTheStandardSegClasses() {
    // seg_classes from PointNet++ / yanx27 (see shared/reference/datasets-spec.md section 4.1)
    assertThat(ShapeNetPart.parts(ShapeNetPart.categoryIndex("Airplane"))).containsExactly(0, 1, 2, 3);
    assertThat(ShapeNetPart.parts(ShapeNetPart.categoryIndex("Lamp"))).containsExactly(24, 25, 26, 27);
    assertThat(ShapeNetPart.parts(ShapeNetPart.categoryIndex("Motorbike")))
        .containsExactly(30, 31, 32, 33, 34, 35);
    assertThat(ShapeNetPart.parts(ShapeNetPart.categoryIndex("mug"))).containsExactly(36, 37);
    assertThat(ShapeNetPart.parts(ShapeNetPart.categoryIndex("04379243"))).containsExactly(47, 48, 49);
  }

  @Test
  void everyPartBelongsToExactlyOneCategory() {
    int total = 0;
    for (int c = 0; c < ShapeNetPart.CATEGORIES; c++) {
      for (int p : ShapeNetPart.parts(c)) {
        assertThat(ShapeNetPart.categoryOfPart(p)).isEqualTo(c);
        total++;
      }
    }
    assertThat(total).isEqualTo(ShapeNetPart.PARTS);
  }

  @Test
  void unknownCategoryIsRejected() {
    assertThatThrownBy(() -> ShapeNetPart.categoryIndex("Sofa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Sofa");
    assertThatThrownBy(() -> ShapeNetPart.categoryOfPart(50)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}

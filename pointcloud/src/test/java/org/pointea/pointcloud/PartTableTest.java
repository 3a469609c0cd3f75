package org.pointea.pointcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartTableTest {

  @Test
  void shapeNetTableIsShapeNetPartsRanges() {
    PartTable t = PartTable.SHAPENET;
    assertThat(t.categories()).isEqualTo(16);
    assertThat(t.parts()).isEqualTo(50);
    for (int c = 0; c < 16; c++) {
      assertThat(t.partIds(c)).containsExactly(ShapeNetPart.parts(c));
      assertThat(t.firstPart(c)).isEqualTo(ShapeNetPart.firstPart(c));
      assertThat(t.isContiguous(c)).isTrue();
    }
    assertThat(t.isShapeNet()).isTrue();
  }

  @Test
  void ownTableSortsSharesAndLooksUpIds() {
    PartTable t = PartTable.of(List.of("chair", "lamp", "mug"),
        List.of(new int[] {2, 0, 1}, new int[] {5, 3}, new int[] {0, 1}));
    assertThat(t.parts()).isEqualTo(6);
    assertThat(t.partIds(0)).containsExactly(0, 1, 2);
    assertThat(t.partIds(1)).containsExactly(3, 5);
    assertThat(t.isContiguous(1)).isFalse();
    assertThat(t.indexOf(1, 5)).isEqualTo(1);
    assertThat(t.contains(1, 4)).isFalse();
    assertThat(t.contains(2, 1)).isTrue();
    assertThat(t.categoryIndex(" LAMP")).isEqualTo(1);
    assertThat(t.categoryIndex("sofa")).isEqualTo(-1);
    assertThat(t.isShapeNet()).isFalse();
    assertThat(t).hasToString("PartTable[chair: 0 1 2; lamp: 3 5; mug: 0 1]")
        .isEqualTo(PartTable.of(List.of("chair", "lamp", "mug"),
            List.of(new int[] {0, 1, 2}, new int[] {3, 5}, new int[] {1, 0})));
  }

  @Test
  void refusesBadTables() {
    assertThatThrownBy(() -> PartTable.of(List.of("a"), List.of(new int[0])))
        .hasMessageContaining("'a' has no part");
    assertThatThrownBy(() -> PartTable.of(List.of("a"), List.of(new int[] {-1})))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> PartTable.of(List.of("a"), List.of(new int[] {1, 1})))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> PartTable.of(List.of("a", "b"), List.of(new int[] {1})))
        .hasMessageContaining("2 category names for 1");
  }
}

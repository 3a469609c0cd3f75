package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PartTable;

/** The evaluator on a team's own part table (shared and non-contiguous ids). */
class PartTableEvaluatorTest {
  // chair uses 0 1 2, lamp 0 and 3 (not contiguous): 4 outputs per point
  private static final PartTable TABLE = PartTable.of(List.of("chair", "lamp"),
      List.of(new int[] {0, 1, 2}, new int[] {0, 3}));

  @Test
  void restrictedArgmaxOverNonContiguousParts() {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator(TABLE);
    // lamp, 2 points; column 1 scores highest but lamp does not use part 1
    float[] logits = {
      0.1f, 9f, 0f, 0.5f, // -> 3
      0.7f, 9f, 0f, 0.2f, // -> 0
    };
    double iou = eval.addShapeLogits(1, new int[] {3, 0}, 0, logits, 0, 2);
    assertThat(iou).isEqualTo(1.0);
    assertThat(eval.outsideCategory()).isZero();
    assertThat(eval.result().perCategory().get(1).name()).isEqualTo("lamp");
    assertThat(eval.result().perCategory()).hasSize(2);
  }

  @Test
  void groundTruthOutsideTheCategoryCountsAsWrongNotAsAnError() {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator(TABLE);
    // a lamp point labelled 2 (a chair part the lamps never showed) predicted 0
    double iou = eval.addShape(1, new int[] {0, 2}, new int[] {0, 0});
    // part 0: inter 1, union 2 (the predicted outsider joins 0's union); part 3 absent: 1
    assertThat(iou).isCloseTo((0.5 + 1.0) / 2, within(1e-12));
    assertThat(eval.outsideCategory()).isEqualTo(1);
    assertThat(eval.pointAccuracy()).isEqualTo(0.5);
  }

  @Test
  void classMiouAveragesTheTablesCategories() {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator(TABLE);
    eval.addShape(0, new int[] {0, 1, 2}, new int[] {0, 1, 2}); // 1.0
    eval.addShape(1, new int[] {0, 3}, new int[] {3, 3});       // part 0: 0/1, part 3: 1/2
    assertThat(eval.classMiou()).isCloseTo((1.0 + 0.25) / 2, within(1e-12));
    assertThat(eval.instanceMiou()).isCloseTo((1.0 + 0.25) / 2, within(1e-12));
    assertThatThrownBy(() -> eval.addShape(2, new int[] {0}, new int[] {0}))
        .hasMessageContaining("outside [0, 2)");
    assertThatThrownBy(() -> eval.addShape(0, new int[] {0}, new int[] {4}))
        .hasMessageContaining("outside [0, 4)");
    assertThatThrownBy(() -> eval.merge(new PartSegmentationEvaluator()))
        .hasMessageContaining("another part table");
  }

  @Test
  void shapeNetTableStaysStrict() {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    assertThat(eval.table().isShapeNet()).isTrue();
    assertThatThrownBy(() -> eval.addShape(11, new int[] {0}, new int[] {36}))
        .hasMessageContaining("is not a part of Mug (36..37)");
  }

  @Test
  void argmaxOverListedColumnsTiesToTheFirstAndNaNWins() {
    int[] out = new int[3];
    float[] s = {5f, 1f, 1f, 0f, 2f, 2f, 0f, Float.NaN, 3f};
    ArgMax.restricted(s, 0, 3, 3, new int[] {1, 2}, out, 0);
    assertThat(out).containsExactly(1, 1, 1);
  }
}

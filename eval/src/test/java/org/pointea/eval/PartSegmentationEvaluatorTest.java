package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.ShapeNetPart;

class PartSegmentationEvaluatorTest {
  private static final double EPS = 1e-12;

  private static JsonNode referenceCase(String name) {
    for (JsonNode c : Fixtures.json("partseg_reference.json").get("cases")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new IllegalStateException("no case " + name);
  }

  @Test
  void logitsMatchPointNet2Reference() {
    JsonNode c = referenceCase("logits");
    int s = c.get("shapes").intValue();
    int n = c.get("points").intValue();
    int[] categories = Fixtures.ints(c.get("categories"));
    int[] labels = Fixtures.ints(c.get("labels"));
    float[] logits = Fixtures.floats(c.get("logits"));

    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    eval.addShapesLogits(categories, labels, logits);

    // the restricted argmax predicts exactly what the reference predicts
    int[] pred = new int[s * n];
    for (int i = 0; i < s; i++) {
      ArgMax.restricted(logits, i * n * 50, n, 50, ShapeNetPart.firstPart(categories[i]),
          ShapeNetPart.partCount(categories[i]), pred, i * n);
    }
    assertThat(pred).isEqualTo(Fixtures.ints(c.get("pred")));

    double[] ious = eval.shapeIous();
    for (int i = 0; i < s; i++) {
      assertThat(ious[i]).as("shape %d", i).isCloseTo(c.get("shape_iou").get(i).doubleValue(), within(EPS));
    }
    PartSegmentationResult r = eval.result();
    assertThat(r.shapes()).isEqualTo(s);
    assertThat(r.points()).isEqualTo((long) s * n);
    assertThat(r.instanceMiou()).isCloseTo(c.get("instance_miou").doubleValue(), within(EPS));
    assertThat(r.classMiou()).isCloseTo(c.get("class_miou").doubleValue(), within(EPS));
    assertThat(c.get("class_miou_literal").isNull()).as("the reference yields NaN: Rocket is absent").isTrue();
    assertThat(r.pointAccuracy()).isCloseTo(c.get("point_accuracy").doubleValue(), within(EPS));
    assertThat(r.partAvgAccuracy()).isCloseTo(c.get("part_avg_accuracy").doubleValue(), within(EPS));
    assertThat(r.outsideCategory()).isZero();
    for (int cat = 0; cat < 16; cat++) {
      double expected = Fixtures.number(c.get("per_category").get(cat));
      CategoryResult row = r.perCategory().get(cat);
      assertThat(row.name()).isEqualTo(ShapeNetPart.categoryName(cat));
      if (Double.isNaN(expected)) {
        assertThat(row.miou()).isNaN();
        assertThat(row.shapes()).isZero();
      } else {
        assertThat(row.miou()).as(row.name()).isCloseTo(expected, within(EPS));
      }
    }
  }

  @Test
  void argmaxedPredictionsMatchDgcnnShapeIou() {
    JsonNode c = referenceCase("argmaxed");
    int[] categories = Fixtures.ints(c.get("categories"));
    PartSegmentationResult r =
        Metrics.partSegmentation(Fixtures.ints(c.get("labels")), Fixtures.ints(c.get("pred")), categories);
    assertThat(r.instanceMiou()).isCloseTo(c.get("instance_miou").doubleValue(), within(EPS));
    assertThat(r.classMiou()).isCloseTo(c.get("class_miou").doubleValue(), within(EPS));
    assertThat(r.pointAccuracy()).isCloseTo(c.get("point_accuracy").doubleValue(), within(EPS));
    assertThat(r.outsideCategory()).isEqualTo(c.get("outside_category").longValue());
    for (int cat = 0; cat < 16; cat++) {
      assertThat(r.perCategory().get(cat).miou())
          .isCloseTo(c.get("per_category").get(cat).doubleValue(), within(EPS));
    }
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    eval.addShapes(categories, Fixtures.ints(c.get("labels")), Fixtures.ints(c.get("pred")));
    double[] ious = eval.shapeIous();
    for (int i = 0; i < ious.length; i++) {
      assertThat(ious[i]).isCloseTo(c.get("shape_iou").get(i).doubleValue(), within(EPS));
    }
  }

  @Test
  void partAbsentInBothScoresOne() {
    // Motorbike (10) has parts 30..35; ground truth and prediction use only 30 and 31
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    double iou = eval.addShape(10, new int[] {30, 30, 31, 31}, new int[] {30, 31, 31, 31});
    // part 30: 1/2, part 31: 2/3, parts 32..35 absent in both: 1 each
    assertThat(iou).isCloseTo((0.5 + 2.0 / 3 + 4) / 6, within(EPS));
  }

  @Test
  void partPresentOnlyInPredictionScoresZero() {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    // Mug (11): ground truth all body (36), prediction all handle (37)
    assertThat(eval.addShape(11, new int[] {36, 36}, new int[] {37, 37})).isZero();
  }

  @Test
  void restrictedArgmaxIgnoresOtherCategoriesParts() {
    // one Laptop point (parts 28, 29) whose largest score is part 0
    float[] logits = new float[50];
    logits[0] = 100;
    logits[28] = 1;
    logits[29] = 2;
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    assertThat(eval.addShapeLogits(9, new int[] {29}, 0, logits, 0, 1)).isEqualTo(1.0);
    assertThat(eval.outsideCategory()).isZero();
    // the same point scored unrestricted, as part 0, is wrong and outside the category
    assertThat(eval.addShape(9, new int[] {29}, new int[] {0})).isEqualTo(0.5);
    assertThat(eval.outsideCategory()).isEqualTo(1);
  }

  @Test
  void classMiouAveragesCategoriesNotShapes() {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    eval.addShape(1, new int[] {4, 5}, new int[] {4, 5}); // Bag: 1.0
    eval.addShape(1, new int[] {4, 5}, new int[] {4, 5}); // Bag: 1.0
    eval.addShape(1, new int[] {4, 5}, new int[] {4, 5}); // Bag: 1.0
    eval.addShape(2, new int[] {6, 7}, new int[] {7, 6}); // Cap: 0.0
    assertThat(eval.instanceMiou()).isEqualTo(0.75);
    assertThat(eval.classMiou()).isEqualTo(0.5);
    assertThat(eval.categoryShapes(1)).isEqualTo(3);
    assertThat(eval.categoryMiou(0)).isNaN();
    assertThat(eval.shapeCategories()).containsExactly(1, 1, 1, 2);
  }

  @Test
  void emptyInputIsUndefined() {
    PartSegmentationResult r = Metrics.partSegmentation(new int[0], new int[0], new int[0]);
    assertThat(r.shapes()).isZero();
    assertThat(r.instanceMiou()).isNaN();
    assertThat(r.classMiou()).isNaN();
    assertThat(r.pointAccuracy()).isNaN();
    assertThat(r.perCategory()).hasSize(16).allSatisfy(row -> assertThat(row.shapes()).isZero());
  }

  @Test
  void mergeEqualsOneEvaluator() {
    Random rnd = new Random(5);
    PartSegmentationEvaluator whole = new PartSegmentationEvaluator();
    PartSegmentationEvaluator a = new PartSegmentationEvaluator();
    PartSegmentationEvaluator b = new PartSegmentationEvaluator();
    for (int s = 0; s < 30; s++) {
      int cat = rnd.nextInt(16);
      int[] labels = randomParts(rnd, cat, 20);
      int[] preds = randomParts(rnd, cat, 20);
      whole.addShape(cat, labels, preds);
      (s < 13 ? a : b).addShape(cat, labels, preds);
    }
    a.merge(b);
    assertThat(a.result()).isEqualTo(whole.result());
    assertThat(a.shapeIous()).isEqualTo(whole.shapeIous());
    PartSegmentationEvaluator twice = new PartSegmentationEvaluator();
    twice.merge(whole);
    twice.merge(twice);
    assertThat(twice.shapes()).isEqualTo(60);
    assertThat(twice.instanceMiou()).isCloseTo(whole.instanceMiou(), within(EPS));
    a.reset();
    assertThat(a.shapes()).isZero();
    assertThat(a.result().instanceMiou()).isNaN();
  }

  @Test
  void rejectsBadInputNamingTheShapeAndPoint() {
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    eval.addShape(11, new int[] {36}, new int[] {36});
    assertThatThrownBy(() -> eval.addShape(11, new int[] {36, 12}, new int[] {36, 36}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape 1 point 1: ground-truth part 12 is not a part of Mug (36..37)");
    assertThatThrownBy(() -> eval.addShape(11, new int[] {36}, new int[] {50}))
        .hasMessageContaining("predicted part 50 is outside [0, 50)");
    assertThatThrownBy(() -> eval.addShape(16, new int[] {36}, new int[] {36}))
        .hasMessageContaining("category 16 is outside [0, 16)");
    assertThatThrownBy(() -> eval.addShape(11, new int[0], new int[0]))
        .hasMessageContaining("has no points");
    assertThatThrownBy(() -> eval.addShapes(new int[] {0, 0, 0}, new int[8], new int[8]))
        .hasMessageContaining("8 part labels are not 3 shapes");
    assertThatThrownBy(() -> eval.addShapesLogits(new int[] {0}, new int[2], new float[99]))
        .hasMessageContaining("99 scores for 2 points");
    assertThat(eval.shapes()).isEqualTo(1);
  }

  @Test
  void categoryOfFollowsTheFirstPoint() {
    assertThat(PartSegmentationEvaluator.categoryOf(new int[] {7, 6, 49}, 2)).isEqualTo(15);
    assertThat(PartSegmentationEvaluator.categoryOf(new int[] {37}, 0)).isEqualTo(11);
    assertThatThrownBy(() -> PartSegmentationEvaluator.categoryOf(new int[] {50}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void perfectPredictionScoresOneAndIouStaysInRange(
      @ForAll @IntRange(min = 0, max = 15) int category,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    int[] labels = randomParts(rnd, category, n);
    PartSegmentationEvaluator eval = new PartSegmentationEvaluator();
    assertThat(eval.addShape(category, labels, labels.clone())).isEqualTo(1.0);
    int[] preds = new int[n];
    for (int i = 0; i < n; i++) {
      preds[i] = rnd.nextInt(50);
    }
    double iou = eval.addShape(category, labels, preds);
    assertThat(iou).isBetween(0.0, 1.0);
    // parts absent in both add 1 each: the IoU is at least (absent parts) / (category parts)
    int count = ShapeNetPart.partCount(category);
    int first = ShapeNetPart.firstPart(category);
    long absent = java.util.stream.IntStream.range(first, first + count)
        .filter(l -> Arrays.stream(labels).noneMatch(v -> v == l) && Arrays.stream(preds).noneMatch(v -> v == l))
        .count();
    assertThat(iou).isGreaterThanOrEqualTo((double) absent / count - EPS);
  }

  private static int[] randomParts(Random rnd, int category, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = ShapeNetPart.firstPart(category) + rnd.nextInt(ShapeNetPart.partCount(category));
    }
    return out;
  }
}

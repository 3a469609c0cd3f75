package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfusionMatrixTest {
  private static final double EPS = 1e-12;

  static Stream<JsonNode> sklearnCases() {
    List<JsonNode> cases = new ArrayList<>();
    Fixtures.json("classification_sklearn.json").get("cases").forEach(cases::add);
    return cases.stream();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("sklearnCases")
  void matchesScikitLearn(JsonNode c) {
    int k = c.get("num_classes").intValue();
    ConfusionMatrix cm = ConfusionMatrix.of(Fixtures.ints(c.get("labels")), Fixtures.ints(c.get("pred")), k);

    JsonNode expected = c.get("confusion");
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        assertThat(cm.count(t, p)).as("cm[%d][%d]", t, p).isEqualTo(expected.get(t).get(p).longValue());
      }
    }
    assertNumber(cm.overallAccuracy(), c.get("oa"), "accuracy_score");
    assertNumber(cm.meanClassAccuracy(), c.get("macc"), "balanced_accuracy_score");
    for (int cls = 0; cls < k; cls++) {
      assertNumber(cm.classAccuracy(cls), c.get("class_accuracy").get(cls), "class accuracy " + cls);
    }
    for (ZeroDivision zd : new ZeroDivision[] {ZeroDivision.ZERO, ZeroDivision.ONE}) {
      JsonNode block = c.get(zd == ZeroDivision.ZERO ? "zero_division_0" : "zero_division_1");
      for (int cls = 0; cls < k; cls++) {
        String at = " of class " + cls + ", zero_division=" + zd;
        assertNumber(cm.precision(cls, zd), block.get("precision").get(cls), "precision" + at);
        assertNumber(cm.recall(cls, zd), block.get("recall").get(cls), "recall" + at);
        assertNumber(cm.f1(cls, zd), block.get("f1").get(cls), "f1" + at);
        assertThat(cm.support(cls)).isEqualTo(block.get("support").get(cls).longValue());
      }
      for (Average avg : Average.values()) {
        JsonNode a = block.get(avg.name().toLowerCase(java.util.Locale.ROOT));
        String at = " " + avg + ", zero_division=" + zd;
        assertNumber(cm.precision(avg, zd), a.get("precision"), "precision" + at);
        assertNumber(cm.recall(avg, zd), a.get("recall"), "recall" + at);
        assertNumber(cm.f1(avg, zd), a.get("f1"), "f1" + at);
      }
    }
  }

  private static void assertNumber(double actual, JsonNode expected, String what) {
    double e = Fixtures.number(expected);
    if (Double.isNaN(e)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(actual).as(what).isCloseTo(e, within(EPS));
    }
  }

  @Test
  void neverSeenClassIsLeftOutOfMeanClassAccuracy() {
    // class 2 is predicted once but never seen: its accuracy is undefined, mAcc averages 0 and 1
    ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}, 4);
    assertThat(cm.classAccuracy(2)).isNaN();
    assertThat(cm.classAccuracy(3)).isNaN();
    assertThat(cm.meanClassAccuracy()).isEqualTo((1.0 + 0.5) / 2);
    assertThat(cm.isActive(2)).isTrue();
    assertThat(cm.isActive(3)).isFalse();
  }

  @Test
  void nanZeroDivisionIsSkippedByMacroAverages() {
    // class 2 never predicted (precision undefined), class 3 never seen (recall undefined)
    ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 3, 3}, 4);
    assertThat(cm.precision(2, ZeroDivision.NAN)).isNaN();
    assertThat(cm.recall(3, ZeroDivision.NAN)).isNaN();
    assertThat(cm.f1(2, ZeroDivision.NAN)).isZero();
    // precision: classes 0, 1 = 1, class 3 = 0, class 2 skipped
    assertThat(cm.precision(Average.MACRO, ZeroDivision.NAN)).isCloseTo(2.0 / 3, within(EPS));
    // recall: classes 0, 1 = 1, class 2 = 0, class 3 skipped
    assertThat(cm.recall(Average.MACRO, ZeroDivision.NAN)).isCloseTo(2.0 / 3, within(EPS));
    assertThat(cm.precision(Average.MACRO, ZeroDivision.ZERO)).isCloseTo(0.5, within(EPS));
    assertThat(cm.precision(Average.MACRO, ZeroDivision.ONE)).isCloseTo(0.75, within(EPS));
  }

  @Test
  void emptyMatrixIsUndefinedNotZero() {
    ConfusionMatrix cm = new ConfusionMatrix(3);
    assertThat(cm.total()).isZero();
    assertThat(cm.overallAccuracy()).isNaN();
    assertThat(cm.meanClassAccuracy()).isNaN();
    assertThat(cm.f1(Average.MACRO, ZeroDivision.ZERO)).isNaN();
    ClassificationResult r = cm.result();
    assertThat(r.samples()).isZero();
    assertThat(r.perClass()).hasSize(3).allSatisfy(c -> assertThat(c.accuracy()).isNaN());
  }

  @Test
  void addsInBatchesAndMergesLikeOneMatrix() {
    int[] labels = {0, 1, 2, 2, 1, 0, 3};
    int[] preds = {0, 2, 2, 1, 1, 0, 0};
    ConfusionMatrix whole = ConfusionMatrix.of(labels, preds, 4);
    ConfusionMatrix a = new ConfusionMatrix(4);
    a.add(labels, 0, preds, 0, 3);
    ConfusionMatrix b = new ConfusionMatrix(4);
    b.add(labels, 3, preds, 3, 3);
    b.add(3, 0);
    a.merge(b);
    assertThat(a.toArray()).isDeepEqualTo(whole.toArray());
    a.reset();
    assertThat(a.total()).isZero();
  }

  @Test
  void rejectsBadInputWithoutChangingCounts() {
    ConfusionMatrix cm = new ConfusionMatrix(3);
    assertThatThrownBy(() -> cm.add(new int[] {0, 1, 3}, new int[] {0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label at index 2 is 3, outside [0, 3)");
    assertThat(cm.total()).isZero();
    assertThatThrownBy(() -> cm.add(new int[] {0}, new int[] {-1}))
        .hasMessageContaining("prediction at index 0 is -1");
    assertThatThrownBy(() -> cm.add(new int[] {0, 1}, new int[] {0}))
        .hasMessageContaining("2 labels but 1 predictions");
    assertThatThrownBy(() -> new ConfusionMatrix(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cm.merge(new ConfusionMatrix(4)))
        .hasMessageContaining("4-class matrix into a 3-class");
    assertThatThrownBy(() -> cm.result(List.of("a", "b")))
        .hasMessageContaining("2 class names given for 3 classes");
  }

  @Test
  void resultCarriesNamesAndCounts() {
    ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1, 0}, 2);
    ClassificationResult r = cm.result(List.of("cat", "dog"), ZeroDivision.ONE);
    assertThat(r.samples()).isEqualTo(3);
    assertThat(r.oa()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(r.macc()).isCloseTo(0.75, within(EPS));
    assertThat(r.zeroDivision()).isEqualTo("1");
    assertThat(r.perClass().get(1).name()).isEqualTo("dog");
    assertThat(r.perClass().get(1).support()).isEqualTo(2);
    assertThat(r.perClass().get(0).predicted()).isEqualTo(2);
    assertThat(r.confusionMatrix()).isDeepEqualTo(new long[][] {{1, 0}, {1, 1}});
  }

  @Property(tries = 200)
  void scoresStayInRangeAndMicroEqualsAccuracy(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 6) Integer> labels,
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 6) Integer> preds) {
    int n = Math.min(labels.size(), preds.size());
    ConfusionMatrix cm = new ConfusionMatrix(7);
    int correct = 0;
    for (int i = 0; i < n; i++) {
      cm.add(labels.get(i), preds.get(i));
      correct += labels.get(i).equals(preds.get(i)) ? 1 : 0;
    }
    assertThat(cm.overallAccuracy()).isEqualTo((double) correct / n);
    assertThat(cm.meanClassAccuracy()).isBetween(0.0, 1.0);
    for (ZeroDivision zd : new ZeroDivision[] {ZeroDivision.ZERO, ZeroDivision.ONE}) {
      assertThat(cm.f1(Average.MICRO, zd)).isCloseTo(cm.overallAccuracy(), within(EPS));
      assertThat(cm.recall(Average.WEIGHTED, zd)).isCloseTo(cm.overallAccuracy(), within(EPS));
      for (Average avg : Average.values()) {
        assertThat(cm.f1(avg, zd)).isBetween(0.0, 1.0);
        assertThat(cm.precision(avg, zd)).isBetween(0.0, 1.0);
      }
    }
    for (int c = 0; c < 7; c++) {
      double p = cm.precision(c, ZeroDivision.NAN);
      double r = cm.recall(c, ZeroDivision.NAN);
      if (!Double.isNaN(p) && !Double.isNaN(r) && p + r > 0) {
        assertThat(cm.f1(c, ZeroDivision.ZERO)).isCloseTo(2 * p * r / (p + r), within(EPS));
      }
    }
  }
}

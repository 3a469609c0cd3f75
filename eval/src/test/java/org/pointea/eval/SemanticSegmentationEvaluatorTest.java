package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SemanticSegmentationEvaluatorTest {
    private static final double EPS = 1e-12;

    static Stream<JsonNode> cases() {
        List<JsonNode> cases = new ArrayList<>();
        Fixtures.json("semseg_sklearn.json").get("cases").forEach(cases::add);
        return cases.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void matchesScikitLearnAndThePointNetFormulaOverAllScenes(JsonNode c) {
        int k = c.get("num_classes").intValue();
        SemanticSegmentationEvaluator eval = new SemanticSegmentationEvaluator(k);
        for (JsonNode scene : c.get("scenes")) {
            eval.add(Fixtures.ints(scene.get("labels")), Fixtures.ints(scene.get("pred")));
        }
        SemanticSegmentationResult r = eval.result();
        assertThat(r.points()).isEqualTo(c.get("points").longValue());
        assertThat(r.ignored()).isEqualTo(c.get("ignored").longValue());
        assertThat(r.scenes()).isEqualTo(c.get("scenes").size());
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                assertThat(r.confusionMatrix()[t][p]).as("cm[%d][%d]", t, p)
                        .isEqualTo(c.get("confusion").get(t).get(p).longValue());
            }
        }
        assertNumber(r.oa(), c.get("oa"), "accuracy_score");
        assertNumber(r.macc(), c.get("macc"), "balanced_accuracy_score");
        assertNumber(r.miou(), c.get("miou"), "jaccard_score macro");
        for (int cls = 0; cls < k; cls++) {
            assertNumber(r.perClass().get(cls).iou(), c.get("iou").get(cls), "IoU of " + cls);
            assertNumber(r.perClass().get(cls).accuracy(), c.get("accuracy").get(cls), "accuracy of " + cls);
            double iou = r.perClass().get(cls).iou();
            // scikit-learn's zero_division=0 writes 0 where the IoU is undefined
            assertThat(Double.isNaN(iou) ? 0.0 : iou).isCloseTo(c.get("iou_sklearn").get(cls).doubleValue(),
                    within(EPS));
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
    void iouIsOverAllPointsNotAMeanOfSceneIous() {
        // scene 1: class 0 perfect on 2 points; scene 2: class 0 wrong on 1 of 9 points
        SemanticSegmentationEvaluator eval = new SemanticSegmentationEvaluator(List.of("a", "b"));
        eval.add(new int[] {0, 0}, new int[] {0, 0});
        eval.add(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0}, new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1});
        SemanticSegmentationResult r = eval.result();
        assertThat(r.perClass().get(0).iou()).isCloseTo(10.0 / 11, within(EPS));
        assertThat(r.perClass().get(1).iou()).isZero();
        assertThat(r.miou()).isCloseTo((10.0 / 11) / 2, within(EPS));
        assertThat(r.perClass().get(0).name()).isEqualTo("a");
    }

    @Test
    void mergeEqualsAddingEverythingToOne() {
        SemanticSegmentationEvaluator a = new SemanticSegmentationEvaluator(3);
        SemanticSegmentationEvaluator b = new SemanticSegmentationEvaluator(3);
        SemanticSegmentationEvaluator all = new SemanticSegmentationEvaluator(3);
        int[] l1 = {0, 1, 2, -1};
        int[] p1 = {0, 2, 2, 0};
        int[] l2 = {2, 2, 1};
        int[] p2 = {2, 1, 1};
        a.add(l1, p1);
        b.add(l2, p2);
        all.add(l1, p1);
        all.add(l2, p2);
        a.merge(b);
        assertThat(a.result()).usingRecursiveComparison().isEqualTo(all.result());
    }

    @Test
    void badLabelsLeaveTheEvaluatorUnchanged() {
        SemanticSegmentationEvaluator eval = new SemanticSegmentationEvaluator(3);
        assertThatThrownBy(() -> eval.add(new int[] {0, 3}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1 is 3");
        assertThatThrownBy(() -> eval.add(new int[] {0, 1}, new int[] {0, 7}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prediction at index 1");
        assertThatThrownBy(() -> eval.add(new int[] {0, 1}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(eval.result().points()).isZero();
        // an unscored point may carry any prediction
        eval.add(new int[] {-1}, new int[] {-5});
        assertThat(eval.ignored()).isEqualTo(1);
    }

    @Test
    void jsonAndTextNameEveryClass() {
        SemanticSegmentationResult r = Metrics.semanticSegmentation(new int[] {0, 1, 1, -1},
                new int[] {0, 1, 0, 0}, List.of("floor", "wall", "door"), 3);
        String json = r.toJson();
        assertThat(json).contains("\"miou\"", "\"per_class\"", "\"name\" : \"wall\"", "\"iou\" : null",
                "\"ignored\" : 1");
        assertThat(r.toText()).contains("mIoU 50.00 %", "door", "wall");
    }
}

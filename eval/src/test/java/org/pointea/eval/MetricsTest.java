package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Test
  void classificationJsonHasTheDocumentedKeys() throws Exception {
    ClassificationResult r =
        Metrics.classification(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}, List.of("a", "b", "c"));
    JsonNode json = PLAIN.readTree(r.toJson());
    assertThat(fieldNames(json))
        .containsExactly("samples", "oa", "macc", "macro_precision", "macro_recall", "macro_f1",
            "zero_division", "per_class", "confusion_matrix");
    assertThat(json.get("oa").doubleValue()).isEqualTo(0.75);
    assertThat(json.get("macc").doubleValue()).isEqualTo((1 + 1 + 0.5) / 3);
    JsonNode c = json.get("per_class").get(2);
    assertThat(fieldNames(c))
        .containsExactly("class", "name", "support", "predicted", "accuracy", "precision", "recall", "f1");
    assertThat(c.get("name").asText()).isEqualTo("c");
    assertThat(c.get("accuracy").doubleValue()).isEqualTo(0.5);
    assertThat(json.get("confusion_matrix").get(2).get(0).intValue()).isEqualTo(1);
  }

  @Test
  void classCountDefaultsToLargestIdPlusOne() {
    ClassificationResult r = Metrics.classification(new int[] {0, 4}, new int[] {0, 1});
    assertThat(r.perClass()).hasSize(5);
    assertThat(r.perClass().get(3).accuracy()).isNaN();
    assertThat(r.perClass().get(3).name()).isNull();
    assertThat(r.perClass().get(3).label()).isEqualTo("3");
    assertThat(Metrics.classification(new int[0], new int[0]).perClass()).hasSize(1);
  }

  @Test
  void unnamedClassesOmitTheNameKey() throws Exception {
    JsonNode json = PLAIN.readTree(Metrics.classification(new int[] {1}, new int[] {1}).toJson());
    assertThat(json.get("per_class").get(0).has("name")).isFalse();
    assertThat(json.get("per_class").get(0).get("accuracy").isNull()).isTrue();
  }

  @Test
  void classificationRejectsOutOfRangeIds() {
    assertThatThrownBy(() -> Metrics.classification(new int[] {0, 3}, new int[] {0, 1}, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label at index 1 is 3, outside [0, 2)");
  }

  @Test
  void partSegmentationJsonHasTheDocumentedKeys() throws Exception {
    // two Mugs of 3 points, [S, N] flattened
    int[] labels = {36, 36, 37, 36, 37, 37};
    int[] preds = {36, 36, 37, 36, 36, 37};
    PartSegmentationResult r = Metrics.partSegmentation(labels, preds, new int[] {11, 11});
    JsonNode json = PLAIN.readTree(r.toJson());
    assertThat(fieldNames(json))
        .containsExactly("shapes", "points", "instance_miou", "class_miou", "point_accuracy",
            "part_avg_accuracy", "outside_category", "per_category");
    // shape 2: body 1/2, handle 1/2
    assertThat(json.get("instance_miou").doubleValue()).isEqualTo(0.75);
    assertThat(json.get("class_miou").doubleValue()).isEqualTo(0.75);
    assertThat(json.get("per_category")).hasSize(16);
    JsonNode mug = json.get("per_category").get(11);
    assertThat(fieldNames(mug)).containsExactly("category", "name", "shapes", "miou");
    assertThat(mug.get("name").asText()).isEqualTo("Mug");
    assertThat(mug.get("shapes").intValue()).isEqualTo(2);
    assertThat(json.get("per_category").get(0).get("miou").isNull()).isTrue();
  }

  @Test
  void partSegmentationFromLogitsUsesTheRestrictedArgmax() {
    float[] logits = new float[2 * 50];
    logits[0] = 9; // point 0 prefers part 0 (Airplane) over Knife's 22, 23
    logits[23] = 1;
    logits[50 + 22] = 2;
    PartSegmentationResult r =
        Metrics.partSegmentationFromLogits(new int[] {23, 22}, logits, new int[] {7});
    assertThat(r.instanceMiou()).isEqualTo(1.0);
    assertThat(r.pointAccuracy()).isEqualTo(1.0);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

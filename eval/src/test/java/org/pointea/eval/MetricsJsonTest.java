package org.pointea.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {
  record Sample(double a, Double b, float c, List<Double> d) {}

  @Test
  void nonFiniteNumbersBecomeNull() throws Exception {
    String json = MetricsJson.toJson(
        new Sample(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, List.of(1.5, Double.NaN)));
    JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertThat(tree.get("a").isNull()).isTrue();
    assertThat(tree.get("b").isNull()).isTrue();
    assertThat(tree.get("c").isNull()).isTrue();
    assertThat(tree.get("d").get(0).doubleValue()).isEqualTo(1.5);
    assertThat(tree.get("d").get(1).isNull()).isTrue();
    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void finiteNumbersAreExact() {
    assertThat(MetricsJson.toJson(Map.of("x", 0.1 + 0.2))).contains("0.30000000000000004");
  }

  @Test
  void resultsRoundTripWithNanRestored() throws Exception {
    ClassificationResult r = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 1}, 3).result();
    ClassificationResult back = MetricsJson.mapper().readValue(r.toJson(), ClassificationResult.class);
    assertThat(back.perClass().get(2).accuracy()).isNaN();
    assertThat(back.oa()).isEqualTo(0.5);
    assertThat(back.confusionMatrix()).isDeepEqualTo(r.confusionMatrix());
    assertThat(back.perClass()).isEqualTo(r.perClass());
  }
}

package org.pointea.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The scores of one class in a {@link ClassificationResult}. Undefined scores are NaN (and
 * {@code null} in JSON): {@code accuracy} when the class is never seen; precision, recall and F1
 * follow the result's {@link ZeroDivision} policy.
 *
 * @param index class index
 * @param name class name, or null when none was given
 * @param support number of samples of this class in the ground truth
 * @param predicted number of samples predicted as this class
 * @param accuracy correct / support (recall), NaN when never seen
 * @param precision tp / predicted
 * @param recall tp / support
 * @param f1 2 tp / (support + predicted)
 */
@JsonPropertyOrder({"class", "name", "support", "predicted", "accuracy", "precision", "recall", "f1"})
public record ClassResult(
    @JsonProperty("class") int index,
    @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_NULL) String name,
    @JsonProperty("support") long support,
    @JsonProperty("predicted") long predicted,
    @JsonProperty("accuracy") double accuracy,
    @JsonProperty("precision") double precision,
    @JsonProperty("recall") double recall,
    @JsonProperty("f1") double f1) {

  /** Returns the name, or the index as text when the class has no name. */
  public String label() {
    return name != null ? name : Integer.toString(index);
  }
}

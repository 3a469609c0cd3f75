package org.pointea.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Classification scores of a test set, as {@code pointea metrics cls --json} prints them and
 * {@code report.json} stores them. Build one with {@link ConfusionMatrix#result} or
 * {@link Metrics#classification}.
 *
 * <p>JSON keys: {@code samples}, {@code oa}, {@code macc}, {@code macro_precision},
 * {@code macro_recall}, {@code macro_f1}, {@code zero_division}, {@code per_class} (one object per
 * class, see {@link ClassResult}) and {@code confusion_matrix} (rows = ground truth). Undefined
 * numbers (NaN) are written as {@code null}.
 *
 * @param samples number of samples scored
 * @param oa overall accuracy
 * @param macc mean class accuracy (balanced accuracy) over the classes seen
 * @param macroPrecision precision averaged over the active classes
 * @param macroRecall recall averaged over the active classes
 * @param macroF1 F1 averaged over the active classes
 * @param zeroDivision the zero-division policy used: {@code "0"}, {@code "1"} or {@code "nan"}
 * @param perClass one entry per class, in class order
 * @param confusionMatrix counts {@code [K][K]}, rows = ground truth, columns = prediction
 */
@JsonPropertyOrder({
  "samples", "oa", "macc", "macro_precision", "macro_recall", "macro_f1", "zero_division",
  "per_class", "confusion_matrix"
})
public record ClassificationResult(
    @JsonProperty("samples") long samples,
    @JsonProperty("oa") double oa,
    @JsonProperty("macc") double macc,
    @JsonProperty("macro_precision") double macroPrecision,
    @JsonProperty("macro_recall") double macroRecall,
    @JsonProperty("macro_f1") double macroF1,
    @JsonProperty("zero_division") String zeroDivision,
    @JsonProperty("per_class") List<ClassResult> perClass,
    @JsonProperty("confusion_matrix") long[][] confusionMatrix) {

  /** Copies the list so that the record is immutable. */
  public ClassificationResult {
    perClass = List.copyOf(perClass);
  }

  /** Returns the names of the classes (their indices as text where no name was given). */
  public List<String> classNames() {
    return perClass.stream().map(ClassResult::label).toList();
  }

  /** Returns this result as pretty-printed JSON. */
  public String toJson() {
    return MetricsJson.toJson(this);
  }
}

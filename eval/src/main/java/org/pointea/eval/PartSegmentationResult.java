package org.pointea.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * ShapeNet-part segmentation scores of a test set, as {@code pointea metrics partseg --json}
 * prints them and {@code report.json} stores them. Build one with
 * {@link PartSegmentationEvaluator#result()} or {@link Metrics#partSegmentation}.
 *
 * <p>JSON keys: {@code shapes}, {@code points}, {@code instance_miou}, {@code class_miou},
 * {@code point_accuracy}, {@code part_avg_accuracy}, {@code outside_category} and
 * {@code per_category} (16 rows, see {@link CategoryResult}). Undefined numbers are {@code null}.
 *
 * @param shapes number of shapes scored
 * @param points number of points scored
 * @param instanceMiou mean shape IoU over all shapes
 * @param classMiou mean over the categories present of their mean shape IoU
 * @param pointAccuracy correct points / points
 * @param partAvgAccuracy mean per-part point recall over the parts present in the ground truth
 * @param outsideCategory predictions that were a part of another category (always 0 when scored
 *     from logits with the restricted argmax)
 * @param perCategory the 16 categories in index order
 */
@JsonPropertyOrder({
  "shapes", "points", "instance_miou", "class_miou", "point_accuracy", "part_avg_accuracy",
  "outside_category", "per_category"
})
public record PartSegmentationResult(
    @JsonProperty("shapes") int shapes,
    @JsonProperty("points") long points,
    @JsonProperty("instance_miou") double instanceMiou,
    @JsonProperty("class_miou") double classMiou,
    @JsonProperty("point_accuracy") double pointAccuracy,
    @JsonProperty("part_avg_accuracy") double partAvgAccuracy,
    @JsonProperty("outside_category") long outsideCategory,
    @JsonProperty("per_category") List<CategoryResult> perCategory) {

  /** Copies the list so that the record is immutable. */
  public PartSegmentationResult {
    perCategory = List.copyOf(perCategory);
  }

  /** Returns this result as pretty-printed JSON. */
  public String toJson() {
    return MetricsJson.toJson(this);
  }
}

package org.pointea.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;

/**
 * Semantic-segmentation scores over all points of a test set, as {@code pointea metrics semseg
 * --json} prints them and {@code report.json} stores them. Build one with
 * {@link SemanticSegmentationEvaluator#result()} or {@link Metrics#semanticSegmentation}.
 *
 * <p>JSON keys: {@code scenes}, {@code points}, {@code ignored}, {@code oa}, {@code macc},
 * {@code miou}, {@code per_class} (see {@link ClassScore}) and {@code confusion_matrix} (rows =
 * ground truth). Undefined numbers are {@code null}.
 *
 * @param scenes number of scenes (calls to {@code add}) scored
 * @param points number of points scored (labelled points)
 * @param ignored number of points not scored (negative ground-truth label)
 * @param oa overall accuracy: correct points / scored points
 * @param macc mean class accuracy over the classes present in the ground truth
 * @param miou mean IoU over the classes present in the ground truth or the predictions
 * @param perClass one row per class, in class order
 * @param confusionMatrix counts {@code [K][K]}, rows = ground truth, columns = prediction
 */
@JsonPropertyOrder({"scenes", "points", "ignored", "oa", "macc", "miou", "per_class", "confusion_matrix"})
public record SemanticSegmentationResult(
        @JsonProperty("scenes") int scenes,
        @JsonProperty("points") long points,
        @JsonProperty("ignored") long ignored,
        @JsonProperty("oa") double oa,
        @JsonProperty("macc") double macc,
        @JsonProperty("miou") double miou,
        @JsonProperty("per_class") List<ClassScore> perClass,
        @JsonProperty("confusion_matrix") long[][] confusionMatrix) {

    /** Copies the list so that the record is immutable. */
    public SemanticSegmentationResult {
        perClass = List.copyOf(perClass);
    }

    /**
     * The scores of one class.
     *
     * @param index class index
     * @param name class name, or null when none was given
     * @param support points of this class in the ground truth
     * @param predicted points predicted as this class
     * @param accuracy correct / support (recall); NaN when never seen
     * @param iou tp / (support + predicted - tp); NaN when neither seen nor predicted
     */
    @JsonPropertyOrder({"class", "name", "support", "predicted", "accuracy", "iou"})
    public record ClassScore(
            @JsonProperty("class") int index,
            @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_NULL) String name,
            @JsonProperty("support") long support,
            @JsonProperty("predicted") long predicted,
            @JsonProperty("accuracy") double accuracy,
            @JsonProperty("iou") double iou) {

        /** Returns the name, or the index as text when the class has no name. */
        public String label() {
            return name != null ? name : Integer.toString(index);
        }
    }

    /** Returns the names of the classes (their indices as text where no name was given). */
    public List<String> classNames() {
        return perClass.stream().map(ClassScore::label).toList();
    }

    /** Returns this result as pretty-printed JSON. */
    public String toJson() {
        return MetricsJson.toJson(this);
    }

    /**
     * Returns a plain-text table: the headline scores, then one line per class with its support,
     * accuracy and IoU (in percent).
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "OA %.2f %%  mAcc %.2f %%  mIoU %.2f %%  (%d points in %d scene(s),"
                + " %d not labelled)%n", 100 * oa, 100 * macc, 100 * miou, points, scenes, ignored));
        int w = 5;
        for (ClassScore c : perClass) {
            w = Math.max(w, c.label().length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %12s %12s %8s %8s%n", "class", "points", "predicted",
                "acc %", "IoU %"));
        for (ClassScore c : perClass) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %12d %12d %8s %8s%n", c.label(), c.support(),
                    c.predicted(), percent(c.accuracy()), percent(c.iou())));
        }
        return sb.toString();
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }
}

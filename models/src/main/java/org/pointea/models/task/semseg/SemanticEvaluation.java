package org.pointea.models.task.semseg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pointea.eval.SemanticSegmentationResult;
import org.pointea.eval.report.Report;
import org.pointea.models.task.Evaluation;

/**
 * Semantic-segmentation scores: of validation blocks during training, or of every point of whole
 * test scenes ({@code inference.SceneEvaluator}).
 *
 * @param result the scores (OA, mAcc, per-class IoU, mIoU, confusion)
 * @param loss   mean loss over the scored points (NaN when not computed)
 * @param votes  passes per point
 * @param scope  what was scored, e.g. {@code "validation blocks"} or {@code "all points of 68 scenes"}
 */
public record SemanticEvaluation(SemanticSegmentationResult result, double loss, int votes, String scope)
        implements Evaluation {

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("acc", result.oa());
        m.put("macc", result.macc());
        m.put("miou", result.miou());
        return m;
    }

    @Override
    public JsonNode details() {
        try {
            return new ObjectMapper().readTree(result.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the semantic-segmentation result's JSON does not parse", e);
        }
    }

    @Override
    public String summary() {
        return "scored: " + scope + "\n" + result.toText();
    }

    @Override
    public void addTo(Report.Builder report) {
        report.optSemanticSegmentation(result);
        report.optInfo("scored", scope);
        if (!Double.isNaN(loss)) {
            report.optInfo("loss", String.format(Locale.ROOT, "%.4f", loss));
        }
    }
}

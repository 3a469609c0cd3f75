package org.pointea.models.task.classification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pointea.eval.ClassResult;
import org.pointea.eval.ClassificationResult;
import org.pointea.eval.report.Report;
import org.pointea.models.task.Evaluation;

/**
 * Classification scores.
 *
 * @param result      OA, mAcc, per-class table and confusion matrix
 * @param loss        mean loss of the plain pass
 * @param votes       passes per shape
 * @param labels      ground truth per shape (dataset order)
 * @param predictions prediction per shape (dataset order)
 */
public record ClassificationEvaluation(ClassificationResult result, double loss, int votes, int[] labels,
                                       int[] predictions) implements Evaluation {
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("acc", result.oa());
        m.put("macc", result.macc());
        return m;
    }

    @Override
    public JsonNode details() {
        try {
            return new ObjectMapper().readTree(result.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the classification result's JSON does not parse", e);
        }
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "OA              %.2f%%%n", 100 * result.oa()));
        sb.append(String.format(Locale.ROOT, "mAcc            %.2f%%%n", 100 * result.macc()));
        sb.append(String.format(Locale.ROOT, "loss            %.4f%n", loss));
        for (ClassResult cr : result.perClass()) {
            sb.append(String.format(Locale.ROOT, "  %-13s %6.2f%%  (%d)%n", cr.label(), 100 * cr.accuracy(),
                    cr.support()));
        }
        return sb.toString();
    }

    @Override
    public void addTo(Report.Builder report) {
        report.optClassification(result);
        report.optInfo("loss", String.format(Locale.ROOT, "%.4f", loss));
    }
}

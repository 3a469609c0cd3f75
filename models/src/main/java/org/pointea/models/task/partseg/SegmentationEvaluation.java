package org.pointea.models.task.partseg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pointea.eval.CategoryResult;
import org.pointea.eval.PartSegmentationResult;
import org.pointea.eval.report.Report;
import org.pointea.eval.report.SegmentedShape;
import org.pointea.models.task.Evaluation;

/**
 * Part-segmentation scores.
 *
 * @param result the ShapeNet-part scores (instance and class mIoU, per category)
 * @param loss   mean loss of the plain pass, over points
 * @param votes  passes per shape
 * @param shapes a few segmented shapes for a report
 */
public record SegmentationEvaluation(PartSegmentationResult result, double loss, int votes,
                                     List<SegmentedShape> shapes) implements Evaluation {
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", loss);
        m.put("acc", result.pointAccuracy());
        m.put("instance_miou", result.instanceMiou());
        m.put("class_miou", result.classMiou());
        return m;
    }

    @Override
    public JsonNode details() {
        try {
            return new ObjectMapper().readTree(result.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the part-segmentation result's JSON does not parse", e);
        }
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "instance mIoU   %.2f%%%n", 100 * result.instanceMiou()));
        sb.append(String.format(Locale.ROOT, "class mIoU      %.2f%%%n", 100 * result.classMiou()));
        sb.append(String.format(Locale.ROOT, "point accuracy  %.2f%%%n", 100 * result.pointAccuracy()));
        for (CategoryResult cr : result.perCategory()) {
            if (cr.shapes() > 0) {
                sb.append(String.format(Locale.ROOT, "  %-13s %6.2f%%  (%d)%n", cr.name(), 100 * cr.miou(),
                        cr.shapes()));
            }
        }
        return sb.toString();
    }

    @Override
    public void addTo(Report.Builder report) {
        report.optPartSegmentation(result);
        report.optShapes(shapes);
        report.optInfo("loss", String.format(Locale.ROOT, "%.4f", loss));
    }
}

package org.pointea.models.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.pointea.eval.report.Report;

/** A model's scores on a dataset split, as its task computes and reports them. */
public interface Evaluation {

    /** Mean loss of the first (plain) pass. */
    double loss();

    /** Passes per shape. */
    int votes();

    /**
     * The headline numbers by metric name, without prefix ({@code loss}, {@code acc},
     * {@code macc}; {@code instance_miou}, {@code class_miou}; ...): what {@code metrics.jsonl}
     * records with a {@code val_} prefix.
     */
    Map<String, Double> metrics();

    /** The detailed scores (per class or per category) as JSON, for {@code --json} output. */
    JsonNode details();

    /** A few lines for a terminal, e.g. {@code OA 97.5 %  mAcc 97.1 %}. */
    String summary();

    /** Adds the scores, tables and figures to a report. */
    void addTo(Report.Builder report);
}

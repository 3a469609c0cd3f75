package org.pointea.models.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of a finished epoch, as written to {@code metrics.jsonl}.
 *
 * @param epoch      the epoch, 1-based (as in {@code metrics.jsonl})
 * @param metrics    {@code train_loss}, {@code train_acc}, {@code lr}, {@code val_*}, {@code time_s},
 *                   {@code samples_per_s}...
 * @param improved   whether this epoch became the best one
 * @param bestEpoch  the best epoch so far (1-based)
 * @param bestValue  its selection metric
 * @param selectedOn the selection metric's name
 */
public record EpochSummary(int epoch, Map<String, Double> metrics, boolean improved, int bestEpoch,
                           double bestValue, String selectedOn) {

    /** Copies the metrics. */
    public EpochSummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** One metric, or NaN. */
    public double get(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}

package org.pointea.models.trainer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.pointea.models.store.ModelDirectory;

/**
 * Writes {@code best/} (weights, no optimizer state, and which epoch on which metric with the
 * epoch's metrics and the run's configuration) whenever an epoch's selection metric is at least
 * as good as the best so far.
 */
final class BestModelKeeper {
    private final TrainingSession session;

    BestModelKeeper(TrainingSession session) {
        this.session = session;
    }

    void onEpochEnd(EpochSummary summary) throws IOException {
        if (!summary.improved()) {
            return;
        }
        TrainerConfig cfg = session.config();
        ObjectNode best = JsonNodeFactory.instance.objectNode();
        best.put("epoch", summary.epoch());
        best.put("selected_on", summary.selectedOn());
        best.put("value", summary.bestValue());
        ObjectNode metrics = best.putObject("metrics");
        summary.metrics().forEach(metrics::put);
        best.set("config", cfg.toJson());
        ModelDirectory.write(session.run().resolve(Trainer.BEST), cfg.spec(), session.network().parameters(), null,
                best, session.observer());
        session.listener().onCheckpoint(Trainer.BEST, session.run().resolve(Trainer.BEST), summary.epoch(), 0);
    }
}

package org.pointea.models.trainer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.pointea.models.store.ModelDirectory;

/**
 * Writes the checkpoint {@code last/}: weights, running statistics, optimizer state and the
 * {@link TrainerState} with the run's configuration, at the end of every epoch and every
 * {@link TrainerConfig#checkpointEvery()} steps within one.
 */
final class CheckpointWriter {
    private final TrainingSession session;

    CheckpointWriter(TrainingSession session) {
        this.session = session;
    }

    /** After batch {@code done} of {@code batches} of epoch {@code epoch}: a mid-epoch checkpoint when due. */
    void onBatch(int epoch, int done, int batches) throws IOException {
        int every = session.config().checkpointEvery();
        if (every > 0 && session.state().globalStep() % every == 0 && done < batches) {
            save();
            session.listener().onCheckpoint(Trainer.LAST, session.run().resolve(Trainer.LAST), epoch, done);
        }
    }

    void onEpochEnd(EpochSummary summary) throws IOException {
        save();
        session.listener().onCheckpoint(Trainer.LAST, session.run().resolve(Trainer.LAST), summary.epoch(), 0);
    }

    private void save() throws IOException {
        ObjectNode training = JsonNodeFactory.instance.objectNode();
        training.set("state", session.state().toJson());
        training.set("config", session.config().toJson());
        ModelDirectory.write(session.run().resolve(Trainer.LAST), session.config().spec(),
                session.network().parameters(), session.optimizer(), training, session.observer());
    }
}

package org.pointea.models.trainer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.pointea.models.store.ModelFormatException;

/**
 * Where a run stands, as a checkpoint stores it ({@code training.state} of {@code last/model.json},
 * mapped field by field by Jackson): the epoch and the next batch in it, the global step, the
 * epoch's running loss / accuracy sums, the best epoch and value so far, and the length of
 * {@code metrics.jsonl} the checkpoint has seen. Everything else a resumed run needs is a function
 * of the seed and these positions. Immutable: the trainer moves from one state to the next.
 *
 * @param epoch        the epoch being trained (0-based)
 * @param batch        the next batch of that epoch
 * @param globalStep   steps taken over the run
 * @param epochLossSum sum of the epoch's batch losses so far
 * @param epochBatches batches of the epoch so far
 * @param epochCorrect correctly predicted output rows of the epoch so far
 * @param epochCount   output rows of the epoch so far
 * @param epochSamples clouds of the epoch so far
 * @param epochSeconds training seconds of the epoch so far (over every process of the run)
 * @param bestEpoch    the best epoch so far (1-based; 0 before the first)
 * @param bestValue    its selection metric, null before the first epoch
 * @param metricsBytes the length of {@code metrics.jsonl} when this state was reached
 */
public record TrainerState(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("batch") int batch,
        @JsonProperty("global_step") long globalStep,
        @JsonProperty("epoch_loss_sum") double epochLossSum,
        @JsonProperty("epoch_batches") long epochBatches,
        @JsonProperty("epoch_correct") long epochCorrect,
        @JsonProperty("epoch_count") long epochCount,
        @JsonProperty("epoch_samples") long epochSamples,
        @JsonProperty("epoch_seconds") double epochSeconds,
        @JsonProperty("best_epoch") int bestEpoch,
        @JsonProperty("best_value") Double bestValue,
        @JsonProperty("metrics_bytes") long metricsBytes) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The state of a run that has not taken a step. */
    public static TrainerState start() {
        return new TrainerState(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
    }

    /** The best value as a number ({@code -∞} before the first epoch). */
    public double best() {
        return bestValue == null ? Double.NEGATIVE_INFINITY : bestValue;
    }

    /**
     * After a training step.
     *
     * @param nextBatch     the batch that comes next in the epoch
     * @param step          the global step just taken (0-based)
     * @param loss          its loss
     * @param correct       its correctly predicted rows
     * @param count         its rows
     * @param samples       its clouds
     * @param seconds       the epoch's training seconds so far
     */
    public TrainerState afterStep(int nextBatch, long step, double loss, long correct, long count, long samples,
                                  double seconds) {
        return new TrainerState(epoch, nextBatch, step + 1, epochLossSum + loss, epochBatches + 1,
                epochCorrect + correct, epochCount + count, epochSamples + samples, seconds, bestEpoch, bestValue,
                metricsBytes);
    }

    /** The start of the next epoch, the best epoch updated if {@code improved}. */
    public TrainerState nextEpoch(boolean improved, double value) {
        return new TrainerState(epoch + 1, 0, globalStep, 0, 0, 0, 0, 0, 0, improved ? epoch + 1 : bestEpoch,
                improved ? Double.valueOf(value) : bestValue, metricsBytes);
    }

    /** A copy recording the length of {@code metrics.jsonl}. */
    public TrainerState withMetricsBytes(long bytes) {
        return new TrainerState(epoch, batch, globalStep, epochLossSum, epochBatches, epochCorrect, epochCount,
                epochSamples, epochSeconds, bestEpoch, bestValue, bytes);
    }

    /** Mean training loss of the epoch so far (NaN before its first batch). */
    public double epochLoss() {
        return epochBatches == 0 ? Double.NaN : epochLossSum / epochBatches;
    }

    /** Training accuracy of the epoch so far (NaN before its first batch). */
    public double epochAccuracy() {
        return epochCount == 0 ? Double.NaN : (double) epochCorrect / epochCount;
    }

    /** This state as JSON. */
    public ObjectNode toJson() {
        return MAPPER.valueToTree(this);
    }

    /**
     * Reads a state written by {@link #toJson()}.
     *
     * @param node the JSON object
     * @param file where it came from (for messages)
     * @throws ModelFormatException when it is missing or a field is missing or invalid
     */
    public static TrainerState fromJson(JsonNode node, Path file) throws ModelFormatException {
        if (node == null || !node.isObject()) {
            throw new ModelFormatException(file, "no trainer state (training.state)");
        }
        try {
            return MAPPER.treeToValue(node, TrainerState.class);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file, "trainer state: " + e.getOriginalMessage());
        }
    }
}

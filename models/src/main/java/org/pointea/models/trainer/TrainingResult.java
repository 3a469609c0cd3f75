package org.pointea.models.trainer;

import java.nio.file.Path;

/**
 * What a finished run produced.
 *
 * @param run              the run directory
 * @param bestModel        the model directory of the selected epoch ({@code run/best})
 * @param lastModel        the checkpoint of the last epoch ({@code run/last})
 * @param epochs           epochs trained in total
 * @param bestEpoch        the selected epoch (1-based)
 * @param selectedOn       the selection metric ({@code val_acc}, {@code val_instance_miou}, or
 *                         {@code epoch} without validation)
 * @param bestValue        its value
 * @param last             the last epoch's metrics
 * @param seconds          wall time of this process's part of the run
 * @param samplesPerSecond training shapes per second over this process's part
 */
public record TrainingResult(Path run, Path bestModel, Path lastModel, int epochs, int bestEpoch,
                             String selectedOn, double bestValue, EpochSummary last, double seconds,
                             double samplesPerSecond) {
}

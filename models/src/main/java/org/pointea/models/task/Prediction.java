package org.pointea.models.task;

/**
 * What a predictor returns for one cloud; each {@link ModelTask} has its own type
 * ({@code Classification}, {@code PartSegmentation}).
 *
 * <pre>{@code
 * Prediction p = predictor.predict(cloud, category);
 * if (p instanceof Classification c) { ... } else if (p instanceof PartSegmentation s) { ... }
 * }</pre>
 */
public interface Prediction {

    /** The id of the task of the model that made this prediction. */
    String task();

    /** One line for a terminal, e.g. {@code chair (93.1%)} or {@code Chair, 2048 points, 4 parts}. */
    String summary();

    /**
     * A label for every input point (segmentation tasks; {@code -1} where a point could not be
     * labelled), or null for a per-cloud answer. A copy.
     */
    default int[] pointLabels() {
        return null;
    }
}

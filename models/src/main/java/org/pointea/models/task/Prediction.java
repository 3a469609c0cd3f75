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
}

package org.pointea.models.inference;

import org.pointea.io.dataset.Task;

/**
 * What a {@link Predictor} returns for one cloud: a {@link Classification} or a
 * {@link PartSegmentation}, depending on the model's task.
 *
 * <pre>{@code
 * Prediction p = predictor.predict(cloud, category);
 * if (p instanceof Classification c) { ... } else if (p instanceof PartSegmentation s) { ... }
 * }</pre>
 */
public sealed interface Prediction permits Classification, PartSegmentation {

    /** The task of the model that made this prediction. */
    Task task();
}

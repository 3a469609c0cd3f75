package org.pointea.models.task.classification;

import java.util.Locale;
import java.util.Objects;

/**
 * One class and its softmax probability.
 *
 * @param index       the class index (the network's output column)
 * @param name        the class name saved with the model
 * @param probability the softmax probability, in [0, 1]
 */
public record ClassScore(int index, String name, double probability) {

    /** Validates. */
    public ClassScore {
        Objects.requireNonNull(name, "name");
        if (index < 0) {
            throw new IllegalArgumentException("class index must be >= 0, got " + index);
        }
    }

    /** {@code name (index) 0.9312}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d) %.4f", name, index, probability);
    }
}

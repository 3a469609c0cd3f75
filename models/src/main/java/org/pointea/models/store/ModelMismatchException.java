package org.pointea.models.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A model directory was saved for another configuration than the one asked for (architecture,
 * mixer, classes, points, preprocessing, or training settings on resume); the message lists each
 * difference as {@code field: saved vs requested}.
 */
public final class ModelMismatchException extends ModelFormatException {
    private static final long serialVersionUID = 1L;

    private final List<String> differences;

    /**
     * Creates the exception.
     *
     * @param dir         the model directory
     * @param what        what was compared, e.g. {@code "model configuration"}
     * @param differences one {@code field: saved vs requested} entry per difference
     */
    public ModelMismatchException(Path dir, String what, List<String> differences) {
        super(dir, what + " differs from the one saved (saved vs requested): " + String.join("; ", differences));
        this.differences = List.copyOf(differences);
    }

    /** One {@code field: saved vs requested} entry per difference. */
    public List<String> differences() {
        return differences;
    }
}

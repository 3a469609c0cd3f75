package org.pointea.models.store;

import java.io.IOException;
import java.nio.file.Path;
import org.pointea.io.Printable;

/**
 * A model directory or one of its files cannot be read: missing, damaged, of another format
 * version, or not fitting the network it should fill. The message names the file.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file    the file or directory concerned
     * @param message what is wrong with it
     */
    public ModelFormatException(Path file, String message) {
        super(Printable.escape(file + ": " + message));
        this.file = file;
    }

    /** The file or directory concerned. */
    public Path file() {
        return file;
    }
}

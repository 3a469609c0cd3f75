package org.pointea.io.dataset.scene;

import java.nio.file.Path;
import java.util.List;

/**
 * One scene of a split: its id and the files it is read from.
 *
 * @param id the scene's id: {@code Area_5/office_1} for S3DIS, the list entry for labelled scans
 * @param files the files read (for the cache's fingerprint), in a fixed order
 */
public record SceneEntry(String id, List<Path> files) {
    /** Copies the list. */
    public SceneEntry {
        files = List.copyOf(files);
    }
}

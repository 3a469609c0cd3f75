package org.pointea.io.dataset.synthetic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.pointea.io.dataset.scene.SceneLayout;

/**
 * What {@link SyntheticIndoorScenes#write} produced.
 *
 * @param root the dataset folder written
 * @param layout the layout written
 * @param scenes number of rooms
 * @param points number of points in all rooms
 * @param bytes total size of the files written
 * @param elapsed time taken
 */
public record SceneSynthesisReport(Path root, SceneLayout layout, int scenes, long points, long bytes,
        Duration elapsed) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d rooms, %,d points (%s, %.1f MB) in %.2f s at %s", scenes, points,
                layout.name(), bytes / 1e6, elapsed.toNanos() / 1e9, root);
    }
}

package org.pointea.io.dataset.scene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.pointea.io.PointCloudFormatException;

/**
 * Keeps the paths named in a dataset's list files inside the dataset's folder: a list entry that
 * is absolute, or whose {@code ..} or symbolic links lead out of the folder, is refused with the
 * list's file and line.
 */
final class ScenePaths {
    private ScenePaths() {
    }

    /**
     * Resolves a list entry against the dataset folder.
     *
     * @param root the dataset folder
     * @param entry the entry as written in the list
     * @param list the list file, for the message
     * @param line the entry's line, for the message
     * @return the path, inside the folder
     * @throws PointCloudFormatException when the entry leaves the folder or is not a path
     */
    static Path resolveInside(Path root, String entry, Path list, int line) throws IOException {
        Path rel;
        try {
            rel = Path.of(entry.replace('\\', '/'));
        } catch (InvalidPathException e) {
            throw new PointCloudFormatException(list.toString(), line, -1, "'" + entry + "' is not a path");
        }
        if (rel.isAbsolute() || entry.startsWith("/") || entry.startsWith("\\")) {
            throw new PointCloudFormatException(list.toString(), line, -1, "'" + entry
                    + "' is absolute; list paths relative to the dataset folder " + root);
        }
        Path base = root.toAbsolutePath().normalize();
        Path p = base.resolve(rel).normalize();
        if (!p.startsWith(base)) {
            throw new PointCloudFormatException(list.toString(), line, -1, "'" + entry + "' leaves the dataset folder "
                    + root);
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            Path real = p.toRealPath();
            if (!real.startsWith(base.toRealPath())) {
                throw new PointCloudFormatException(list.toString(), line, -1, "'" + entry + "' leads out of the dataset"
                        + " folder " + root + " (to " + real + ")");
            }
        }
        return p;
    }
}

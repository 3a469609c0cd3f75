package org.pointea.io.dataset.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetNotFoundException;

/**
 * Collects the files a split needs but the folder lacks, then fails once naming a few of them and
 * the archive to unpack again.
 */
final class MissingFiles {
  private static final int SHOWN = 5;

  private final DatasetLayout layout;
  private final Path root;
  private final List<String> problems = new ArrayList<>();
  private final List<Path> missing = new ArrayList<>();
  private int total;

  MissingFiles(DatasetLayout layout, Path root) {
    this.layout = layout;
    this.root = root;
  }

  /**
   * Records {@code file} as missing unless it is a regular file.
   *
   * @param file the file
   * @param context where it was referenced, e.g. {@code "listed in modelnet40_train.txt, line 3"}
   * @return true when the file exists
   */
  boolean check(Path file, String context) {
    if (Files.isRegularFile(file)) {
      return true;
    }
    add(file, context);
    return false;
  }

  /** Records a missing file. */
  void add(Path file, String context) {
    total++;
    if (problems.size() < SHOWN) {
      Path shown = file.startsWith(root) ? root.relativize(file) : file;
      problems.add(shown + (context == null ? "" : " (" + context + ")"));
      missing.add(file);
    }
  }

  /** Throws when anything was recorded. */
  void throwIfAny() throws DatasetNotFoundException {
    if (total > 0) {
      throw DatasetNotFoundException.incomplete(layout, root, problems, missing, total);
    }
  }

  /**
   * Fails at once unless {@code file} is a regular file.
   *
   * @param layout the layout
   * @param root its folder
   * @param file the needed file
   * @param context why it is needed
   * @throws DatasetNotFoundException when it is missing
   */
  static void require(DatasetLayout layout, Path root, Path file, String context)
      throws DatasetNotFoundException {
    MissingFiles m = new MissingFiles(layout, root);
    m.check(file, context);
    m.throwIfAny();
  }
}

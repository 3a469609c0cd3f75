package org.pointea.tools.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pointea.models.trainer.Trainer;

/**
 * Undoes what a training run that failed before its first checkpoint left behind
 * ({@code run.json}, {@code metrics.jsonl}, the folder when this command created it), so that the
 * same command can simply be run again: before this, the leftover {@code run.json} made it say
 * "already holds a training run", and {@code --resume} then refused the settings that had failed.
 * A run with a checkpoint in {@code last/} is kept: it can be resumed.
 */
final class FailedStart {
  private FailedStart() {}

  /**
   * Cleans a run folder after a failed start.
   *
   * @param run the run folder
   * @param existed whether the folder existed before the command ran
   * @return true when something was removed
   */
  static boolean clean(Path run, boolean existed) {
    if (Files.exists(run.resolve(Trainer.LAST))) {
      return false;
    }
    boolean removed = false;
    try {
      removed |= Files.deleteIfExists(run.resolve(Trainer.RUN_FILE));
      removed |= Files.deleteIfExists(run.resolve(Trainer.METRICS_FILE));
      if (!existed && Files.isDirectory(run) && isEmpty(run)) {
        Files.delete(run);
        removed = true;
      }
    } catch (IOException e) {
      // best effort: the original failure is what the user must see
    }
    return removed;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }
}

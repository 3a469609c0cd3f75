package org.pointea.io.dataset;

/**
 * Receives the progress of {@link CachedDataset#prepare(DatasetProgress)} or of a synthetic
 * dataset's generation: a stage name and how many of its items are done.
 *
 * <p>Called from worker threads (serialised: never two calls at once), at most a few hundred times
 * per stage; implementations should return quickly.
 *
 * <pre>{@code
 * train.prepare((stage, done, total) -> System.err.printf("%s %d/%d%n", stage, done, total));
 * }</pre>
 */
@FunctionalInterface
public interface DatasetProgress {

  /** A listener that ignores every update. */
  DatasetProgress NONE = (stage, done, total) -> {};

  /**
   * Reports progress.
   *
   * @param stage what is being done (e.g. {@code "sampling shapes"})
   * @param done items done
   * @param total items in the stage
   */
  void update(String stage, long done, long total);
}

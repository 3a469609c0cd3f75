package org.pointea.spark.train;

import java.io.Serializable;
import org.pointea.models.trainer.TrainingListener;

/**
 * Creates the {@link TrainingListener} of each worker of a data-parallel run, on its executor
 * (progress, metrics to a monitoring system); serializable, as it travels with the task.
 */
@FunctionalInterface
public interface WorkerListeners extends Serializable {
  /** No listener. */
  WorkerListeners NONE = rank -> TrainingListener.NONE;

  /**
   * Returns the listener of worker {@code rank} (0 writes the run's files).
   *
   * @param rank the worker, 0 ≤ rank &lt; workers
   * @return its listener
   */
  TrainingListener create(int rank);
}

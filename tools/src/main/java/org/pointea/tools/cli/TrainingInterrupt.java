package org.pointea.tools.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pointea.models.trainer.EpochSummary;
import org.pointea.models.trainer.Trainer;
import org.pointea.models.trainer.TrainingListener;
import org.pointea.models.trainer.TrainingStoppedException;

/**
 * Ctrl-C (SIGINT, or SIGTERM) during {@code pointea train}: a shutdown hook asks the trainer to
 * stop ({@link Trainer#requestStop()}), waits for it to finish its step and write a checkpoint
 * (at most {@code waitSeconds}), then prints one line saying where the run was interrupted and the
 * command that continues it. The JVM then exits with 130 (128 + SIGINT), as shells expect. Wraps
 * the command's progress listener to know where the run stands.
 */
final class TrainingInterrupt implements TrainingListener, AutoCloseable {
  private final Path run;
  private final TrainingListener delegate;
  private final PrintStream err;
  private final boolean newLine;
  private final long waitSeconds;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;
  private volatile Trainer trainer;
  private volatile String where = "while preparing the data, before its first step";
  private volatile TrainingStoppedException stopped;
  private volatile boolean started;

  /**
   * Installs the hook.
   *
   * @param run the run folder
   * @param delegate the progress listener
   * @param err where the line goes
   * @param newLine whether to end a progress bar's line first
   * @param waitSeconds how long the hook waits for the checkpoint
   */
  TrainingInterrupt(Path run, TrainingListener delegate, PrintStream err, boolean newLine, long waitSeconds) {
    this.run = run;
    this.delegate = delegate;
    this.err = err;
    this.newLine = newLine;
    this.waitSeconds = waitSeconds;
    this.hook = new Thread(this::interrupted, "pointea-train-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Sets the trainer to stop. */
  void attach(Trainer t) {
    this.trainer = t;
  }

  /** The training thread is done: normally (null) or stopped by the hook. */
  void finished(TrainingStoppedException e) {
    this.stopped = e;
    finished.countDown();
  }

  private void interrupted() {
    if (finished.getCount() == 0 && stopped == null) {
      return; // the run ended on its own; the JVM is just exiting
    }
    Trainer t = trainer;
    if (t != null) {
      t.requestStop();
    }
    boolean done;
    try {
      // preparing the data has no step to finish: exit now (the dataset cache is written atomically)
      done = started && finished.await(waitSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    err.println((newLine ? "\n" : "") + "pointea train: " + message(done ? stopped : null));
    err.flush();
  }

  /** The line printed on an interrupt. */
  String message(TrainingStoppedException e) {
    String resume = "continue with: pointea train --resume " + run;
    if (e != null) {
      return String.format(Locale.ROOT, "interrupted in epoch %d at batch %d of %d; checkpoint saved at step %d; %s",
          e.epoch() + 1, e.batch(), e.batches(), e.globalStep(), resume);
    }
    if (!Trainer.isRun(run)) {
      return "interrupted " + where + "; nothing was trained: run the same command again";
    }
    boolean checkpoint = Files.isRegularFile(run.resolve(Trainer.LAST).resolve("model.json"));
    return "interrupted " + where + (checkpoint ? "; the last checkpoint is in " + run.resolve(Trainer.LAST)
        : "; no checkpoint yet, it restarts from its first step") + "; " + resume;
  }

  /** Removes the hook (the run ended or failed on its own). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it prints the line
    }
  }

  @Override
  public void onPrepare(String stage, long done, long total) {
    delegate.onPrepare(stage, done, total);
  }

  @Override
  public void onStart(RunInfo info) {
    started = true;
    where = String.format(Locale.ROOT, "at the start of epoch %d", info.startEpoch() + 1);
    delegate.onStart(info);
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int firstBatch, int batches) {
    where = String.format(Locale.ROOT, "in epoch %d of %d at batch %d of %d", epoch + 1, epochs, firstBatch,
        batches);
    delegate.onEpochStart(epoch, epochs, firstBatch, batches);
  }

  @Override
  public void onBatch(BatchProgress p) {
    where = String.format(Locale.ROOT, "in epoch %d of %d at batch %d of %d", p.epoch() + 1, p.epochs(), p.batch(),
        p.batches());
    delegate.onBatch(p);
  }

  @Override
  public void onValidationStart(int epoch, int batches) {
    where = String.format(Locale.ROOT, "while validating epoch %d", epoch + 1);
    delegate.onValidationStart(epoch, batches);
  }

  @Override
  public void onValidationBatch(int done, int total) {
    delegate.onValidationBatch(done, total);
  }

  @Override
  public void onEpochEnd(EpochSummary summary) {
    delegate.onEpochEnd(summary);
  }

  @Override
  public void onCheckpoint(String kind, Path dir, int epoch, int batch) {
    delegate.onCheckpoint(kind, dir, epoch, batch);
  }
}

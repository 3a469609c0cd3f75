package org.pointea.tools.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.pointea.io.dataset.DatasetProgress;

/**
 * Shows the progress of long steps on stderr: a progress bar (me.tongfei progressbar) per stage
 * when stderr is a terminal, otherwise one line when a stage starts and one when it ends, so logs
 * of scripts and CI stay short. Not thread-safe; the dataset code calls it serially.
 */
final class Progress implements DatasetProgress, AutoCloseable {
  private final PrintWriter err;
  private final boolean interactive;
  private String stage;
  private ProgressBar bar;
  private long start;

  Progress(PrintWriter err) {
    this(err, System.console() != null);
  }

  Progress(PrintWriter err, boolean interactive) {
    this.err = err;
    this.interactive = interactive;
  }

  @Override
  public void update(String stageName, long done, long total) {
    if (!stageName.equals(stage)) {
      finish();
      stage = stageName;
      start = System.nanoTime();
      if (interactive) {
        bar = new ProgressBarBuilder().setTaskName(stageName).setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
            .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
      } else {
        err.printf(Locale.ROOT, "%s: %d items ...%n", stageName, total);
        err.flush();
      }
    }
    if (bar != null) {
      bar.maxHint(total);
      bar.stepTo(done);
    }
  }

  private void finish() {
    if (stage == null) {
      return;
    }
    if (bar != null) {
      bar.close();
      bar = null;
    } else {
      err.printf(Locale.ROOT, "%s: done in %.1f s%n", stage, (System.nanoTime() - start) / 1e9);
      err.flush();
    }
    stage = null;
  }

  @Override
  public void close() {
    finish();
  }
}

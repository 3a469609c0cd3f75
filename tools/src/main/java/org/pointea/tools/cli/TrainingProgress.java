package org.pointea.tools.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.pointea.models.trainer.EpochSummary;
import org.pointea.models.trainer.TrainingListener;

/**
 * Training progress on stderr: a progress bar per epoch and per validation pass (me.tongfei
 * progressbar) with ETA, running loss and accuracy, samples per second and learning rate, and one
 * summary line per epoch. On a terminal the bar redraws in place; otherwise (a log file, CI) it
 * prints a plain line at most every {@code logIntervalSeconds} and when the bar ends.
 */
public final class TrainingProgress implements TrainingListener {
  private final PrintStream err;
  private final boolean terminal;
  private final int logIntervalSeconds;
  private ProgressBar bar;
  private String lastStage;
  private long lastPrepare;

  /**
   * Creates the listener.
   *
   * @param err where to print (stderr)
   * @param logIntervalSeconds seconds between plain progress lines when not on a terminal
   */
  public TrainingProgress(PrintStream err, int logIntervalSeconds) {
    this.err = err;
    this.terminal = stderrIsTerminal();
    this.logIntervalSeconds = logIntervalSeconds;
  }

  /** True when stderr is a terminal (Linux: {@code /proc/self/fd/2} is a tty). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return System.console() != null;
    }
  }

  private ProgressBar open(String task, long max, long start) {
    close();
    ProgressBarConsumer consumer = terminal
        ? new ConsoleProgressBarConsumer(err)
        : new LineConsumer(err, logIntervalSeconds * 1000L);
    bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(consumer)
        .setUpdateIntervalMillis(terminal ? 250 : 1000)
        .startsFrom(start, Duration.ZERO)
        .build();
    return bar;
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  @Override
  public void onPrepare(String stage, long done, long total) {
    long now = System.nanoTime();
    if (!stage.equals(lastStage) || done == total || now - lastPrepare > 10_000_000_000L) {
      err.printf(Locale.ROOT, "data: %s %d/%d%n", stage, done, total);
      lastStage = stage;
      lastPrepare = now;
    }
  }

  @Override
  public void onStart(RunInfo i) {
    err.printf(Locale.ROOT, "training: %,d parameters, %d epochs x %d batches (%d training, %d validation shapes),"
        + " %d engine threads%s%n", i.parameters(), i.epochs(), i.batchesPerEpoch(), i.trainSamples(),
        i.valSamples(), i.engineThreads(),
        i.resumed() ? String.format(Locale.ROOT, "; resumed at epoch %d, batch %d", i.startEpoch() + 1,
            i.startBatch()) : "");
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int firstBatch, int batches) {
    open(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs), batches, firstBatch);
  }

  @Override
  public void onBatch(BatchProgress p) {
    if (bar != null) {
      bar.stepTo(p.batch());
      bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.1f%% %.1f samples/s lr %.2g", p.loss(),
          100 * p.accuracy(), p.samplesPerSecond(), p.learningRate()));
    }
  }

  @Override
  public void onValidationStart(int epoch, int batches) {
    open("  validation", batches, 0);
  }

  @Override
  public void onValidationBatch(int done, int total) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void onEpochEnd(EpochSummary s) {
    close();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "epoch %d: train loss %.4f acc %.2f%%", s.epoch(), s.get("train_loss"),
        100 * s.get("train_acc")));
    s.metrics().forEach((k, v) -> {
      if (!k.startsWith("train_") && !k.equals("lr") && !k.equals("time_s") && !k.equals("samples_per_s")
          && !k.equals("best_epoch")) {
        boolean fraction = k.endsWith("acc") || k.endsWith("miou");
        sb.append(String.format(Locale.ROOT, fraction ? ", %s %.2f%%" : ", %s %.4f", k, fraction ? 100 * v : v));
      }
    });
    sb.append(String.format(Locale.ROOT, "; %.1f samples/s, %.0f s", s.get("samples_per_s"), s.get("time_s")));
    if (s.improved()) {
      sb.append(" (best)");
    }
    err.println(sb);
  }

  /** Prints the bar as plain lines, at most one per interval, plus the final state. */
  private static final class LineConsumer implements ProgressBarConsumer {
    private final PrintStream out;
    private final long intervalMillis;
    private long last;
    private String pending;

    LineConsumer(PrintStream out, long intervalMillis) {
      this.out = out;
      this.intervalMillis = intervalMillis;
      this.last = System.currentTimeMillis();
    }

    @Override
    public int getMaxRenderedLength() {
      return 120;
    }

    @Override
    public void accept(String rendered) {
      long now = System.currentTimeMillis();
      pending = rendered;
      if (now - last >= intervalMillis) {
        out.println(rendered.strip());
        last = now;
        pending = null;
      }
    }

    @Override
    public void close() {
      if (pending != null) {
        out.println(pending.strip());
        pending = null;
      }
      out.flush();
    }
  }
}

package org.pointea.tools.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A careful micro-benchmark runner for whole operations (milliseconds and up): warm-up runs until
 * the JIT has settled (at least {@code warmupRuns} runs and {@code warmupSeconds} seconds), then
 * {@code runs} timed runs, reporting the median and quartiles. Each run's result feeds a checksum
 * so the JIT cannot drop the work. Not thread-safe; one runner per benchmark process.
 *
 * <pre>{@code
 * BenchRunner r = new BenchRunner(5, 1.0, 7);
 * Measurement m = r.measure("fps_100k_to_1024", 1, "100k points", () -> sample(...)[1023]);
 * }</pre>
 */
public final class BenchRunner {
  private final int warmupRuns;
  private final double warmupSeconds;
  private final int runs;
  private long sink;

  /**
   * Creates a runner.
   *
   * @param warmupRuns minimum warm-up runs
   * @param warmupSeconds minimum warm-up time
   * @param runs measured runs, at least 1
   */
  public BenchRunner(int warmupRuns, double warmupSeconds, int runs) {
    if (runs < 1 || warmupRuns < 0 || !(warmupSeconds >= 0)) {
      throw new IllegalArgumentException("bad runner settings");
    }
    this.warmupRuns = warmupRuns;
    this.warmupSeconds = warmupSeconds;
    this.runs = runs;
  }

  /**
   * Warms up and times one case.
   *
   * @param name case name
   * @param threads threads the case uses
   * @param detail description of the work
   * @param body one run; returns any value derived from the result
   * @return the timings
   */
  public Measurement measure(String name, int threads, String detail, LongSupplier body) {
    long start = System.nanoTime();
    int done = 0;
    while (done < warmupRuns || (System.nanoTime() - start) < warmupSeconds * 1e9) {
      sink += body.getAsLong();
      done++;
    }
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long a = System.nanoTime();
      sink += body.getAsLong();
      t[i] = (System.nanoTime() - a) / 1e9;
    }
    Arrays.sort(t);
    return new Measurement(
        name, threads, runs, quantile(t, 0.5), quantile(t, 0.25), quantile(t, 0.75), t[0], detail);
  }

  /** Returns the accumulated checksum (printing it keeps the work observable). */
  public long sink() {
    return sink;
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}

package org.pointea.io.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.Printable;

/**
 * What every fuzz target checks about one input, so that a new target is a few lines: the reader
 * either returns or throws a {@link PointCloudFormatException} whose message is one printable line
 * naming a line or byte offset; it allocates at most {@code factor x input + 32 MiB} on its thread
 * and spends at most {@value #MAX_CPU_SECONDS} s of CPU. Anything else is thrown as an
 * {@link AssertionError} (or propagates as the reader threw it), which Jazzer records as a finding.
 *
 * <pre>{@code
 * @FuzzTest
 * @Timeout(FuzzBounds.HANG_SECONDS)
 * void las(byte[] input) {
 *   FuzzBounds.check(input, () -> LasReader.read(Input.of(input, "fuzz.las"), ReadOptions.DEFAULT));
 * }
 * }</pre>
 */
public final class FuzzBounds {
  /**
   * How long one fuzzing-mode run of a target lasts ({@code JAZZER_FUZZ=1}); a longer campaign
   * repeats runs, each continuing from the corpus the previous ones grew (docs/fuzzing.md).
   */
  public static final String CAMPAIGN_SLOT = "150s";
  /** CPU seconds one input may take before it counts as a finding. */
  public static final double MAX_CPU_SECONDS = 2.0;
  /**
   * Wall seconds after which an input counts as a hang (JUnit's timeout in regression mode,
   * libFuzzer's {@code -timeout} when fuzzing). Generous: the first input of a JVM also pays for
   * installing Jazzer's agent, which took over 20 s on a machine at load 30; slow inputs are
   * caught by the {@value #MAX_CPU_SECONDS} s CPU bound.
   */
  public static final int HANG_SECONDS = 120;
  /** Default allowance: bytes allocated per input byte (decompressing formats pass their own). */
  public static final long DEFAULT_FACTOR = 64;
  private static final long SLACK = 32L << 20;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The code under test. */
  @FunctionalInterface
  public interface Target {
    /**
     * Reads the input.
     *
     * @throws IOException a format error, or another I/O error
     */
    void run() throws IOException;
  }

  private FuzzBounds() {}

  /**
   * Runs {@code target} on {@code input} with the {@linkplain #DEFAULT_FACTOR default} allowance.
   *
   * @param input the input, for its size
   * @param target the reader call
   */
  public static void check(byte[] input, Target target) {
    check(input, DEFAULT_FACTOR, target);
  }

  /**
   * Runs {@code target} on {@code input}, allowing {@code factor} bytes of allocation per input byte.
   *
   * @param input the input, for its size
   * @param factor bytes that may be allocated per input byte (plus 32 MiB)
   * @param target the reader call
   */
  public static void check(byte[] input, long factor, Target target) {
    long[] first = measure(target);
    if (within(first, input, factor)) {
      return;
    }
    // The first call of a code path loads, verifies and instruments classes on this thread, which
    // counts as allocation; readers are deterministic, so a second run measures the input alone.
    long[] second = measure(target);
    if (second[0] > factor * input.length + SLACK) {
      throw new AssertionError("allocated " + second[0] + " bytes for a " + input.length
          + "-byte input (bound " + factor + " x input + 32 MiB)");
    }
    if (second[1] > MAX_CPU_SECONDS * 1e9) {
      throw new AssertionError("spent " + second[1] / 1e9 + " s of CPU on a " + input.length
          + "-byte input");
    }
  }

  private static boolean within(long[] m, byte[] input, long factor) {
    return m[0] <= factor * input.length + SLACK && m[1] <= MAX_CPU_SECONDS * 1e9;
  }

  /** Runs the target once: {allocated bytes, CPU nanoseconds}. */
  private static long[] measure(Target target) {
    long a0 = THREADS.getCurrentThreadAllocatedBytes();
    long c0 = THREADS.getCurrentThreadCpuTime();
    try {
      target.run();
    } catch (PointCloudFormatException e) {
      checkMessage(e);
    } catch (IOException e) {
      throw new AssertionError("an I/O error that is not a format error: " + e, e);
    }
    return new long[] {THREADS.getCurrentThreadAllocatedBytes() - a0,
        THREADS.getCurrentThreadCpuTime() - c0};
  }

  /**
   * Checks that a format error is one printable line naming a line or byte offset (issue 12, G).
   *
   * @param e the error
   */
  public static void checkMessage(PointCloudFormatException e) {
    String m = e.getMessage();
    if (!Printable.isPrintable(m)) {
      throw new AssertionError("message is not one printable line: " + Printable.escape(m), e);
    }
    if (e.line().isEmpty() && e.byteOffset().isEmpty()) {
      throw new AssertionError("message names no line or byte offset: " + m, e);
    }
  }
}

package org.pointea.io;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/** Measures what a call allocates on the calling thread (heap bytes), for bound tests. */
public final class Allocation {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocation() {}

  /**
   * Runs {@code call} and returns the bytes it allocated, whether it returned or threw.
   *
   * @param call the code
   * @return allocated bytes
   */
  public static long of(Callable<?> call) {
    long a0 = THREADS.getCurrentThreadAllocatedBytes();
    try {
      call.call();
    } catch (Exception e) {
      // the caller asserts the outcome separately
    }
    return THREADS.getCurrentThreadAllocatedBytes() - a0;
  }
}

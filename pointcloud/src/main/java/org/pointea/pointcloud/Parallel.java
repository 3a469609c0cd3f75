package org.pointea.pointcloud;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs a range of independent work items on a fixed number of threads; the module's one place
 * that decides how parallel work is spread.
 *
 * <p>Convention for every {@code threads} argument in this module: {@code 1} runs on the calling
 * thread only, {@code n > 1} uses a pool of {@code n} daemon threads (one shared pool per size,
 * created on first use), and {@code 0} or a negative value means all available processors.
 */
public final class Parallel {
  private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

  private Parallel() {}

  /** A body that processes the items {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    /**
     * Processes a contiguous range of items.
     *
     * @param from first item, inclusive
     * @param to last item, exclusive
     */
    void run(int from, int to);
  }

  /**
   * Returns the number of threads a {@code threads} argument stands for.
   *
   * @param threads the argument (0 or less: all available processors)
   * @return at least 1
   */
  public static int resolve(int threads) {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Processes the items {@code [0, count)} in contiguous chunks on up to {@code threads} threads
   * and returns when all are done. Chunks are at least {@code minChunk} items; a body's exception
   * is rethrown here.
   *
   * @param count number of items
   * @param threads thread count (see the class comment)
   * @param minChunk smallest chunk worth a task, at least 1
   * @param body the work
   */
  public static void forRange(int count, int threads, int minChunk, RangeBody body) {
    int t = resolve(threads);
    int chunk = Math.max(1, minChunk);
    if (t == 1 || count <= chunk) {
      if (count > 0) {
        body.run(0, count);
      }
      return;
    }
    // about four chunks per thread balances uneven items without much overhead
    int chunks = (int) Math.min((long) t * 4, (count + (long) chunk - 1) / chunk);
    ForkJoinPool pool = POOLS.computeIfAbsent(t, ForkJoinPool::new);
    pool.submit(
            () ->
                IntStream.range(0, chunks)
                    .parallel()
                    .forEach(
                        c -> {
                          int from = (int) ((long) count * c / chunks);
                          int to = (int) ((long) count * (c + 1) / chunks);
                          if (from < to) {
                            body.run(from, to);
                          }
                        }))
        .join();
  }
}

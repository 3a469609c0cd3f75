package org.pointea.pointcloud.neighbors;

import java.util.Arrays;

/**
 * A bounded max-heap of (squared distance, index) pairs, each packed into one {@code long}: the
 * distance's float bits in the high word (non-negative floats order like their bits) and the index
 * in the low word. Ordering the longs orders by distance and then by index, so "the k nearest,
 * ties broken by the lower index" costs one comparison per step. Static methods over a
 * caller-owned {@code long[]}; {@link #forThread(int)} lends each thread a reusable one.
 */
final class KnnHeap {
  private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[64]);

  private KnnHeap() {}

  /** Returns this thread's heap array, at least {@code k} long (grown on demand, then reused). */
  static long[] forThread(int k) {
    long[] h = SCRATCH.get();
    if (h.length < k) {
      h = new long[Math.max(k, 2 * h.length)];
      SCRATCH.set(h);
    }
    return h;
  }

  /** Packs a pair; {@code d} must be a non-negative float (or +Inf) and {@code id >= 0}. */
  static long key(float d, int id) {
    return ((long) Float.floatToRawIntBits(d) << 32) | id;
  }

  /** Returns the distance of a packed pair. */
  static float distance(long key) {
    return Float.intBitsToFloat((int) (key >>> 32));
  }

  /** Returns the index of a packed pair. */
  static int index(long key) {
    return (int) key;
  }

  /**
   * Offers a packed pair to the heap {@code h[0, size)} of capacity {@code k}; returns the new
   * size. A full heap keeps the pair only if it orders before its top (the worst kept).
   */
  static int offer(long[] h, int size, int k, long key) {
    if (size < k) {
      int i = size;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        long p = h[parent];
        if (p >= key) {
          break;
        }
        h[i] = p;
        i = parent;
      }
      h[i] = key;
      return size + 1;
    }
    if (key >= h[0]) {
      return size;
    }
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      long c = h[l];
      if (r < size && h[r] > c) {
        c = h[r];
        l = r;
      }
      if (c <= key) {
        break;
      }
      h[i] = c;
      i = l;
    }
    h[i] = key;
    return size;
  }

  /** Returns the squared distance a new candidate must not exceed: the top once full. */
  static float bound(long[] h, int size, int k, float maxD2) {
    return size == k ? Math.min(maxD2, distance(h[0])) : maxD2;
  }

  /**
   * Sorts the heap ascending and writes it to {@code idx/dist[off, off + size)}, padding
   * {@code [size, k)} with index -1 and distance +Inf.
   */
  static void drain(long[] h, int size, int k, int[] idx, float[] dist, int off) {
    drain(h, size, k, idx, dist, off, true);
  }

  /** Like {@link #drain(long[], int, int, int[], float[], int)}, sorting only when asked. */
  static void drain(long[] h, int size, int k, int[] idx, float[] dist, int off, boolean sort) {
    if (sort) {
      Arrays.sort(h, 0, size);
    }
    for (int i = 0; i < size; i++) {
      idx[off + i] = index(h[i]);
      dist[off + i] = distance(h[i]);
    }
    padEmpty(idx, dist, off, size, k);
  }

  /** Fills slots {@code [from, to)} with index -1 and distance +Inf. */
  static void padEmpty(int[] idx, float[] dist, int off, int from, int to) {
    for (int i = from; i < to; i++) {
      idx[off + i] = -1;
      dist[off + i] = Float.POSITIVE_INFINITY;
    }
  }
}

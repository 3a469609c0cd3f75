package org.pointea.pointcloud.neighbors;

/**
 * A bounded max-heap of (squared distance, index) pairs kept in caller-owned arrays at an offset,
 * ordered by distance and then by index, so "the k nearest, ties broken by the lower index" is
 * exact. Static methods only: the heap is the slice {@code [off, off + size)} of the two arrays.
 */
final class KnnHeap {
  private KnnHeap() {}

  /** Returns true when (d, id) is ordered after (d2, id2): farther, or as far with a higher id. */
  static boolean after(float d, int id, float d2, int id2) {
    return d > d2 || (d == d2 && id > id2);
  }

  /**
   * Offers a candidate; returns the new size. When the heap is full the candidate replaces the
   * top (the worst pair) only if it is ordered before it.
   */
  static int offer(int[] idx, float[] dist, int off, int size, int k, int id, float d) {
    if (size < k) {
      // sift up
      int i = size;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        float pd = dist[off + parent];
        int pid = idx[off + parent];
        if (!after(d, id, pd, pid)) {
          break;
        }
        dist[off + i] = pd;
        idx[off + i] = pid;
        i = parent;
      }
      dist[off + i] = d;
      idx[off + i] = id;
      return size + 1;
    }
    if (!after(dist[off], idx[off], d, id)) {
      return size;
    }
    siftDown(idx, dist, off, size, id, d);
    return size;
  }

  /** Replaces the top with (id, d) and restores the heap order. */
  private static void siftDown(int[] idx, float[] dist, int off, int size, int id, float d) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int c = l;
      if (r < size && after(dist[off + r], idx[off + r], dist[off + l], idx[off + l])) {
        c = r;
      }
      if (!after(dist[off + c], idx[off + c], d, id)) {
        break;
      }
      dist[off + i] = dist[off + c];
      idx[off + i] = idx[off + c];
      i = c;
    }
    dist[off + i] = d;
    idx[off + i] = id;
  }

  /** Sorts the heap slice in place into ascending (distance, index) order. */
  static void sortAscending(int[] idx, float[] dist, int off, int size) {
    for (int n = size; n > 1; n--) {
      float topD = dist[off];
      int topId = idx[off];
      float lastD = dist[off + n - 1];
      int lastId = idx[off + n - 1];
      siftDown(idx, dist, off, n - 1, lastId, lastD);
      dist[off + n - 1] = topD;
      idx[off + n - 1] = topId;
    }
  }

  /** Fills slots {@code [from, to)} with index -1 and distance +Inf. */
  static void padEmpty(int[] idx, float[] dist, int off, int from, int to) {
    for (int i = from; i < to; i++) {
      idx[off + i] = -1;
      dist[off + i] = Float.POSITIVE_INFINITY;
    }
  }
}

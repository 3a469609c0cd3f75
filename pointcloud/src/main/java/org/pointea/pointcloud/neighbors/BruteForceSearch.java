package org.pointea.pointcloud.neighbors;

import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;

/**
 * Exhaustive neighbour search: compares each query with every point. O(N) per query and no build
 * step, so it wins for small clouds (a few hundred points) and serves as the reference the
 * {@link KdTree} is tested against.
 *
 * <p>Semantics are exactly those of {@link KdTree}: squared float distances, results sorted by
 * distance then index, radius inclusive ({@code d² <= r*r}), non-finite points never returned,
 * a non-finite query finds nothing, flat outputs padded with -1 / {@code +Inf}.
 *
 * <pre>{@code
 * int found = BruteForceSearch.knn(xyz, n, qx, qy, qz, 8, idx, d2, 0);
 * }</pre>
 */
public final class BruteForceSearch {
  private BruteForceSearch() {}

  /**
   * Finds the {@code k} nearest of {@code n} packed points to one query into
   * {@code out*[offset, offset + k)}, nearest first; allocates nothing.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param x query x
   * @param y query y
   * @param z query z
   * @param k number of neighbours, at least 1
   * @param outIdx destination of indices
   * @param outDist2 destination of squared distances
   * @param offset first slot written
   * @return number found: {@code min(k, finite points)}, 0 for a non-finite query
   */
  public static int knn(
      float[] xyz, int n, float x, float y, float z, int k, int[] outIdx, float[] outDist2,
      int offset) {
    Points.checkPacked(xyz, n, "xyz");
    check(k, outIdx, outDist2, (long) offset + k);
    return knnUnchecked(xyz, n, x, y, z, k, Float.POSITIVE_INFINITY, outIdx, outDist2, offset);
  }

  /**
   * Finds the {@code k} nearest points to each of {@code m} packed queries: flat {@code [m, k]}
   * outputs.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param queries packed queries
   * @param m number of queries
   * @param k neighbours per query
   * @param outIdx destination {@code int[m * k]}
   * @param outDist2 destination {@code float[m * k]}
   * @param threads thread count ({@link Parallel})
   */
  public static void knn(
      float[] xyz, int n, float[] queries, int m, int k, int[] outIdx, float[] outDist2,
      int threads) {
    Points.checkPacked(xyz, n, "xyz");
    Points.checkPacked(queries, m, "queries");
    check(k, outIdx, outDist2, (long) m * k);
    Parallel.forRange(
        m,
        threads,
        16,
        (from, to) -> {
          for (int q = from; q < to; q++) {
            knnUnchecked(
                xyz, n, queries[3 * q], queries[3 * q + 1], queries[3 * q + 2], k,
                Float.POSITIVE_INFINITY, outIdx, outDist2, q * k);
          }
        });
  }

  /**
   * Hybrid search for one query: the at most {@code maxCount} nearest within {@code radius}
   * (inclusive), nearest first.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param x query x
   * @param y query y
   * @param z query z
   * @param radius search radius, {@code >= 0}
   * @param maxCount maximum neighbours
   * @param outIdx destination of indices
   * @param outDist2 destination of squared distances
   * @param offset first slot written
   * @return number found
   */
  public static int hybrid(
      float[] xyz, int n, float x, float y, float z, float radius, int maxCount, int[] outIdx,
      float[] outDist2, int offset) {
    Points.checkPacked(xyz, n, "xyz");
    check(maxCount, outIdx, outDist2, (long) offset + maxCount);
    checkRadius(radius);
    return knnUnchecked(xyz, n, x, y, z, maxCount, radius * radius, outIdx, outDist2, offset);
  }

  /**
   * Finds every point within {@code radius} (inclusive), sorted by distance then index, into
   * {@code out} (cleared first).
   *
   * @param xyz packed positions
   * @param n number of points
   * @param x query x
   * @param y query y
   * @param z query z
   * @param radius search radius, {@code >= 0}
   * @param out destination list
   * @return number found
   */
  public static int radius(
      float[] xyz, int n, float x, float y, float z, float radius, Neighbors out) {
    Points.checkPacked(xyz, n, "xyz");
    checkRadius(radius);
    out.clear();
    if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
      float r2 = radius * radius;
      for (int i = 0; i < n; i++) {
        float dx = xyz[3 * i] - x;
        float dy = xyz[3 * i + 1] - y;
        float dz = xyz[3 * i + 2] - z;
        float d = dx * dx + dy * dy + dz * dz;
        if (d <= r2) { // false for NaN, so non-finite points drop out
          out.add(i, d);
        }
      }
    }
    out.sortByDistance();
    return out.size();
  }

  static int knnUnchecked(
      float[] xyz, int n, float x, float y, float z, int k, float maxD2, int[] idx, float[] dist,
      int off) {
    return knnUnchecked(xyz, 0, n, x, y, z, k, maxD2, idx, dist, off);
  }

  /** The kernel over points {@code [first, first + n)} of {@code xyz}; indices are local. */
  static int knnUnchecked(
      float[] xyz, int first, int n, float x, float y, float z, int k, float maxD2, int[] idx,
      float[] dist, int off) {
    long[] heap = KnnHeap.forThread(k);
    int size = 0;
    if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
      float bound = maxD2;
      for (int i = 0; i < n; i++) {
        int o = 3 * (first + i);
        float dx = xyz[o] - x;
        float dy = xyz[o + 1] - y;
        float dz = xyz[o + 2] - z;
        float d = dx * dx + dy * dy + dz * dz;
        if (d <= bound && Points.isFinite(xyz, first + i)) {
          size = KnnHeap.offer(heap, size, k, KnnHeap.key(d, i));
          bound = KnnHeap.bound(heap, size, k, maxD2);
        }
      }
    }
    KnnHeap.drain(heap, size, k, idx, dist, off);
    return size;
  }

  private static void check(int k, int[] outIdx, float[] outDist2, long needed) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    Points.checkCapacity(outIdx.length, needed, "outIdx");
    Points.checkCapacity(outDist2.length, needed, "outDist2");
  }

  private static void checkRadius(float radius) {
    if (!(radius >= 0) || Float.isInfinite(radius)) {
      throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
    }
  }
}

package org.pointea.pointcloud.neighbors;

import java.util.Arrays;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;

/**
 * A static 3-D KD-tree over packed points for k-nearest, radius and hybrid (radius with a maximum
 * count) search, as Open3D's {@code KDTreeFlann} and SciPy's {@code cKDTree} offer.
 *
 * <p>Layout: the tree copies the points once, in tree order, into one packed array and keeps
 * their original indices alongside. Nodes are implicit (node {@code i} has children {@code 2i+1}
 * and {@code 2i+2}), each split at the median point along its cell's widest axis, and each keeps
 * the tight bounding box of its points, which prunes searches exactly. Leaves hold at most {@link
 * #DEFAULT_LEAF_SIZE} points by default (measured fastest for k from 1 to 32 on 100k points).
 * Large query batches run leaf by leaf for cache locality.
 *
 * <p>Semantics, shared with {@link BruteForceSearch} (tests check they agree exactly):
 * <ul>
 *   <li>distances are squared, computed in float as {@code dx*dx + dy*dy + dz*dz};</li>
 *   <li>results are sorted by distance, ties by the lower point index;</li>
 *   <li>radius searches include points at exactly the radius ({@code d² <= r*r}, as PCL and
 *       SciPy's {@code query_ball_point});</li>
 *   <li>points with a NaN or infinite coordinate are not indexed and never returned; a query with
 *       one finds nothing;</li>
 *   <li>when fewer than {@code k} points are found, the flat outputs are padded with index -1 and
 *       distance {@code +Inf}; the single-query methods return the count found.</li>
 * </ul>
 * A tree is immutable and safe to query from many threads at once.
 *
 * <pre>{@code
 * KdTree tree = KdTree.build(xyz, n);
 * int[] idx = new int[m * 32];
 * float[] d2 = new float[m * 32];
 * tree.knn(queries, m, 32, idx, d2, 0);   // all cores
 * }</pre>
 */
public final class KdTree {
  /** Default maximum number of points in a leaf. */
  public static final int DEFAULT_LEAF_SIZE = 32;

  private final int size;
  private final int count;
  private final int leafSize;
  private final float[] pts;
  private final int[] ids;
  private final byte[] splitAxis;
  private final float[] splitValue;
  /** Tight bounding box of every node's points, {@code minX, minY, minZ, maxX, maxY, maxZ}. */
  private final float[] box;
  /** Tree slot of each original index (-1: not indexed), built on first use by a hinted search. */
  private volatile int[] slots;

  /** Builds over points {@code [first, first + n)} of {@code xyz}; indices are local. */
  KdTree(float[] xyz, int first, int n, int leafSize) {
    this(xyz, first, n, leafSize, 1);
  }

  /** Builds over points {@code [first, first + n)} on {@code threads} threads. */
  private KdTree(float[] xyz, int first, int n, int leafSize, int threads) {
    this.size = n;
    this.leafSize = leafSize;
    int finite = 0;
    for (int i = 0; i < n; i++) {
      if (Points.isFinite(xyz, first + i)) {
        finite++;
      }
    }
    this.count = finite;
    this.pts = new float[3 * finite];
    this.ids = new int[finite];
    for (int i = 0, j = 0; i < n; i++) {
      int o = 3 * (first + i);
      if (Points.isFinite(xyz, first + i)) {
        pts[3 * j] = xyz[o];
        pts[3 * j + 1] = xyz[o + 1];
        pts[3 * j + 2] = xyz[o + 2];
        ids[j++] = i;
      }
    }
    int levels = levels(finite, leafSize);
    this.splitAxis = new byte[(1 << levels) - 1];
    this.splitValue = new float[(1 << levels) - 1];
    this.box = new float[6 * ((2 << levels) - 1)];
    if (finite > 0) {
      buildParallel(finite, Parallel.resolve(threads));
    }
  }

  /**
   * Builds a tree over the first {@code n} packed points (copied; the array is not kept).
   *
   * @param xyz packed positions
   * @param n number of points
   * @return the tree
   */
  public static KdTree build(float[] xyz, int n) {
    return build(xyz, n, DEFAULT_LEAF_SIZE);
  }

  /**
   * Builds a tree with a given leaf size.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param leafSize maximum points per leaf, at least 1
   * @return the tree
   */
  public static KdTree build(float[] xyz, int n, int leafSize) {
    Points.checkPacked(xyz, n, "xyz");
    if (leafSize < 1) {
      throw new IllegalArgumentException("leafSize must be >= 1, got " + leafSize);
    }
    return new KdTree(xyz, 0, n, leafSize);
  }

  /**
   * Builds a tree on {@code threads} threads: the top levels are split on the calling thread, then
   * the subtrees are built in parallel. The tree is identical to the sequential one.
   *
   * @param xyz packed positions
   * @param n number of points
   * @param leafSize maximum points per leaf, at least 1
   * @param threads thread count ({@link Parallel}: 0 = all processors)
   * @return the tree
   */
  public static KdTree build(float[] xyz, int n, int leafSize, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    if (leafSize < 1) {
      throw new IllegalArgumentException("leafSize must be >= 1, got " + leafSize);
    }
    return new KdTree(xyz, 0, n, leafSize, threads);
  }

  /** Returns the number of points the tree was built over (indices are in {@code [0, size())}). */
  public int size() {
    return size;
  }

  /** Returns the number of finite points indexed (at most {@link #size()}). */
  public int indexedCount() {
    return count;
  }

  // ---------------------------------------------------------------------------------- build

  /** Returns the number of levels of internal nodes: ranges halve per level. */
  private static int levels(int n, int leafSize) {
    int levels = 0;
    long largest = n;
    while (largest > leafSize) {
      largest = (largest + 1) / 2;
      levels++;
    }
    return levels;
  }

  /** Below this many points a subtree is not worth a task of its own. */
  private static final int PARALLEL_BUILD_MIN = 1 << 14;

  /*
   * Build: box[node] holds the node's cell (its parent's cell cut at the split) on entry; the
   * split axis is the cell's widest, the split value the median point on it; once the children
   * are built box[node] becomes the union of their tight boxes. Leaves get the tight box of their
   * points. So every point is scanned for a box once, at its leaf.
   */

  private void buildParallel(int finite, int threads) {
    computeBox(0, 0, finite); // the root's cell: the tight box of all points
    if (threads == 1 || finite < 2 * PARALLEL_BUILD_MIN) {
      build(0, 0, finite);
      return;
    }
    // split the top levels here until there are about 4 subtrees per thread, then fan out
    java.util.List<int[]> pending = new java.util.ArrayList<>();
    java.util.List<Integer> splitNodes = new java.util.ArrayList<>();
    java.util.ArrayDeque<int[]> queue = new java.util.ArrayDeque<>();
    queue.add(new int[] {0, 0, finite});
    while (!queue.isEmpty()) {
      int[] t = queue.poll();
      if (queue.size() + pending.size() + 1 >= 4 * threads || t[2] - t[1] < 2 * PARALLEL_BUILD_MIN
          || t[2] - t[1] <= leafSize) {
        pending.add(t);
        continue;
      }
      int mid = split(t[0], t[1], t[2]);
      splitNodes.add(t[0]);
      queue.add(new int[] {2 * t[0] + 1, t[1], mid});
      queue.add(new int[] {2 * t[0] + 2, mid, t[2]});
    }
    Parallel.forRange(pending.size(), threads, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        int[] t = pending.get(i);
        build(t[0], t[1], t[2]);
      }
    });
    for (int i = splitNodes.size() - 1; i >= 0; i--) {
      unionChildren(splitNodes.get(i));
    }
  }

  private void build(int node, int lo, int hi) {
    if (hi - lo <= leafSize) {
      computeBox(node, lo, hi);
      return;
    }
    int mid = split(node, lo, hi);
    build(2 * node + 1, lo, mid);
    build(2 * node + 2, mid, hi);
    unionChildren(node);
  }

  /** Splits the node's range at the median of its cell's widest axis and sets the children's cells; returns mid. */
  private int split(int node, int lo, int hi) {
    int b = 6 * node;
    float ex = box[b + 3] - box[b], ey = box[b + 4] - box[b + 1], ez = box[b + 5] - box[b + 2];
    int axis = ex >= ey ? (ex >= ez ? 0 : 2) : (ey >= ez ? 1 : 2);
    int mid = (lo + hi) >>> 1;
    select(lo, hi - 1, mid, axis);
    float value = pts[3 * mid + axis];
    splitAxis[node] = (byte) axis;
    splitValue[node] = value;
    int l = 6 * (2 * node + 1);
    int r = 6 * (2 * node + 2);
    System.arraycopy(box, b, box, l, 6);
    System.arraycopy(box, b, box, r, 6);
    box[l + 3 + axis] = value;
    box[r + axis] = value;
    return mid;
  }

  /** Sets the node's box to the union of its children's tight boxes. */
  private void unionChildren(int node) {
    int b = 6 * node;
    int l = 6 * (2 * node + 1);
    int r = 6 * (2 * node + 2);
    for (int a = 0; a < 3; a++) {
      box[b + a] = Math.min(box[l + a], box[r + a]);
      box[b + 3 + a] = Math.max(box[l + 3 + a], box[r + 3 + a]);
    }
  }

  /** Stores the tight box of slots {@code [lo, hi)} for {@code node}. */
  private void computeBox(int node, int lo, int hi) {
    float minX = Float.POSITIVE_INFINITY, minY = minX, minZ = minX;
    float maxX = Float.NEGATIVE_INFINITY, maxY = maxX, maxZ = maxX;
    for (int i = lo; i < hi; i++) {
      float x = pts[3 * i], y = pts[3 * i + 1], z = pts[3 * i + 2];
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      minZ = Math.min(minZ, z);
      maxZ = Math.max(maxZ, z);
    }
    int b = 6 * node;
    box[b] = minX;
    box[b + 1] = minY;
    box[b + 2] = minZ;
    box[b + 3] = maxX;
    box[b + 4] = maxY;
    box[b + 5] = maxZ;
  }

  /**
   * Returns the squared distance from (x, y, z) to the box of {@code node}, computed like a point
   * distance ({@code gx*gx + gy*gy + gz*gz} in float, same order): each gap is at most the matching
   * coordinate difference of any point in the box and float rounding is monotonic, so it never
   * exceeds the computed distance of such a point and pruning on it is exact, ties included.
   */
  private float boxDistance2(int node, float x, float y, float z) {
    int b = 6 * node;
    float gx = Math.max(0f, Math.max(box[b] - x, x - box[b + 3]));
    float gy = Math.max(0f, Math.max(box[b + 1] - y, y - box[b + 4]));
    float gz = Math.max(0f, Math.max(box[b + 2] - z, z - box[b + 5]));
    return gx * gx + gy * gy + gz * gz;
  }

  /** Quickselect: afterwards {@code [lo, k)} is {@code <=} point k and {@code (k, hi]} is {@code >=} on the axis. */
  private void select(int lo, int hi, int k, int axis) {
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // median of three as pivot
      float a = pts[3 * lo + axis], b = pts[3 * mid + axis], c = pts[3 * hi + axis];
      float pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
      int i = lo, j = hi;
      while (i <= j) {
        while (pts[3 * i + axis] < pivot) {
          i++;
        }
        while (pts[3 * j + axis] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private void swap(int i, int j) {
    float t;
    t = pts[3 * i];
    pts[3 * i] = pts[3 * j];
    pts[3 * j] = t;
    t = pts[3 * i + 1];
    pts[3 * i + 1] = pts[3 * j + 1];
    pts[3 * j + 1] = t;
    t = pts[3 * i + 2];
    pts[3 * i + 2] = pts[3 * j + 2];
    pts[3 * j + 2] = t;
    int u = ids[i];
    ids[i] = ids[j];
    ids[j] = u;
  }

  // ------------------------------------------------------------------------------------ kNN

  /**
   * Finds the {@code k} nearest points to one query and writes them, nearest first, to
   * {@code outIdx[offset, offset + k)} and {@code outDist2[offset, offset + k)}; slots past the
   * count found hold -1 and {@code +Inf}. Allocates nothing.
   *
   * @param x query x
   * @param y query y
   * @param z query z
   * @param k number of neighbours, at least 1
   * @param outIdx destination of point indices
   * @param outDist2 destination of squared distances
   * @param offset first slot written
   * @return number of neighbours found: {@code min(k, indexedCount())}, 0 for a non-finite query
   */
  public int knn(float x, float y, float z, int k, int[] outIdx, float[] outDist2, int offset) {
    checkK(k);
    Points.checkCapacity(outIdx.length, (long) offset + k, "outIdx");
    Points.checkCapacity(outDist2.length, (long) offset + k, "outDist2");
    return knnUnchecked(x, y, z, k, Float.POSITIVE_INFINITY, outIdx, outDist2, offset);
  }

  /**
   * Finds the {@code k} nearest points to each of {@code m} packed queries; results are flat
   * {@code [m, k]}, nearest first, padded with -1 / {@code +Inf} when fewer exist.
   *
   * @param queries packed query positions
   * @param m number of queries
   * @param k neighbours per query, at least 1
   * @param outIdx destination {@code int[m * k]}
   * @param outDist2 destination {@code float[m * k]}
   * @param threads thread count ({@link Parallel}: 0 = all processors, 1 = calling thread)
   */
  public void knn(float[] queries, int m, int k, int[] outIdx, float[] outDist2, int threads) {
    checkBatch(queries, m, k, outIdx, outDist2);
    int[] order = spatialOrder(queries, m);
    Parallel.forRange(
        m,
        threads,
        64,
        (from, to) -> {
          for (int j = from; j < to; j++) {
            int q = order == null ? j : order[j];
            knnUnchecked(
                queries[3 * q], queries[3 * q + 1], queries[3 * q + 2],
                k, Float.POSITIVE_INFINITY, outIdx, outDist2, q * k);
          }
        });
  }

  /**
   * Hybrid search for one query: the at most {@code maxCount} nearest points within
   * {@code radius} (inclusive), nearest first, as Open3D's {@code SearchHybrid}. Slots past the
   * count found hold -1 and {@code +Inf}.
   *
   * @param x query x
   * @param y query y
   * @param z query z
   * @param radius search radius, {@code >= 0}
   * @param maxCount maximum neighbours, at least 1
   * @param outIdx destination of point indices
   * @param outDist2 destination of squared distances
   * @param offset first slot written
   * @return number of neighbours found
   */
  public int hybrid(
      float x, float y, float z, float radius, int maxCount, int[] outIdx, float[] outDist2,
      int offset) {
    checkK(maxCount);
    checkRadius(radius);
    Points.checkCapacity(outIdx.length, (long) offset + maxCount, "outIdx");
    Points.checkCapacity(outDist2.length, (long) offset + maxCount, "outDist2");
    return knnUnchecked(x, y, z, maxCount, radius * radius, outIdx, outDist2, offset);
  }

  /**
   * Like {@link #knn(float, float, float, int, int[], float[], int)} (or, with a finite
   * {@code radius}, {@link #hybrid(float, float, float, float, int, int[], float[], int)}) but
   * leaves the neighbours in unspecified order, which saves the final sort when the caller only
   * aggregates them (covariances, means).
   *
   * @param x query x
   * @param y query y
   * @param z query z
   * @param radius search radius, or {@code Float.POSITIVE_INFINITY} for plain kNN
   * @param k maximum neighbours, at least 1
   * @param outIdx destination of point indices
   * @param outDist2 destination of squared distances
   * @param offset first slot written
   * @return number of neighbours found; slots past it hold -1 and {@code +Inf}
   */
  public int knnUnsorted(
      float x, float y, float z, float radius, int k, int[] outIdx, float[] outDist2, int offset) {
    checkK(k);
    if (!(radius >= 0)) {
      throw new IllegalArgumentException("radius must be >= 0, got " + radius);
    }
    Points.checkCapacity(outIdx.length, (long) offset + k, "outIdx");
    Points.checkCapacity(outDist2.length, (long) offset + k, "outDist2");
    float maxD2 = Float.isInfinite(radius) ? Float.POSITIVE_INFINITY : radius * radius;
    return search(x, y, z, k, maxD2, outIdx, outDist2, offset, false);
  }

  /**
   * Hybrid search for {@code m} packed queries, flat {@code [m, maxCount]} results with per-query
   * counts.
   *
   * @param queries packed query positions
   * @param m number of queries
   * @param radius search radius, {@code >= 0}
   * @param maxCount maximum neighbours per query, at least 1
   * @param outIdx destination {@code int[m * maxCount]}, padded with -1
   * @param outDist2 destination {@code float[m * maxCount]}, padded with {@code +Inf}
   * @param outCount destination {@code int[m]}: neighbours found per query (may be null)
   * @param threads thread count ({@link Parallel})
   */
  public void hybrid(
      float[] queries, int m, float radius, int maxCount, int[] outIdx, float[] outDist2,
      int[] outCount, int threads) {
    checkBatch(queries, m, maxCount, outIdx, outDist2);
    checkRadius(radius);
    if (outCount != null) {
      Points.checkCapacity(outCount.length, m, "outCount");
    }
    float r2 = radius * radius;
    int[] order = spatialOrder(queries, m);
    Parallel.forRange(
        m,
        threads,
        64,
        (from, to) -> {
          for (int j = from; j < to; j++) {
            int q = order == null ? j : order[j];
            int c =
                knnUnchecked(
                    queries[3 * q], queries[3 * q + 1], queries[3 * q + 2],
                    maxCount, r2, outIdx, outDist2, q * maxCount);
            if (outCount != null) {
              outCount[q] = c;
            }
          }
        });
  }

  int knnUnchecked(
      float x, float y, float z, int k, float maxD2, int[] outIdx, float[] outDist2, int off) {
    return search(x, y, z, k, maxD2, outIdx, outDist2, off, true);
  }

  private int search(
      float x, float y, float z, int k, float maxD2, int[] outIdx, float[] outDist2, int off,
      boolean sorted) {
    long[] heap = KnnHeap.forThread(k);
    int found = 0;
    if (count > 0 && Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
      found = visitKnn(0, 0, count, x, y, z, k, maxD2, heap, 0);
    }
    KnnHeap.drain(heap, found, k, outIdx, outDist2, off, sorted);
    return found;
  }

  /**
   * Searches {@code node} over tree slots {@code [lo, hi)} unless its box is farther than the
   * current bound (a box at exactly the bound still enters: it may hold a tie with a lower index);
   * the heap holds {@code size} pairs; returns the new size.
   */
  private int visitKnn(
      int node, int lo, int hi, float x, float y, float z, int k, float maxD2, long[] heap,
      int size) {
    if (boxDistance2(node, x, y, z) > KnnHeap.bound(heap, size, k, maxD2)) {
      return size;
    }
    if (hi - lo <= leafSize) {
      return scanKnn(lo, hi, x, y, z, k, maxD2, heap, size);
    }
    int mid = (lo + hi) >>> 1;
    int axis = splitAxis[node];
    float diff = (axis == 0 ? x : (axis == 1 ? y : z)) - splitValue[node];
    if (diff < 0) {
      size = visitKnn(2 * node + 1, lo, mid, x, y, z, k, maxD2, heap, size);
      return visitKnn(2 * node + 2, mid, hi, x, y, z, k, maxD2, heap, size);
    }
    size = visitKnn(2 * node + 2, mid, hi, x, y, z, k, maxD2, heap, size);
    return visitKnn(2 * node + 1, lo, mid, x, y, z, k, maxD2, heap, size);
  }

  private int scanKnn(
      int lo, int hi, float x, float y, float z, int k, float maxD2, long[] heap, int size) {
    float[] p = pts;
    float bound = KnnHeap.bound(heap, size, k, maxD2);
    for (int i = lo; i < hi; i++) {
      float dx = p[3 * i] - x;
      float dy = p[3 * i + 1] - y;
      float dz = p[3 * i + 2] - z;
      float d = dx * dx + dy * dy + dz * dz;
      if (d <= bound) {
        size = KnnHeap.offer(heap, size, k, KnnHeap.key(d, ids[i]));
        bound = KnnHeap.bound(heap, size, k, maxD2);
      }
    }
    return size;
  }


  // -------------------------------------------------------------------------------- nearest

  /**
   * Finds the nearest indexed point within {@code sqrt(maxD2)} of a query (inclusive; ties to the
   * lower index, as {@link #knn}), optionally starting from a known point: the distance to
   * {@code hint} bounds the search, which makes repeated searches from slowly moving queries (ICP)
   * cheap. The answer does not depend on the hint. Allocates nothing.
   *
   * @param x query x
   * @param y query y
   * @param z query z
   * @param maxD2 squared search radius, or {@code Float.POSITIVE_INFINITY}
   * @param hint a point index (a previous answer), or -1
   * @return the point's index, or -1 when none lies within the radius
   */
  public int nearest(float x, float y, float z, float maxD2, int hint) {
    if (count == 0 || !(Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z))) {
      return -1;
    }
    // a sentinel at exactly the radius with the largest index: anything inside beats it
    long best = KnnHeap.key(maxD2, Integer.MAX_VALUE);
    if (hint >= 0 && hint < size) {
      int slot = slotOf(hint);
      if (slot >= 0) {
        float dx = pts[3 * slot] - x;
        float dy = pts[3 * slot + 1] - y;
        float dz = pts[3 * slot + 2] - z;
        long k = KnnHeap.key(dx * dx + dy * dy + dz * dz, hint);
        if (k < best) {
          best = k;
        }
      }
    }
    best = visitNearest(0, 0, count, x, y, z, best);
    int id = KnnHeap.index(best);
    return id == Integer.MAX_VALUE ? -1 : id;
  }

  private long visitNearest(int node, int lo, int hi, float x, float y, float z, long best) {
    if (boxDistance2(node, x, y, z) > KnnHeap.distance(best)) {
      return best;
    }
    if (hi - lo <= leafSize) {
      float bound = KnnHeap.distance(best);
      float[] p = pts;
      for (int i = lo; i < hi; i++) {
        float dx = p[3 * i] - x;
        float dy = p[3 * i + 1] - y;
        float dz = p[3 * i + 2] - z;
        float d = dx * dx + dy * dy + dz * dz;
        if (d <= bound) {
          long k = KnnHeap.key(d, ids[i]);
          if (k < best) {
            best = k;
            bound = d;
          }
        }
      }
      return best;
    }
    int mid = (lo + hi) >>> 1;
    int axis = splitAxis[node];
    float diff = (axis == 0 ? x : (axis == 1 ? y : z)) - splitValue[node];
    if (diff < 0) {
      best = visitNearest(2 * node + 1, lo, mid, x, y, z, best);
      return visitNearest(2 * node + 2, mid, hi, x, y, z, best);
    }
    best = visitNearest(2 * node + 2, mid, hi, x, y, z, best);
    return visitNearest(2 * node + 1, lo, mid, x, y, z, best);
  }

  /** Returns the tree slot of an original point index, or -1 when it is not indexed. */
  private int slotOf(int id) {
    int[] s = slots;
    if (s == null) {
      s = new int[size];
      Arrays.fill(s, -1);
      for (int i = 0; i < count; i++) {
        s[ids[i]] = i;
      }
      slots = s; // benign race: every thread computes the same table
    }
    return s[id];
  }

  /**
   * Returns an order of {@code m} packed queries that visits them leaf by leaf (consecutive
   * queries then share nodes and points in cache); the identity for small batches.
   *
   * @param queries packed query positions
   * @param m number of queries
   * @return a permutation of {@code [0, m)}
   */
  public int[] queryOrder(float[] queries, int m) {
    Points.checkPacked(queries, m, "queries");
    int[] order = spatialOrder(queries, m);
    if (order == null) {
      order = new int[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
    }
    return order;
  }

  // --------------------------------------------------------------------------------- radius

  /**
   * Finds every point within {@code radius} (inclusive) of one query, sorted by distance then
   * index, into {@code out} (cleared first). Allocates nothing once {@code out} has grown.
   *
   * @param x query x
   * @param y query y
   * @param z query z
   * @param radius search radius, {@code >= 0}
   * @param out destination list
   * @return the number found
   */
  public int radius(float x, float y, float z, float radius, Neighbors out) {
    radiusUnsorted(x, y, z, radius, out);
    out.sortByDistance();
    return out.size();
  }

  /**
   * Like {@link #radius(float, float, float, float, Neighbors)} but leaves the order unspecified
   * (faster when the caller sorts or does not care).
   *
   * @param x query x
   * @param y query y
   * @param z query z
   * @param radius search radius, {@code >= 0}
   * @param out destination list (cleared first)
   * @return the number found
   */
  public int radiusUnsorted(float x, float y, float z, float radius, Neighbors out) {
    checkRadius(radius);
    out.clear();
    if (count > 0 && Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
      float r2 = radius * radius;
      searchRadius(x, y, z, r2, 0, 0, count, out);
    }
    return out.size();
  }

  /**
   * Radius search for {@code m} packed queries, each result sorted by distance then index.
   *
   * @param queries packed query positions
   * @param m number of queries
   * @param radius search radius, {@code >= 0}
   * @param threads thread count ({@link Parallel})
   * @return the neighbours of every query in compressed rows
   */
  public RadiusResult radius(float[] queries, int m, float radius, int threads) {
    Points.checkPacked(queries, m, "queries");
    checkRadius(radius);
    int[][] idx = new int[m][];
    float[][] d2 = new float[m][];
    int[] order = spatialOrder(queries, m);
    Parallel.forRange(
        m,
        threads,
        64,
        (from, to) -> {
          Neighbors nb = new Neighbors();
          for (int j = from; j < to; j++) {
            int q = order == null ? j : order[j];
            radius(queries[3 * q], queries[3 * q + 1], queries[3 * q + 2], radius, nb);
            idx[q] = nb.indices();
            d2[q] = nb.distances2();
          }
        });
    return RadiusResult.of(idx, d2);
  }

  private void searchRadius(
      float x, float y, float z, float r2, int node, int lo, int hi, Neighbors out) {
    if (boxDistance2(node, x, y, z) > r2) {
      return;
    }
    if (hi - lo <= leafSize) {
      scanRadius(x, y, z, r2, lo, hi, out);
      return;
    }
    int mid = (lo + hi) >>> 1;
    searchRadius(x, y, z, r2, 2 * node + 1, lo, mid, out);
    searchRadius(x, y, z, r2, 2 * node + 2, mid, hi, out);
  }

  private void scanRadius(float x, float y, float z, float r2, int lo, int hi, Neighbors out) {
    float[] p = pts;
    for (int i = lo; i < hi; i++) {
      float dx = p[3 * i] - x;
      float dy = p[3 * i + 1] - y;
      float dz = p[3 * i + 2] - z;
      float d = dx * dx + dy * dy + dz * dz;
      if (d <= r2) {
        out.add(ids[i], d);
      }
    }
  }

  // ----------------------------------------------------------------------------- batching

  /** Below this many queries a batch runs in the given order. */
  private static final int ORDER_THRESHOLD = 1024;

  /**
   * Returns an order of the queries that visits them leaf by leaf (a counting sort on the leaf each
   * falls in), so consecutive queries touch the same nodes and points: about 15 % faster on large
   * batches of scattered queries. Null for small batches. Results are identical in any order.
   */
  private int[] spatialOrder(float[] queries, int m) {
    if (m < ORDER_THRESHOLD || count <= leafSize) {
      return null;
    }
    int nodes = box.length / 6;
    int[] leaf = new int[m];
    int[] start = new int[nodes + 1];
    for (int q = 0; q < m; q++) {
      leaf[q] = leafOf(queries[3 * q], queries[3 * q + 1], queries[3 * q + 2]);
      start[leaf[q] + 1]++;
    }
    for (int i = 0; i < nodes; i++) {
      start[i + 1] += start[i];
    }
    int[] order = new int[m];
    for (int q = 0; q < m; q++) {
      order[start[leaf[q]]++] = q;
    }
    return order;
  }

  /** Returns the leaf node whose range a point descends to (NaN coordinates go right). */
  private int leafOf(float x, float y, float z) {
    int node = 0;
    int lo = 0;
    int hi = count;
    while (hi - lo > leafSize) {
      int mid = (lo + hi) >>> 1;
      int axis = splitAxis[node];
      float c = axis == 0 ? x : (axis == 1 ? y : z);
      if (c < splitValue[node]) {
        node = 2 * node + 1;
        hi = mid;
      } else {
        node = 2 * node + 2;
        lo = mid;
      }
    }
    return node;
  }

  // --------------------------------------------------------------------------------- checks

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  private static void checkRadius(float radius) {
    if (!(radius >= 0) || Float.isInfinite(radius)) {
      throw new IllegalArgumentException("radius must be finite and >= 0, got " + radius);
    }
  }

  private static void checkBatch(float[] queries, int m, int k, int[] outIdx, float[] outDist2) {
    Points.checkPacked(queries, m, "queries");
    checkK(k);
    Points.checkCapacity(outIdx.length, (long) m * k, "outIdx");
    Points.checkCapacity(outDist2.length, (long) m * k, "outDist2");
  }

  @Override
  public String toString() {
    return "KdTree[" + count + " of " + size + " points, leaf " + leafSize + "]";
  }

  /**
   * Returns the original indices of the indexed (finite) points in tree order: neighbouring
   * entries are spatially close, so running one query per point in this order (as normal
   * estimation does) is cache-friendly.
   *
   * @return a new array of {@link #indexedCount()} indices
   */
  public int[] treeOrder() {
    return Arrays.copyOf(ids, count);
  }
}

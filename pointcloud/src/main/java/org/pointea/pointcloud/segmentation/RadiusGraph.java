package org.pointea.pointcloud.segmentation;

import java.util.Arrays;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.Neighbors;
import org.pointea.pointcloud.neighbors.RadiusSearch;

/**
 * The neighbours of every point within a radius: the neighbours of point {@code i} (itself
 * included) are {@code adjacency[start[i] .. start[i] + degree[i])}, in unspecified order. Built
 * in parallel, one radius search per point, as Open3D's DBSCAN precomputes them; queries run in
 * the tree's order, so rows are stored in that order. Memory is one int per neighbour pair, like
 * Open3D's.
 */
final class RadiusGraph {
  final long[] start;
  final int[] degree;
  final int[][] blocks;

  private RadiusGraph(long[] start, int[] degree, int[][] blocks) {
    this.start = start;
    this.degree = degree;
    this.blocks = blocks;
  }

  /** Returns the number of neighbours of point {@code i}, itself included. */
  int degree(int i) {
    return degree[i];
  }

  /** Returns the block holding point {@code i}'s row ({@link #offset} gives where in it). */
  int[] block(int i) {
    return blocks[(int) (start[i] >>> 32)];
  }

  /** Returns the position of point {@code i}'s row in its {@link #block}. */
  int offset(int i) {
    return (int) start[i];
  }

  /**
   * Searches the neighbours of each of the {@code n} points; points with a non-finite coordinate
   * get none.
   */
  static RadiusGraph build(float[] xyz, int n, RadiusSearch search, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    int[] order = search.tree().treeOrder();
    int m = order.length;
    int t = Parallel.resolve(threads);
    int chunks = m < 4096 || t == 1 ? 1 : Math.min(m / 1024, 8 * t);
    int[][] blocks = new int[chunks][];
    long[] start = new long[n];
    int[] degree = new int[n];
    Parallel.forRange(chunks, t, 1, (cf, ct) -> {
      Neighbors found = new Neighbors();
      for (int c = cf; c < ct; c++) {
        int from = (int) ((long) m * c / chunks);
        int to = (int) ((long) m * (c + 1) / chunks);
        int[] buf = new int[Math.max(16, 8 * (to - from))];
        int used = 0;
        for (int j = from; j < to; j++) {
          int i = order[j];
          int o = 3 * i;
          int k = search.neighbors(xyz[o], xyz[o + 1], xyz[o + 2], found);
          if (used + k > buf.length) {
            long grown = Math.max((long) used + k, 2L * buf.length);
            if (grown > Integer.MAX_VALUE - 16) {
              throw new IllegalStateException("more than 2^31 neighbour pairs in one block;"
                  + " use a smaller radius");
            }
            buf = Arrays.copyOf(buf, (int) grown);
          }
          found.copyIndices(buf, used);
          start[i] = ((long) c << 32) | used;
          degree[i] = k;
          used += k;
        }
        blocks[c] = buf;
      }
    });
    return new RadiusGraph(start, degree, blocks);
  }
}

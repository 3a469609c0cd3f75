package org.pointea.pointcloud.segmentation;

import java.util.Arrays;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.Points;
import org.pointea.pointcloud.neighbors.Neighbors;
import org.pointea.pointcloud.neighbors.RadiusSearch;

/**
 * The neighbours of every point within a radius, in compressed rows: the neighbours of point
 * {@code i} (itself included) are {@code adjacency[offsets[i] .. offsets[i+1])}, in unspecified
 * order. Built in parallel, one radius search per point, as Open3D's DBSCAN precomputes them.
 * Memory is one int per neighbour pair, like Open3D's.
 */
final class RadiusGraph {
  final int[] offsets;
  final int[] adjacency;

  private RadiusGraph(int[] offsets, int[] adjacency) {
    this.offsets = offsets;
    this.adjacency = adjacency;
  }

  /** Returns the number of neighbours of point {@code i}, itself included. */
  int degree(int i) {
    return offsets[i + 1] - offsets[i];
  }

  /**
   * Searches the neighbours of each of the {@code n} points; points with a non-finite coordinate
   * get none.
   */
  static RadiusGraph build(float[] xyz, int n, RadiusSearch search, int threads) {
    Points.checkPacked(xyz, n, "xyz");
    int t = Parallel.resolve(threads);
    int chunks = n < 4096 || t == 1 ? 1 : Math.min(n / 1024, 8 * t);
    int[][] rows = new int[chunks][];
    int[] offsets = new int[n + 1];
    Parallel.forRange(chunks, t, 1, (cf, ct) -> {
      Neighbors found = new Neighbors();
      for (int c = cf; c < ct; c++) {
        int from = (int) ((long) n * c / chunks);
        int to = (int) ((long) n * (c + 1) / chunks);
        int[] buf = new int[Math.max(16, 8 * (to - from))];
        int used = 0;
        for (int i = from; i < to; i++) {
          int o = 3 * i;
          int k = search.neighbors(xyz[o], xyz[o + 1], xyz[o + 2], found);
          if (used + k > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16,
                Math.max((long) used + k, 2L * buf.length)));
          }
          for (int j = 0; j < k; j++) {
            buf[used + j] = found.index(j);
          }
          used += k;
          offsets[i + 1] = k;
        }
        rows[c] = Arrays.copyOf(buf, used);
      }
    });
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = Math.addExact(offsets[i + 1], offsets[i]);
    }
    int[] adjacency = new int[offsets[n]];
    int at = 0;
    for (int[] row : rows) {
      System.arraycopy(row, 0, adjacency, at, row.length);
      at += row.length;
    }
    return new RadiusGraph(offsets, adjacency);
  }
}

package org.pointea.pointcloud.neighbors;

import java.util.Arrays;
import java.util.Objects;

/**
 * The neighbours of many queries in compressed rows: the neighbours of query {@code q} are
 * {@code indices[offsets[q] .. offsets[q+1])} with their squared distances at the same positions.
 *
 * @param offsets {@code int[m + 1]} row starts, the last equal to the total count
 * @param indices point indices of every row, concatenated
 * @param distances2 squared distances, aligned with {@code indices}
 */
public record RadiusResult(int[] offsets, int[] indices, float[] distances2) {

  /** Validates the row layout. */
  public RadiusResult {
    Objects.requireNonNull(offsets, "offsets");
    Objects.requireNonNull(indices, "indices");
    Objects.requireNonNull(distances2, "distances2");
    if (offsets.length == 0 || offsets[offsets.length - 1] != indices.length
        || indices.length != distances2.length) {
      throw new IllegalArgumentException("inconsistent compressed rows");
    }
  }

  static RadiusResult of(int[][] idx, float[][] d2) {
    int[] offsets = new int[idx.length + 1];
    for (int q = 0; q < idx.length; q++) {
      offsets[q + 1] = Math.addExact(offsets[q], idx[q].length);
    }
    int[] all = new int[offsets[idx.length]];
    float[] dAll = new float[all.length];
    for (int q = 0; q < idx.length; q++) {
      System.arraycopy(idx[q], 0, all, offsets[q], idx[q].length);
      System.arraycopy(d2[q], 0, dAll, offsets[q], d2[q].length);
    }
    return new RadiusResult(offsets, all, dAll);
  }

  /** Returns the number of queries. */
  public int queryCount() {
    return offsets.length - 1;
  }

  /**
   * Returns the number of neighbours of one query.
   *
   * @param q query index
   * @return its neighbour count
   */
  public int count(int q) {
    return offsets[q + 1] - offsets[q];
  }

  /**
   * Returns a copy of one query's neighbour indices.
   *
   * @param q query index
   * @return indices, nearest first
   */
  public int[] indicesOf(int q) {
    return Arrays.copyOfRange(indices, offsets[q], offsets[q + 1]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RadiusResult r
        && Arrays.equals(r.offsets, offsets)
        && Arrays.equals(r.indices, indices)
        && Arrays.equals(r.distances2, distances2);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(offsets), Arrays.hashCode(indices));
  }

  @Override
  public String toString() {
    return "RadiusResult[" + queryCount() + " queries, " + indices.length + " neighbours]";
  }
}

package org.pointea.pointcloud;

import java.util.Arrays;

/**
 * Helpers for the index sets that algorithms return: a mask to indices, and the complement of a
 * set (Open3D's {@code select_by_index(indices, invert=True)}).
 */
public final class Indices {
  private Indices() {}

  /**
   * Returns the positions of the true entries of a mask, ascending.
   *
   * @param mask the mask
   * @param n entries used
   * @return indices
   */
  public static int[] fromMask(boolean[] mask, int n) {
    Points.checkCapacity(mask.length, n, "mask");
    int count = 0;
    for (int i = 0; i < n; i++) {
      count += mask[i] ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 0, j = 0; i < n; i++) {
      if (mask[i]) {
        out[j++] = i;
      }
    }
    return out;
  }

  /**
   * Returns the indices in {@code [0, n)} that are not in {@code indices}, ascending; the set may
   * be in any order and hold repeats.
   *
   * @param indices a set of indices, each in {@code [0, n)}
   * @param n the size of the whole range
   * @return the complement
   * @throws IllegalArgumentException when an index is outside {@code [0, n)}
   */
  public static int[] complement(int[] indices, int n) {
    Points.checkNonNegative(n, "n");
    boolean[] in = new boolean[n];
    for (int i : indices) {
      if (i < 0 || i >= n) {
        throw new IllegalArgumentException("index " + i + " is outside [0, " + n + ")");
      }
      in[i] = true;
    }
    for (int i = 0; i < n; i++) {
      in[i] = !in[i];
    }
    return fromMask(in, n);
  }

  /**
   * Returns true when the indices are strictly ascending (so distinct).
   *
   * @param indices the indices
   * @return whether they are
   */
  public static boolean isStrictlyAscending(int[] indices) {
    for (int i = 1; i < indices.length; i++) {
      if (indices[i] <= indices[i - 1]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns a sorted copy without repeats.
   *
   * @param indices any indices
   * @return the distinct indices, ascending
   */
  public static int[] sortedDistinct(int[] indices) {
    int[] s = indices.clone();
    Arrays.sort(s);
    int w = 0;
    for (int i = 0; i < s.length; i++) {
      if (w == 0 || s[i] != s[w - 1]) {
        s[w++] = s[i];
      }
    }
    return Arrays.copyOf(s, w);
  }
}

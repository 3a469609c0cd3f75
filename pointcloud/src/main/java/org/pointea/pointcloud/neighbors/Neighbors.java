package org.pointea.pointcloud.neighbors;

import java.util.Arrays;

/**
 * A reusable, growable list of neighbours (point index and squared distance) filled by a radius
 * search. Reuse one instance across queries to search without allocating once it has grown.
 *
 * <pre>{@code
 * Neighbors found = new Neighbors();
 * tree.radius(x, y, z, 0.05f, found);
 * for (int i = 0; i < found.size(); i++) use(found.index(i), found.distance2(i));
 * }</pre>
 */
public final class Neighbors {
  private int[] indices;
  private float[] distances2;
  private long[] sortKeys = new long[0];
  private int size;

  /** Creates an empty list. */
  public Neighbors() {
    this(16);
  }

  /**
   * Creates an empty list with room for {@code capacity} neighbours.
   *
   * @param capacity initial capacity
   */
  public Neighbors(int capacity) {
    indices = new int[Math.max(1, capacity)];
    distances2 = new float[indices.length];
  }

  /** Returns the number of neighbours. */
  public int size() {
    return size;
  }

  /** Returns true when no neighbour was found. */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Returns the point index of a neighbour.
   *
   * @param i position in the list
   * @return point index
   */
  public int index(int i) {
    return indices[java.util.Objects.checkIndex(i, size)];
  }

  /**
   * Returns the squared distance of a neighbour.
   *
   * @param i position in the list
   * @return squared distance to the query
   */
  public float distance2(int i) {
    return distances2[java.util.Objects.checkIndex(i, size)];
  }

  /** Returns a copy of the point indices. */
  public int[] indices() {
    return Arrays.copyOf(indices, size);
  }

  /** Returns a copy of the squared distances. */
  public float[] distances2() {
    return Arrays.copyOf(distances2, size);
  }

  /**
   * Copies the point indices into a caller-owned buffer.
   *
   * @param dest destination, room for {@link #size()} ints from {@code offset}
   * @param offset first position written
   */
  public void copyIndices(int[] dest, int offset) {
    System.arraycopy(indices, 0, dest, offset, size);
  }

  /** Empties the list, keeping its capacity. */
  public void clear() {
    size = 0;
  }

  void add(int index, float d2) {
    if (size == indices.length) {
      int cap = Math.max(16, indices.length * 2);
      indices = Arrays.copyOf(indices, cap);
      distances2 = Arrays.copyOf(distances2, cap);
    }
    indices[size] = index;
    distances2[size] = d2;
    size++;
  }

  /**
   * Keeps the neighbours that pass a test, in their order.
   *
   * @param keep the test, given each neighbour's point index
   */
  void retain(java.util.function.IntPredicate keep) {
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (keep.test(indices[r])) {
        indices[w] = indices[r];
        distances2[w] = distances2[r];
        w++;
      }
    }
    size = w;
  }

  /** Sorts by ascending distance, then ascending index. */
  void sortByDistance() {
    if (size < 2) {
      return;
    }
    if (sortKeys.length < size) {
      sortKeys = new long[indices.length];
    }
    // non-negative floats order like their bit patterns; the index breaks ties
    for (int i = 0; i < size; i++) {
      sortKeys[i] = ((long) Float.floatToRawIntBits(distances2[i]) << 32) | indices[i];
    }
    Arrays.sort(sortKeys, 0, size);
    for (int i = 0; i < size; i++) {
      indices[i] = (int) sortKeys[i];
      distances2[i] = Float.intBitsToFloat((int) (sortKeys[i] >>> 32));
    }
  }

  /** Sorts by ascending index. */
  void sortByIndex() {
    if (size < 2) {
      return;
    }
    if (sortKeys.length < size) {
      sortKeys = new long[indices.length];
    }
    for (int i = 0; i < size; i++) {
      sortKeys[i] = ((long) indices[i] << 32) | (Float.floatToRawIntBits(distances2[i]) & 0xffffffffL);
    }
    Arrays.sort(sortKeys, 0, size);
    for (int i = 0; i < size; i++) {
      indices[i] = (int) (sortKeys[i] >>> 32);
      distances2[i] = Float.intBitsToFloat((int) sortKeys[i]);
    }
  }

  @Override
  public String toString() {
    return "Neighbors[" + size + "]";
  }
}

package org.pointea.pointcloud;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which part ids each object category of a part-segmentation dataset uses: ShapeNet-part's fixed
 * table ({@link #SHAPENET}: 16 categories owning contiguous ranges of 50 global ids), or the table
 * of a team's own part-labelled folders (the ids seen per category in its training split).
 *
 * <p>Part ids are non-negative; a network predicting them has {@link #parts()} = largest id + 1
 * outputs per point (the number of distinct ids when they are numbered 0..P-1). Categories may
 * share ids (e.g. every category numbering its parts 0, 1, 2). Immutable.
 *
 * <pre>{@code
 * PartTable t = PartTable.of(List.of("chair", "lamp"), List.of(new int[] {0, 1, 2}, new int[] {3, 4}));
 * t.parts();          // 5
 * t.partIds(1);       // [3, 4]
 * t.contains(0, 4);   // false
 * }</pre>
 */
public final class PartTable {
  /** ShapeNet-part's table: 16 categories, 50 global part ids. */
  public static final PartTable SHAPENET = shapeNet();

  private final List<String> names;
  private final int[][] ids;
  private final int parts;

  private PartTable(List<String> names, int[][] ids) {
    this.names = List.copyOf(names);
    this.ids = ids;
    int max = -1;
    for (int[] c : ids) {
      for (int p : c) {
        max = Math.max(max, p);
      }
    }
    this.parts = max + 1;
  }

  /**
   * Returns a table.
   *
   * @param categoryNames the categories in index order
   * @param partIds for each category the part ids it uses (any order, no repeats, each {@code >=
   *     0}, at least one)
   * @return the table
   * @throws IllegalArgumentException when the lists differ in length, a category has no part, a
   *     part id is negative or repeated within a category
   */
  public static PartTable of(List<String> categoryNames, List<int[]> partIds) {
    if (categoryNames.size() != partIds.size()) {
      throw new IllegalArgumentException(categoryNames.size() + " category names for "
          + partIds.size() + " part lists");
    }
    if (categoryNames.isEmpty()) {
      throw new IllegalArgumentException("a part table needs at least one category");
    }
    int[][] ids = new int[partIds.size()][];
    for (int c = 0; c < ids.length; c++) {
      int[] s = partIds.get(c).clone();
      Arrays.sort(s);
      if (s.length == 0) {
        throw new IllegalArgumentException("category '" + categoryNames.get(c) + "' has no part");
      }
      if (s[0] < 0) {
        throw new IllegalArgumentException("category '" + categoryNames.get(c)
            + "': part id " + s[0] + " is negative");
      }
      for (int i = 1; i < s.length; i++) {
        if (s[i] == s[i - 1]) {
          throw new IllegalArgumentException("category '" + categoryNames.get(c)
              + "': part id " + s[i] + " is listed twice");
        }
      }
      ids[c] = s;
    }
    return new PartTable(categoryNames, ids);
  }

  private static PartTable shapeNet() {
    List<int[]> ids = new ArrayList<>();
    for (int c = 0; c < ShapeNetPart.CATEGORIES; c++) {
      ids.add(ShapeNetPart.parts(c));
    }
    return of(ShapeNetPart.categoryNames(), ids);
  }

  /** Returns the number of categories. */
  public int categories() {
    return ids.length;
  }

  /** Returns the category names in index order. */
  public List<String> categoryNames() {
    return names;
  }

  /**
   * Returns a category's name.
   *
   * @param category index in {@code [0, categories())}
   * @return the name
   */
  public String categoryName(int category) {
    return names.get(Objects.checkIndex(category, ids.length));
  }

  /** Returns the outputs per point of a network predicting these ids: the largest id + 1. */
  public int parts() {
    return parts;
  }

  /**
   * Returns a category's part ids, ascending.
   *
   * @param category index in {@code [0, categories())}
   * @return a new array
   */
  public int[] partIds(int category) {
    return ids[Objects.checkIndex(category, ids.length)].clone();
  }

  /**
   * Returns how many parts a category has.
   *
   * @param category index in {@code [0, categories())}
   * @return at least 1
   */
  public int partCount(int category) {
    return ids[Objects.checkIndex(category, ids.length)].length;
  }

  /**
   * Returns a category's first (smallest) part id.
   *
   * @param category index in {@code [0, categories())}
   * @return the id
   */
  public int firstPart(int category) {
    return ids[Objects.checkIndex(category, ids.length)][0];
  }

  /**
   * Returns true when a category's ids are one contiguous range (as every ShapeNet-part
   * category's), so that {@code [firstPart, firstPart + partCount)} are exactly its parts.
   *
   * @param category index in {@code [0, categories())}
   * @return whether its ids are contiguous
   */
  public boolean isContiguous(int category) {
    int[] s = ids[Objects.checkIndex(category, ids.length)];
    return s[s.length - 1] - s[0] + 1 == s.length;
  }

  /**
   * Returns the position of a part id among its category's ids, or -1 when the category does not
   * use it.
   *
   * @param category index in {@code [0, categories())}
   * @param partId a part id
   * @return the position in {@link #partIds(int)}, or -1
   */
  public int indexOf(int category, int partId) {
    int i = Arrays.binarySearch(ids[Objects.checkIndex(category, ids.length)], partId);
    return i >= 0 ? i : -1;
  }

  /**
   * Returns true when a category uses a part id.
   *
   * @param category index in {@code [0, categories())}
   * @param partId a part id
   * @return whether it is one of its parts
   */
  public boolean contains(int category, int partId) {
    return indexOf(category, partId) >= 0;
  }

  /**
   * Returns the index of a category by name (case-insensitive).
   *
   * @param name a category name
   * @return its index, or -1
   */
  public int categoryIndex(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name.strip())) {
        return i;
      }
    }
    return -1;
  }

  /** Returns true when this is ShapeNet-part's table (same names and ids). */
  public boolean isShapeNet() {
    return equals(SHAPENET);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartTable t && names.equals(t.names) && Arrays.deepEquals(ids, t.ids);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + Arrays.deepHashCode(ids);
  }

  /** Returns e.g. {@code PartTable[chair: 0 1 2; lamp: 3 4]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("PartTable[");
    for (int c = 0; c < ids.length; c++) {
      if (c > 0) {
        sb.append("; ");
      }
      sb.append(names.get(c)).append(':');
      for (int p : ids[c]) {
        sb.append(' ').append(p);
      }
    }
    return sb.append(']').toString();
  }
}

package org.pointea.pointcloud;

import java.util.List;
import java.util.Objects;

/**
 * The ShapeNet-part taxonomy: 16 object categories and their 50 global part ids, in the order used
 * by PointNet++, yanx27, PyG and DGCNN ({@code synsetoffset2category.txt} line order).
 *
 * <p>Category {@code c} owns the contiguous global part ids
 * {@code [firstPart(c), firstPart(c) + partCount(c))}; e.g. Mug (11) owns 36 (body) and 37
 * (handle).
 *
 * @see <a href="https://arxiv.org/abs/1612.00593">PointNet, Qi et al. 2017</a>
 */
public final class ShapeNetPart {
  /** Number of object categories. */
  public static final int CATEGORIES = 16;

  /** Number of global part ids. */
  public static final int PARTS = 50;

  private static final List<String> NAMES =
      List.of(
          "Airplane", "Bag", "Cap", "Car", "Chair", "Earphone", "Guitar", "Knife", "Lamp",
          "Laptop", "Motorbike", "Mug", "Pistol", "Rocket", "Skateboard", "Table");
  private static final List<String> SYNSETS =
      List.of(
          "02691156", "02773838", "02954340", "02958343", "03001627", "03261776", "03467517",
          "03624134", "03636649", "03642806", "03790512", "03797390", "03948459", "04099429",
          "04225987", "04379243");
  private static final int[] PART_COUNT = {4, 2, 2, 4, 4, 3, 3, 2, 4, 2, 6, 2, 3, 3, 3, 3};
  private static final int[] FIRST_PART = {0, 4, 6, 8, 12, 16, 19, 22, 24, 28, 30, 36, 38, 41, 44, 47};
  private static final int[] CATEGORY_OF_PART = new int[PARTS];

  static {
    for (int c = 0; c < CATEGORIES; c++) {
      for (int p = 0; p < PART_COUNT[c]; p++) {
        CATEGORY_OF_PART[FIRST_PART[c] + p] = c;
      }
    }
  }

  private ShapeNetPart() {}

  /** Returns the 16 category names in index order ({@code Airplane} .. {@code Table}). */
  public static List<String> categoryNames() {
    return NAMES;
  }

  /** Returns the 16 WordNet synset ids in index order ({@code 02691156} .. {@code 04379243}). */
  public static List<String> synsets() {
    return SYNSETS;
  }

  /**
   * Returns the name of a category.
   *
   * @param category index in {@code [0, 16)}
   * @return e.g. {@code "Mug"}
   */
  public static String categoryName(int category) {
    return NAMES.get(Objects.checkIndex(category, CATEGORIES));
  }

  /**
   * Returns the index of a category from its name (case-insensitive) or synset id.
   *
   * @param nameOrSynset e.g. {@code "mug"} or {@code "03797390"}
   * @return the index in {@code [0, 16)}
   * @throws IllegalArgumentException when it is neither
   */
  public static int categoryIndex(String nameOrSynset) {
    for (int c = 0; c < CATEGORIES; c++) {
      if (NAMES.get(c).equalsIgnoreCase(nameOrSynset) || SYNSETS.get(c).equals(nameOrSynset)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a ShapeNet-part category: '" + nameOrSynset + "'");
  }

  /**
   * Returns the first global part id of a category.
   *
   * @param category index in {@code [0, 16)}
   * @return the first part id
   */
  public static int firstPart(int category) {
    return FIRST_PART[Objects.checkIndex(category, CATEGORIES)];
  }

  /**
   * Returns how many parts a category has.
   *
   * @param category index in {@code [0, 16)}
   * @return 2 to 6
   */
  public static int partCount(int category) {
    return PART_COUNT[Objects.checkIndex(category, CATEGORIES)];
  }

  /**
   * Returns the global part ids of a category, ascending.
   *
   * @param category index in {@code [0, 16)}
   * @return a new array of part ids
   */
  public static int[] parts(int category) {
    int[] out = new int[partCount(category)];
    for (int i = 0; i < out.length; i++) {
      out[i] = FIRST_PART[category] + i;
    }
    return out;
  }

  /**
   * Returns the category that owns a global part id.
   *
   * @param part global part id in {@code [0, 50)}
   * @return the category index
   */
  public static int categoryOfPart(int part) {
    return CATEGORY_OF_PART[Objects.checkIndex(part, PARTS)];
  }
}

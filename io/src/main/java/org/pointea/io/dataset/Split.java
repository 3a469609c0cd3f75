package org.pointea.io.dataset;

import java.util.Locale;

/**
 * The part of a dataset to read.
 *
 * <p>ShapeNet-part ships train, val and test lists; {@link #TRAINVAL} is train followed by val.
 * ModelNet ships only train and test: there {@link #TRAINVAL} is the official training list,
 * {@link #VAL} a deterministic stratified part of it (a fraction of each class, chosen by a hash
 * of the shape id) and {@link #TRAIN} the rest, so model selection never needs the test split.
 */
public enum Split {
  /** The training shapes (without the validation ones). */
  TRAIN,
  /** The validation shapes. */
  VAL,
  /** Training and validation together (ModelNet's official training list). */
  TRAINVAL,
  /** The test shapes. */
  TEST;

  /** Returns the lower-case name used in file names and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a split name, case-insensitively ({@code train}, {@code val}, {@code trainval},
   * {@code test}).
   *
   * @param name the name
   * @return the split
   * @throws IllegalArgumentException for any other name
   */
  public static Split parse(String name) {
    for (Split s : values()) {
      if (s.id().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown split '" + name + "' (expected train, val, trainval or test)");
  }
}

package org.pointea.io.dataset;

import java.util.List;

/**
 * Which ModelNet benchmark to read from a folder.
 *
 * <p>{@link #AUTO} takes what the folder holds: every class folder of an OFF tree, the
 * {@code modelnet40_*} lists of a resampled folder when present (else {@code modelnet10_*}), all
 * labels of an HDF5 folder. {@link #MODELNET10} on a 40-class folder keeps the ten ModelNet10
 * classes and numbers them 0..9 in ModelNet10 order.
 */
public enum ModelNetVariant {
  /** Whatever the folder holds. */
  AUTO,
  /** The 40-class benchmark. */
  MODELNET40,
  /** The 10-class benchmark. */
  MODELNET10;

  /** The ten ModelNet10 classes, in their label order. */
  public static final List<String> MODELNET10_CLASSES =
      List.of("bathtub", "bed", "chair", "desk", "dresser", "monitor", "night_stand", "sofa",
          "table", "toilet");
}

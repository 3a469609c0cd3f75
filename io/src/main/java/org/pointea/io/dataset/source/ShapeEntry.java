package org.pointea.io.dataset.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One shape of a split: its id, its label, and where its points are.
 *
 * @param id the shape's name (e.g. {@code airplane_0001}, a ShapeNet token, or
 *     {@code ply_data_train0.h5:17})
 * @param label class index, or ShapeNet-part category index
 * @param file the file holding it
 * @param index the shape's row in a batch file (HDF5), or 0 for one-shape files
 */
public record ShapeEntry(String id, int label, Path file, int index) {

  /** Validates the fields. */
  public ShapeEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(file, "file");
    if (label < 0 || index < 0) {
      throw new IllegalArgumentException("negative label or index in " + id);
    }
  }

  /**
   * Returns a stable 64-bit key of the id (FNV-1a over its UTF-16 units, then mixed), used to
   * seed the shape's random draws so they do not depend on the shape's position in a split.
   */
  public long key() {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}

package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.pointcloud.PointCloud;

/**
 * The shapes of one split of one dataset folder, in one layout: opening a source lists the split
 * and checks that every file it needs exists (a {@link
 * org.pointea.io.dataset.DatasetNotFoundException} names the missing ones); {@link #load} then
 * reads the raw points.
 *
 * <p>Implementations are immutable and {@link #load} is safe to call from several threads at
 * once for different files.
 */
public interface ShapeSource {

  /** Returns the layout read. */
  DatasetLayout layout();

  /** Returns the folder holding the layout's files. */
  Path root();

  /** Returns the label names (class names, or the 16 ShapeNet-part categories). */
  List<String> classNames();

  /**
   * Returns the split's shapes in dataset order. Layouts that must open their data files to list
   * shapes (HDF5) do so here, once, rather than when the source is opened.
   *
   * @return the shapes
   * @throws IOException when an index or data file cannot be read
   */
  List<ShapeEntry> entries() throws IOException;

  /**
   * Returns every file whose content the split's samples depend on (split lists, name lists and
   * the shapes' files), for the cache fingerprint.
   */
  List<Path> files();

  /** Returns true when the raw shapes carry normals. */
  boolean hasNormals();

  /** Returns true when the raw shapes carry per-point part ids (the {@code labels} channel). */
  boolean hasParts();

  /**
   * Reads the raw shapes of one file.
   *
   * @param file the file, as in the entries
   * @param entries entries of that file, in the order wanted
   * @param seed base seed of any random draw (surface sampling); each shape derives its own
   *     stream from it and {@link ShapeEntry#key()}
   * @param withNormals whether normals are wanted (a source may skip decoding them otherwise)
   * @return one cloud per entry, in order
   * @throws IOException when the file cannot be read or is malformed
   */
  List<PointCloud> load(Path file, List<ShapeEntry> entries, long seed, boolean withNormals)
      throws IOException;
}

package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.pointea.io.PointCloudFormatException;

/**
 * The one rule for paths that come from a dataset's own files (list files, JSON splits, class
 * names, shape ids): they resolve inside the dataset's root, and the files they name are checked
 * for size before they are read.
 *
 * <p>The check is lexical: the entry is resolved against the root and normalized, and the result
 * must lie under the normalized root. An absolute entry is accepted only when it lies under the
 * root too. Symbolic links that the dataset's owner placed inside the root are followed (datasets
 * are often assembled from links); what a list file says cannot leave the root.
 *
 * <pre>{@code
 * for (ListFiles.Line l : ListFiles.lines(list)) {
 *   Path file = DatasetPaths.resolveInside(root, l.text(), list, l.number());
 *   DatasetPaths.checkSize(file, DatasetPaths.MAX_SHAPE_FILE_BYTES, "a shape file");
 * }
 * }</pre>
 */
public final class DatasetPaths {
  /**
   * The largest single-shape file (text, OFF, PLY...) a dataset source reads: 256 MiB, 5x the
   * largest ModelNet40 mesh; a forged or sparse file larger than this is refused before reading.
   */
  public static final long MAX_SHAPE_FILE_BYTES = 256L << 20;

  private DatasetPaths() {}

  /**
   * Resolves an entry of a list or split file against the dataset root.
   *
   * @param root the dataset folder
   * @param entry the path as written in the list ({@code /} or {@code \} separators)
   * @param listFile the file the entry comes from, for the message
   * @param line the entry's 1-based line in {@code listFile}, or -1 when unknown
   * @return the absolute, normalized path, inside {@code root}
   * @throws PointCloudFormatException naming {@code listFile} and {@code line} when the entry is
   *     empty, holds a control character (NUL included), is not a valid path here, or resolves
   *     outside the root
   */
  public static Path resolveInside(Path root, String entry, Path listFile, long line)
      throws PointCloudFormatException {
    Path base = root.toAbsolutePath().normalize();
    if (entry == null || entry.isBlank()) {
      throw error(listFile, line, "empty path entry");
    }
    for (int i = 0; i < entry.length(); i++) {
      char c = entry.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw error(listFile, line, "path entry '" + entry + "' holds a control character");
      }
    }
    Path resolved;
    try {
      resolved = base.resolve(entry.replace('\\', '/')).normalize();
    } catch (InvalidPathException e) {
      throw error(listFile, line, "'" + entry + "' is not a valid path: " + e.getReason());
    }
    if (!isInside(base, resolved)) {
      throw error(listFile, line, "'" + entry + "' resolves outside the dataset root " + base);
    }
    return resolved;
  }

  /**
   * Returns true when {@code path}, normalized, lies under {@code root} (or is the root).
   *
   * @param root the root
   * @param path the path to test
   * @return whether it is inside
   */
  public static boolean isInside(Path root, Path path) {
    Path base = root.toAbsolutePath().normalize();
    return path.toAbsolutePath().normalize().startsWith(base);
  }

  /**
   * Refuses a file larger than {@code maxBytes}, before anything reads it.
   *
   * @param file the file
   * @param maxBytes the largest size accepted
   * @param what what the file is, for the message (e.g. "a shape file")
   * @throws IOException a {@link PointCloudFormatException} at byte {@code maxBytes} when the
   *     file is larger, or the error of reading its size
   */
  public static void checkSize(Path file, long maxBytes, String what) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new PointCloudFormatException(file.toString(), -1, maxBytes, "is " + size
          + " bytes; " + what + " of a dataset is expected to be at most " + maxBytes + " bytes");
    }
  }

  private static PointCloudFormatException error(Path listFile, long line, String detail) {
    return new PointCloudFormatException(listFile.toString(), line, line > 0 ? -1 : 0, detail);
  }
}

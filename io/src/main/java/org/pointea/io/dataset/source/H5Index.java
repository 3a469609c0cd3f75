package org.pointea.io.dataset.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.hdf5.H5Files;

/**
 * What a PointNet HDF5 layout needs before reading any points: the {@code .h5} files a list file
 * names (resolved the way the reference loaders open them), the dataset names of a file, and its
 * {@code label} column. Points themselves are read by {@link
 * org.pointea.io.hdf5.PointNetH5Reader}.
 */
final class H5Index {
  /** Labels beyond this count are not a PointNet file (the largest real file holds 2,048). */
  private static final long MAX_SHAPES_PER_FILE = 1L << 24;

  private H5Index() {}

  /**
   * Resolves the entries of a list file such as {@code train_files.txt}. An entry must resolve
   * inside the dataset folder ({@link DatasetPaths#resolveInside}: absolute paths elsewhere and
   * {@code ../} are refused with the list's name and line). It is then looked for as given, by its
   * file name in the dataset folder, and relative to each of the folder's ancestors as long as
   * that lands inside the folder (PointNet's lists hold paths like
   * {@code data/modelnet40_ply_hdf5_2048/ply_data_train0.h5}, relative to the repository).
   *
   * @param root the dataset folder
   * @param list the list file
   * @param missing where unresolvable entries are recorded
   * @return the files that exist, in list order
   * @throws IOException when the list cannot be read or an entry leaves the dataset folder
   */
  static List<Path> resolveList(Path root, Path list, MissingFiles missing) throws IOException {
    List<Path> out = new ArrayList<>();
    for (ListFiles.Line l : ListFiles.lines(list)) {
      Path given = DatasetPaths.resolveInside(root, l.text(), list, l.number());
      Path found = resolve(root, given, l.text());
      if (found == null) {
        missing.add(given, "listed as '" + l.text() + "' in " + list.getFileName() + ", line "
            + l.number());
      } else if (!out.contains(found)) {
        out.add(found);
      }
    }
    return out;
  }

  private static String fileName(String entry) {
    String e = entry.replace('\\', '/');
    return e.substring(e.lastIndexOf('/') + 1);
  }

  private static Path resolve(Path root, Path given, String entry) {
    Path base = root.toAbsolutePath().normalize();
    List<Path> candidates = new ArrayList<>();
    candidates.add(given);
    String name = fileName(entry);
    if (!name.isEmpty() && !name.equals("..") && !name.equals(".")) {
      candidates.add(base.resolve(name));
    }
    String e = entry.replace('\\', '/');
    if (!Path.of(e).isAbsolute()) {
      Path a = base.getParent();
      for (int up = 0; a != null && up < 4; up++, a = a.getParent()) {
        candidates.add(a.resolve(e).normalize());
      }
    }
    for (Path c : candidates) {
      if (DatasetPaths.isInside(base, c) && Files.isRegularFile(c)) {
        return c.normalize();
      }
    }
    return null;
  }

  /**
   * Returns the names of the top-level datasets of an HDF5 file.
   *
   * @param file the file
   * @return the names, sorted
   * @throws IOException when it is not a readable HDF5 file
   */
  static Set<String> datasets(Path file) throws IOException {
    try (HdfFile h = H5Files.open(file)) {
      return new TreeSet<>(h.getChildren().keySet());
    } catch (RuntimeException e) {
      throw wrap(file, e);
    }
  }

  /**
   * Reads the {@code label} column of a PointNet file ({@code [B]} or {@code [B,1]}, integers or
   * whole floats) and checks it against {@code data}'s first dimension.
   *
   * @param file the file
   * @return one label per shape
   * @throws IOException when the file is not in PointNet's layout
   */
  static int[] labels(Path file) throws IOException {
    try (HdfFile h = H5Files.open(file)) {
      Dataset data = dataset(h, file, "data");
      Dataset label = dataset(h, file, "label");
      long size = java.nio.file.Files.size(file);
      int[] dd = H5Files.dimensions(data, file.toString(), size);
      int[] ld = H5Files.dimensions(label, file.toString(), size);
      if (dd.length != 3 || dd[2] != 3) {
        throw new PointCloudFormatException(file.toString(), -1, data.getAddress(),
            "'data' must be [B, N, 3], it is " + java.util.Arrays.toString(dd));
      }
      boolean column = (ld.length == 1) || (ld.length == 2 && ld[1] == 1);
      if (!column || ld[0] != dd[0] || ld[0] > MAX_SHAPES_PER_FILE) {
        throw new PointCloudFormatException(file.toString(), -1, label.getAddress(), "'label' must be [B] or"
            + " [B, 1] with B = " + dd[0] + ", it is " + java.util.Arrays.toString(ld));
      }
      Object flat = label.getDataFlat();
      int n = Array.getLength(flat);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        double v = ((Number) Array.get(flat, i)).doubleValue();
        if (flat instanceof byte[] b) {
          v = b[i] & 0xff; // PointNet writes uint8 labels
        }
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
          throw new PointCloudFormatException(file.toString(), -1, label.getAddress(),
              "'label' value " + v + " at row " + i + " is not a class index");
        }
        out[i] = (int) v;
      }
      return out;
    } catch (PointCloudFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw wrap(file, e);
    }
  }

  private static Dataset dataset(HdfFile h, Path file, String name)
      throws PointCloudFormatException {
    Node n = h.getChildren().get(name);
    if (!(n instanceof Dataset d)) {
      throw new PointCloudFormatException(file.toString(), -1, 0, "no '" + name
          + "' dataset: not PointNet's layout (datasets: " + h.getChildren().keySet() + ")");
    }
    return d;
  }

  private static PointCloudFormatException wrap(Path file, RuntimeException e) {
    return H5Files.unreadable(file.toString(), e);
  }
}

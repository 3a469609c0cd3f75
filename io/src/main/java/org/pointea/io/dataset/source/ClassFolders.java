package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.Printable;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;

/**
 * Lists the shapes of a folder-per-class tree, the form ModelNet's meshes, its NumPy re-releases
 * and a team's own labelled data take. Two arrangements are read:
 *
 * <ul>
 *   <li>split folders: {@code <class>/train/<id>.<ext>} and {@code <class>/test/<id>.<ext>}
 *       (optionally {@code <class>/val/}), as the Princeton ModelNet archive;
 *   <li>split lists: {@code <class>/<id>.<ext>} with {@code train.txt} and {@code test.txt}
 *       (optionally {@code val.txt}) in the root, one shape per line as a path relative to the
 *       root, with or without its extension ({@code chair/chair_0001} or {@code chair/chair_0001.ply}).
 * </ul>
 *
 * <p>Files may be in any format pointea reads one shape from (OFF, PLY, PCD, NPY, XYZ-style text;
 * the extension decides) and formats may be mixed. Class ids are the lines of {@code classes.txt}
 * when the root has one, else the class folders in sorted order (as PyTorch Geometric numbers
 * them). Without a validation folder or list, {@link Split#VAL} is a stratified part of the
 * training shapes ({@link ValidationSplit}). Names starting with {@code .} or {@code __} are
 * skipped; entries of list files must stay inside the root.
 */
public final class ClassFolders {
  /** The optional file fixing the class order. */
  public static final String CLASS_LIST = "classes.txt";

  private static final List<String> SPLIT_FOLDERS = List.of("train", "val", "test");

  private ClassFolders() {}

  /**
   * The shapes of one split.
   *
   * @param classNames class names in label order
   * @param entries the split's shapes in dataset order
   * @param indexFiles the list files read (for the cache fingerprint)
   */
  public record Listing(List<String> classNames, List<ShapeEntry> entries, List<Path> indexFiles) {}

  /**
   * Returns true when {@code dir} looks like a folder-per-class tree: split lists in the root, or
   * some class folder with a split folder holding at least one readable shape file.
   *
   * @param dir the folder
   * @return whether it is one
   * @throws IOException when it cannot be listed
   */
  public static boolean looksLikeTree(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve("train.txt")) && Files.isRegularFile(dir.resolve("test.txt"))) {
      return true;
    }
    for (Path c : classFolders(dir)) {
      for (String split : SPLIT_FOLDERS) {
        Path s = c.resolve(split);
        if (Files.isDirectory(s) && firstShapeFile(s).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns the first readable shape file of the tree (in sorted order), to tell what the files
   * hold without reading them all.
   *
   * @param root the tree's root
   * @return a file, or empty when there is none
   * @throws IOException when the tree cannot be listed
   */
  public static Optional<Path> firstShape(Path root) throws IOException {
    List<Path> classes = classFolders(root);
    for (Path c : classes) {
      for (String split : SPLIT_FOLDERS) {
        Path s = c.resolve(split);
        if (Files.isDirectory(s)) {
          Optional<Path> f = firstShapeFile(s);
          if (f.isPresent()) {
            return f;
          }
        }
      }
      Optional<Path> f = firstShapeFile(c);
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  /**
   * Lists one split.
   *
   * @param layout the layout read (for messages)
   * @param root the tree's root
   * @param variant {@link ModelNetVariant#MODELNET10} keeps the ten ModelNet10 classes of a larger
   *     tree; anything else keeps every class
   * @param split the split
   * @param valFraction the part of each class of the training shapes held out as VAL when the tree
   *     has no validation folder or list
   * @return the listing
   * @throws IOException when the tree is incomplete, a list is malformed, or it cannot be listed
   */
  public static Listing list(DatasetLayout layout, Path root, ModelNetVariant variant, Split split,
      double valFraction) throws IOException {
    List<Path> indexFiles = new ArrayList<>();
    List<String> classes = classNames(root, indexFiles);
    if (classes.isEmpty()) {
      throw DatasetNotFoundException.noDataset(root, layout.task(), "folder-per-class");
    }
    MissingFiles missing = new MissingFiles(layout, root);
    boolean restricted = variant == ModelNetVariant.MODELNET10 && classes.size() != 10;
    if (restricted) {
      for (String c : ModelNetVariant.MODELNET10_CLASSES) {
        if (!classes.contains(c)) {
          missing.add(root.resolve(c), "a ModelNet10 class folder");
        }
      }
      missing.throwIfAny();
      classes = new ArrayList<>(ModelNetVariant.MODELNET10_CLASSES);
    }
    boolean lists = Files.isRegularFile(root.resolve("train.txt"));
    boolean hasVal = lists ? Files.isRegularFile(root.resolve("val.txt"))
        : anySplitFolder(root, classes, "val");
    List<ShapeEntry> entries;
    if (split == Split.TEST || (hasVal && split != Split.TRAINVAL)) {
      entries = read(layout, root, classes, split.id(), lists, restricted, indexFiles, missing);
    } else if (hasVal) {
      entries = new ArrayList<>(read(layout, root, classes, "train", lists, restricted, indexFiles, missing));
      entries.addAll(read(layout, root, classes, "val", lists, restricted, indexFiles, missing));
    } else {
      entries = ValidationSplit.select(read(layout, root, classes, "train", lists, restricted, indexFiles, missing),
          split, valFraction);
    }
    missing.throwIfAny();
    return new Listing(List.copyOf(classes), List.copyOf(entries), List.copyOf(indexFiles));
  }

  private static List<ShapeEntry> read(DatasetLayout layout, Path root, List<String> classes, String split,
      boolean lists, boolean restricted, List<Path> indexFiles, MissingFiles missing)
      throws IOException {
    return lists ? fromList(layout, root, classes, split, restricted, indexFiles, missing)
        : fromFolders(root, classes, split, missing);
  }

  private static List<ShapeEntry> fromFolders(Path root, List<String> classes, String split,
      MissingFiles missing) throws IOException {
    List<ShapeEntry> out = new ArrayList<>();
    if (!anySplitFolder(root, classes, split)) {
      return out; // a tree without this split (e.g. an evaluation set of test folders only)
    }
    for (int label = 0; label < classes.size(); label++) {
      Path dir = root.resolve(classes.get(label)).resolve(split);
      if (!Files.isDirectory(dir)) {
        missing.add(dir, "the " + split + " folder of class '" + classes.get(label) + "'");
        continue;
      }
      for (Path p : shapeFiles(dir)) {
        out.add(new ShapeEntry(stem(p), label, p, 0));
      }
    }
    return out;
  }

  private static List<ShapeEntry> fromList(DatasetLayout layout, Path root, List<String> classes, String split,
      boolean restricted, List<Path> indexFiles, MissingFiles missing) throws IOException {
    Path list = root.resolve(split + ".txt");
    MissingFiles.require(layout, root, list, "the " + split + " list");
    indexFiles.add(list);
    Map<String, Integer> labelOf = new LinkedHashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      labelOf.put(classes.get(i), i);
    }
    List<ShapeEntry> out = new ArrayList<>();
    for (ListFiles.Line line : ListFiles.lines(list)) {
      if (line.text().startsWith("#")) {
        continue;
      }
      Path rel = relativeEntry(root, list, line);
      if (rel.getNameCount() != 2) {
        throw new PointCloudFormatException(list.toString(), line.number(), -1,
            "expected '<class>/<shape>', found '" + Printable.escape(line.text()) + "'");
      }
      String cls = rel.getName(0).toString();
      Integer label = labelOf.get(cls);
      if (label == null) {
        if (restricted) {
          continue; // a class the variant leaves out
        }
        throw new PointCloudFormatException(list.toString(), line.number(), -1, "class '"
            + Printable.escape(cls) + "' is not one of the " + classes.size() + " classes"
            + (Files.isRegularFile(root.resolve(CLASS_LIST)) ? " of " + CLASS_LIST : " (class folders)"));
      }
      Path file = resolveShape(root.resolve(rel));
      if (file == null) {
        missing.add(root.resolve(rel), "listed in " + split + ".txt, line " + line.number());
        continue;
      }
      out.add(new ShapeEntry(stem(file), label, file, 0));
    }
    return out;
  }

  /** Parses one list entry as a path relative to the root that cannot leave it. */
  private static Path relativeEntry(Path root, Path list, ListFiles.Line line) throws IOException {
    Path inside = DatasetPaths.resolveInside(root, line.text(), list, line.number());
    return root.toAbsolutePath().normalize().relativize(inside);
  }

  /** The file a list entry names: itself, or the one readable file with that stem. */
  private static Path resolveShape(Path named) throws IOException {
    if (Files.isRegularFile(named) && readable(named)) {
      return named;
    }
    Path dir = named.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    String stem = named.getFileName().toString();
    for (Path p : shapeFiles(dir)) {
      if (stem(p).equals(stem)) {
        return p;
      }
    }
    return null;
  }

  private static List<String> classNames(Path root, List<Path> indexFiles) throws IOException {
    Path list = root.resolve(CLASS_LIST);
    if (Files.isRegularFile(list)) {
      indexFiles.add(list);
      List<String> out = new ArrayList<>();
      for (ListFiles.Line line : ListFiles.lines(list)) {
        String name = line.text();
        if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
          throw new PointCloudFormatException(list.toString(), line.number(), -1,
              "a class name cannot be a path: '" + Printable.escape(name) + "'");
        }
        if (out.contains(name)) {
          throw new PointCloudFormatException(list.toString(), line.number(), -1,
              "class '" + Printable.escape(name) + "' is listed twice");
        }
        out.add(name);
      }
      return out;
    }
    List<String> out = new ArrayList<>();
    for (Path c : classFolders(root)) {
      out.add(c.getFileName().toString());
    }
    return out;
  }

  private static boolean anySplitFolder(Path root, List<String> classes, String split) {
    for (String c : classes) {
      if (Files.isDirectory(root.resolve(c).resolve(split))) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> classFolders(Path root) throws IOException {
    Set<Path> out = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path c : s) {
        String name = c.getFileName().toString();
        if (!name.startsWith(".") && !name.startsWith("__")) {
          out.add(c);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static Optional<Path> firstShapeFile(Path dir) throws IOException {
    List<Path> files = shapeFiles(dir);
    return files.isEmpty() ? Optional.empty() : Optional.of(files.get(0));
  }

  /** The readable shape files directly in {@code dir}, sorted by name. */
  private static List<Path> shapeFiles(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isRegularFile)) {
      for (Path p : s) {
        if (!p.getFileName().toString().startsWith(".") && readable(p)) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** True for the extensions of formats holding one shape per file (every format but HDF5). */
  static boolean readable(Path file) {
    return PointCloudFormat.fromExtension(file)
        .filter(f -> f != PointCloudFormat.HDF5)
        .isPresent();
  }

  private static String stem(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }


}

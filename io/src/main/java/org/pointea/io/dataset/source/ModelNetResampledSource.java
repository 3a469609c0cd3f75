package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.pointcloud.PointCloud;

/**
 * PointNet++'s {@code modelnet40_normal_resampled}: class names from
 * {@code modelnet40_shape_names.txt} (or {@code shape_names.txt}), shape ids from
 * {@code modelnet40_train.txt} / {@code modelnet40_test.txt} (the {@code modelnet10_*} files for
 * ModelNet10), and one comma-separated {@code x,y,z,nx,ny,nz} file per shape at
 * {@code <class>/<id>.txt}, the class being the id without its last {@code _NNNN} part.
 */
public final class ModelNetResampledSource implements ShapeSource {
  private static final ReadOptions WITH_NORMALS = ReadOptions.builder().optAutoOrigin(false).build();

  private final Path root;
  private final List<String> classNames;
  private final List<ShapeEntry> entries;
  private final List<Path> files;

  private ModelNetResampledSource(
      Path root, List<String> classNames, List<ShapeEntry> entries, List<Path> files) {
    this.root = root;
    this.classNames = List.copyOf(classNames);
    this.entries = List.copyOf(entries);
    this.files = List.copyOf(files);
  }

  /**
   * Lists a split and checks that its files exist.
   *
   * @param root the folder holding the lists
   * @param variant which benchmark
   * @param split the split
   * @param valFraction the part of each class of the training list held out as VAL
   * @return the source
   * @throws IOException when a needed file is missing or malformed
   */
  public static ModelNetResampledSource open(
      Path root, ModelNetVariant variant, Split split, double valFraction) throws IOException {
    DatasetLayout layout = DatasetLayout.MODELNET_NORMAL_RESAMPLED;
    boolean ten = variant == ModelNetVariant.MODELNET10
        || (variant == ModelNetVariant.AUTO
            && !Files.exists(root.resolve("modelnet40_train.txt"))
            && !Files.exists(root.resolve("modelnet40_test.txt"))
            && (Files.exists(root.resolve("modelnet10_train.txt"))
                || Files.exists(root.resolve("modelnet10_test.txt"))));
    String prefix = ten ? "modelnet10" : "modelnet40";
    Path names = root.resolve(prefix + "_shape_names.txt");
    if (!ten && !Files.isRegularFile(names) && Files.isRegularFile(root.resolve("shape_names.txt"))) {
      names = root.resolve("shape_names.txt");
    }
    Path list = root.resolve(prefix + (split == Split.TEST ? "_test.txt" : "_train.txt"));
    MissingFiles missing = new MissingFiles(layout, root);
    missing.check(names, "the class names");
    missing.check(list, "the " + (split == Split.TEST ? "test" : "training") + " shape ids");
    missing.throwIfAny();

    List<String> classes = new ArrayList<>();
    for (ListFiles.Line l : ListFiles.lines(names)) {
      classes.add(l.text());
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      if (index.putIfAbsent(classes.get(i), i) != null) {
        throw new PointCloudFormatException(names.toString(), i + 1, -1,
            "class '" + classes.get(i) + "' is listed twice");
      }
    }
    List<ShapeEntry> all = new ArrayList<>();
    List<Path> files = new ArrayList<>(List.of(names, list));
    for (ListFiles.Line l : ListFiles.lines(list)) {
      String id = l.text();
      int cut = id.lastIndexOf('_');
      if (cut <= 0 || id.contains("/") || id.contains("\\")) {
        throw new PointCloudFormatException(list.toString(), l.number(), -1,
            "'" + id + "' is not a shape id of the form <class>_<NNNN>");
      }
      String cls = id.substring(0, cut);
      Integer label = index.get(cls);
      if (label == null) {
        throw new PointCloudFormatException(list.toString(), l.number(), -1, "shape '" + id
            + "' is of class '" + cls + "', which " + names.getFileName() + " does not list");
      }
      Path file = DatasetPaths.resolveInside(root, cls + "/" + id + ".txt", list, l.number());
      if (missing.check(file, "listed in " + list.getFileName() + ", line " + l.number())) {
        all.add(new ShapeEntry(id, label, file, 0));
      }
    }
    missing.throwIfAny();
    List<ShapeEntry> chosen =
        split == Split.TEST ? all : ValidationSplit.select(all, split, valFraction);
    for (ShapeEntry e : chosen) {
      files.add(e.file());
    }
    return new ModelNetResampledSource(root, classes, chosen, files);
  }

  @Override
  public DatasetLayout layout() {
    return DatasetLayout.MODELNET_NORMAL_RESAMPLED;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public List<ShapeEntry> entries() {
    return entries;
  }

  @Override
  public List<Path> files() {
    return files;
  }

  @Override
  public boolean hasNormals() {
    return true;
  }

  @Override
  public boolean hasParts() {
    return false;
  }

  @Override
  public List<PointCloud> load(Path file, List<ShapeEntry> group, long seed, boolean withNormals)
      throws IOException {
    DatasetPaths.checkSize(file, DatasetPaths.MAX_SHAPE_FILE_BYTES, "a shape file");
    PointCloud c = TextReader.read(file, TextLayout.MODELNET, WITH_NORMALS);
    return List.of(c);
  }
}

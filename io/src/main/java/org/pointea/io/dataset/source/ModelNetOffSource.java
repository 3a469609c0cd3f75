package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Task;
import org.pointea.io.off.OffReader;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.MeshSampler;

/**
 * The Princeton ModelNet mesh tree {@code <class>/{train,test}/<class>_NNNN.off}: classes are the
 * class folders in sorted order (as PyTorch Geometric numbers them), shapes the folder's OFF files
 * in name order, and each mesh is surface-sampled with area weighting (with face normals) to a
 * fixed number of points, seeded per shape.
 */
public final class ModelNetOffSource implements ShapeSource {
  private final Path root;
  private final List<String> classNames;
  private final List<ShapeEntry> entries;
  private final List<Path> files;
  private final int surfacePoints;

  private ModelNetOffSource(
      Path root, List<String> classNames, List<ShapeEntry> entries, int surfacePoints) {
    this.root = root;
    this.classNames = List.copyOf(classNames);
    this.entries = List.copyOf(entries);
    this.files = entries.stream().map(ShapeEntry::file).toList();
    this.surfacePoints = surfacePoints;
  }

  /**
   * Lists a split.
   *
   * @param root the folder holding the class folders
   * @param variant which benchmark ({@link ModelNetVariant#MODELNET10} keeps the ten ModelNet10
   *     classes of a 40-class tree)
   * @param split the split
   * @param valFraction the part of each class of the training folders held out as VAL
   * @param surfacePoints points sampled on each mesh's surface
   * @return the source
   * @throws IOException when the tree is incomplete or cannot be listed
   */
  public static ModelNetOffSource open(Path root, ModelNetVariant variant, Split split,
      double valFraction, int surfacePoints) throws IOException {
    if (surfacePoints <= 0) {
      throw new IllegalArgumentException("surface points must be > 0, got " + surfacePoints);
    }
    List<String> classes = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path c : s) {
        String name = c.getFileName().toString();
        if (!name.startsWith(".") && !name.startsWith("__")
            && (Files.isDirectory(c.resolve("train")) || Files.isDirectory(c.resolve("test")))) {
          classes.add(name);
        }
      }
    }
    classes.sort(null);
    if (classes.isEmpty()) {
      throw DatasetNotFoundException.noDataset(root, Task.CLASSIFICATION, "ModelNet");
    }
    MissingFiles missing = new MissingFiles(DatasetLayout.MODELNET_OFF, root);
    if (variant == ModelNetVariant.MODELNET10 && classes.size() != 10) {
      for (String c : ModelNetVariant.MODELNET10_CLASSES) {
        if (!classes.contains(c)) {
          missing.add(root.resolve(c), "a ModelNet10 class folder");
        }
      }
      missing.throwIfAny();
      classes = new ArrayList<>(ModelNetVariant.MODELNET10_CLASSES);
    }
    String folder = split == Split.TEST ? "test" : "train";
    List<ShapeEntry> all = new ArrayList<>();
    for (int label = 0; label < classes.size(); label++) {
      Path dir = root.resolve(classes.get(label)).resolve(folder);
      if (!Files.isDirectory(dir)) {
        missing.add(dir, "the " + folder + " folder of class '" + classes.get(label) + "'");
        continue;
      }
      List<Path> offs = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.off")) {
        for (Path p : s) {
          offs.add(p);
        }
      }
      offs.sort(null);
      for (Path p : offs) {
        String id = p.getFileName().toString();
        all.add(new ShapeEntry(id.substring(0, id.length() - 4), label, p, 0));
      }
    }
    missing.throwIfAny();
    List<ShapeEntry> chosen =
        split == Split.TEST ? all : ValidationSplit.select(all, split, valFraction);
    return new ModelNetOffSource(root, classes, chosen, surfacePoints);
  }

  @Override
  public DatasetLayout layout() {
    return DatasetLayout.MODELNET_OFF;
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
    DatasetPaths.checkSize(file, DatasetPaths.MAX_SHAPE_FILE_BYTES, "a mesh file");
    TriangleMesh mesh = OffReader.readMesh(file);
    List<PointCloud> out = new ArrayList<>(group.size());
    for (ShapeEntry e : group) {
      try {
        out.add(MeshSampler.sample(mesh, surfacePoints, withNormals,
            RandomStreams.of(seed, e.key())));
      } catch (IllegalArgumentException ex) {
        throw new PointCloudFormatException(file.toString(), -1, 0,
            "cannot surface-sample " + mesh + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }
}

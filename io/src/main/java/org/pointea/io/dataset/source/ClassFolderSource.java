package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.PointCloudIO;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.internal.Input;
import org.pointea.io.ply.PlyHeader;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.MeshSampler;

/**
 * One split of a folder-per-class tree ({@link ClassFolders}): each file is one shape of its
 * folder's class, in any format pointea reads. Meshes (OFF, and PLY files with faces) are
 * surface-sampled with area weighting and face normals to a fixed number of points, seeded per
 * shape; clouds are read as they are, with their normals and per-point labels when the files carry
 * them (a {@code labels} channel makes the tree a part-segmentation dataset).
 *
 * <p>What the files hold (normals, labels) is told from the first file of the tree; a later file
 * that lacks what the first one has fails with a message naming it.
 */
public final class ClassFolderSource implements ShapeSource {
  private final DatasetLayout layout;
  private final Path root;
  private final ClassFolders.Listing listing;
  private final List<Path> files;
  private final int surfacePoints;
  private final boolean normals;
  private final boolean parts;

  private ClassFolderSource(DatasetLayout layout, Path root, ClassFolders.Listing listing,
      int surfacePoints, Contents contents) {
    this.layout = layout;
    this.root = root;
    this.listing = listing;
    List<Path> all = new ArrayList<>(listing.indexFiles());
    listing.entries().forEach(e -> all.add(e.file()));
    this.files = List.copyOf(all);
    this.surfacePoints = surfacePoints;
    this.normals = contents.normals();
    this.parts = contents.labels();
  }

  /**
   * Lists a split.
   *
   * @param layout {@link DatasetLayout#CLASS_FOLDERS} or {@link DatasetLayout#CLASS_FOLDERS_PARTS}
   * @param root the folder holding the class folders
   * @param variant which benchmark ({@link ModelNetVariant#MODELNET10} keeps the ten ModelNet10
   *     classes of a larger tree)
   * @param split the split
   * @param valFraction the part of each class of the training shapes held out as VAL when the tree
   *     has no validation folder or list
   * @param surfacePoints points sampled on each mesh's surface
   * @return the source
   * @throws IOException when the tree is incomplete, a list is malformed, or the first shape
   *     cannot be read
   */
  public static ClassFolderSource open(DatasetLayout layout, Path root, ModelNetVariant variant,
      Split split, double valFraction, int surfacePoints) throws IOException {
    if (surfacePoints <= 0) {
      throw new IllegalArgumentException("surface points must be > 0, got " + surfacePoints);
    }
    ClassFolders.Listing listing = ClassFolders.list(layout, root, variant, split, valFraction);
    Optional<Path> first = ClassFolders.firstShape(root);
    Contents contents = first.isPresent() ? contents(first.get()) : new Contents(false, false);
    return new ClassFolderSource(layout, root, listing, surfacePoints, contents);
  }

  /**
   * What a file holds, as a dataset of such files would: whether it is a mesh (sampled with
   * normals), and whether its points carry normals and labels.
   *
   * @param file the file
   * @return its contents
   * @throws IOException when it cannot be read
   */
  public static Contents contents(Path file) throws IOException {
    if (isMesh(file)) {
      return new Contents(true, false);
    }
    PointCloud c = PointCloudIO.read(file, ReadOptions.DEFAULT);
    return new Contents(c.hasNormals(), c.hasLabels());
  }

  /**
   * What the shapes of a tree carry.
   *
   * @param normals whether they have normals (meshes: face normals of the samples)
   * @param labels whether their points have labels (part ids)
   */
  public record Contents(boolean normals, boolean labels) {}

  @Override
  public DatasetLayout layout() {
    return layout;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public List<String> classNames() {
    return listing.classNames();
  }

  @Override
  public List<ShapeEntry> entries() {
    return listing.entries();
  }

  @Override
  public List<Path> files() {
    return files;
  }

  @Override
  public boolean hasNormals() {
    return normals;
  }

  @Override
  public boolean hasParts() {
    return parts;
  }

  /**
   * Returns true when the file is a mesh: OFF, or PLY with a non-empty face element.
   *
   * @param file the file
   * @return whether it is sampled as a mesh
   * @throws IOException when its header cannot be read
   */
  public static boolean isMesh(Path file) throws IOException {
    PointCloudFormat f = PointCloudFormat.detect(file);
    if (f == PointCloudFormat.OFF) {
      return true;
    }
    if (f != PointCloudFormat.PLY) {
      return false;
    }
    try (Input in = Input.open(file)) {
      PlyHeader.Element face = PlyHeader.read(in).element("face");
      return face != null && face.count() > 0;
    }
  }

  @Override
  public List<PointCloud> load(Path file, List<ShapeEntry> group, long seed, boolean withNormals)
      throws IOException {
    DatasetPaths.checkSize(file, DatasetPaths.MAX_SHAPE_FILE_BYTES, "a shape file");
    List<PointCloud> out = new ArrayList<>(group.size());
    if (isMesh(file)) {
      TriangleMesh mesh = PointCloudIO.readMesh(file);
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
    PointCloud cloud = PointCloudIO.read(file, ReadOptions.DEFAULT);
    if (withNormals && !cloud.hasNormals()) {
      throw new PointCloudFormatException(file.toString(), -1, -1,
          "has no normals, but the first shape of " + root + " has them");
    }
    if (parts && !cloud.hasLabels()) {
      throw new PointCloudFormatException(file.toString(), -1, -1,
          "has no per-point labels, but the first shape of " + root + " has them");
    }
    if (cloud.isEmpty()) {
      throw new PointCloudFormatException(file.toString(), -1, -1, "holds no points");
    }
    for (int i = 0; i < group.size(); i++) {
      out.add(cloud);
    }
    return out;
  }
}

package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.Split;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * ShapeNet-part in PointNet's HDF5 layout ({@code hdf5_data/}): {@code train_hdf5_file_list.txt},
 * {@code val_hdf5_file_list.txt} and {@code test_hdf5_file_list.txt} name {@code .h5} files
 * relative to the folder; each holds {@code data [B,N,3]}, {@code label [B,1]} (the category,
 * 0..15) and {@code pid [B,N]} (global part ids 0..49). When {@code all_object_categories.txt} is
 * present its line order defines the category labels (mapped to the standard order by synset).
 */
public final class ShapeNetPartH5Source implements ShapeSource {
  private final Path root;
  private final List<Path> h5;
  private final List<Path> files;
  private final int[] categoryOfLabel;
  private final Set<Integer> categories;
  private final boolean normals;
  private List<ShapeEntry> entries;

  private ShapeNetPartH5Source(Path root, List<Path> h5, List<Path> files, int[] categoryOfLabel,
      Set<Integer> categories, boolean normals) {
    this.root = root;
    this.h5 = List.copyOf(h5);
    this.files = List.copyOf(files);
    this.categoryOfLabel = categoryOfLabel;
    this.categories = Set.copyOf(categories);
    this.normals = normals;
  }

  /**
   * Resolves a split's files.
   *
   * @param root the {@code hdf5_data} folder
   * @param split the split (TRAINVAL = train then val)
   * @param categories category indices to keep; empty keeps all
   * @return the source
   * @throws IOException when a needed file is missing or malformed
   */
  public static ShapeNetPartH5Source open(Path root, Split split, Set<Integer> categories)
      throws IOException {
    MissingFiles missing = new MissingFiles(DatasetLayout.SHAPENET_PART_HDF5, root);
    List<String> lists = switch (split) {
      case TRAIN -> List.of("train_hdf5_file_list.txt");
      case VAL -> List.of("val_hdf5_file_list.txt");
      case TRAINVAL -> List.of("train_hdf5_file_list.txt", "val_hdf5_file_list.txt");
      case TEST -> List.of("test_hdf5_file_list.txt");
    };
    List<Path> files = new ArrayList<>();
    for (String l : lists) {
      missing.check(root.resolve(l), "the " + split.id() + " file list");
    }
    missing.throwIfAny();
    List<Path> h5 = new ArrayList<>();
    for (String l : lists) {
      Path list = root.resolve(l);
      files.add(list);
      h5.addAll(H5Index.resolveList(root, list, missing));
    }
    missing.throwIfAny();
    int[] map = new int[ShapeNetPart.CATEGORIES];
    for (int i = 0; i < map.length; i++) {
      map[i] = i;
    }
    Path cats = root.resolve("all_object_categories.txt");
    if (Files.isRegularFile(cats)) {
      files.add(cats);
      List<ListFiles.Line> lines = ListFiles.lines(cats);
      map = new int[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        map[i] = ShapeNetPartNormalSource.category(cats, lines.get(i));
      }
    }
    files.addAll(h5);
    boolean normals = !h5.isEmpty() && H5Index.datasets(h5.get(0)).contains("normal");
    return new ShapeNetPartH5Source(root, h5, files, map, categories, normals);
  }

  @Override
  public DatasetLayout layout() {
    return DatasetLayout.SHAPENET_PART_HDF5;
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public List<String> classNames() {
    return ShapeNetPart.categoryNames();
  }

  @Override
  public synchronized List<ShapeEntry> entries() throws IOException {
    if (entries == null) {
      List<ShapeEntry> all = new ArrayList<>();
      for (Path f : h5) {
        int[] labels = H5Index.labels(f);
        for (int i = 0; i < labels.length; i++) {
          if (labels[i] >= categoryOfLabel.length) {
            throw new PointCloudFormatException(f.toString(), -1, 0, "category label "
                + labels[i] + " at row " + i + " is not one of the " + categoryOfLabel.length
                + " categories");
          }
          int cat = categoryOfLabel[labels[i]];
          if (categories.isEmpty() || categories.contains(cat)) {
            all.add(new ShapeEntry(f.getFileName() + ":" + i, cat, f, i));
          }
        }
      }
      entries = List.copyOf(all);
    }
    return entries;
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
    return true;
  }

  @Override
  public List<PointCloud> load(Path file, List<ShapeEntry> group, long seed, boolean withNormals)
      throws IOException {
    ReadOptions opts = ReadOptions.builder().optAutoOrigin(false)
        .optChannels(Channel.NORMALS, Channel.LABELS).build();
    PointNetBatch batch = PointNetH5Reader.read(file, opts);
    List<PointCloud> out = new ArrayList<>(group.size());
    for (ShapeEntry e : group) {
      if (e.index() >= batch.size()) {
        throw new PointCloudFormatException(file.toString(), -1, 0,
            "holds " + batch.size() + " shapes, row " + e.index() + " was listed");
      }
      PointCloud c = batch.cloud(e.index());
      if (!c.hasLabels()) {
        throw new PointCloudFormatException(file.toString(), -1, 0,
            "has no 'pid' dataset: not ShapeNet-part's layout");
      }
      if (withNormals && !c.hasNormals()) {
        throw new PointCloudFormatException(file.toString(), -1, 0,
            "has no 'normal' dataset, but normals were asked for");
      }
      ShapeNetPartNormalSource.checkParts(file, c, e.label(), "row " + e.index());
      out.add(c);
    }
    return out;
  }
}

package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.PointCloud;

/**
 * PointNet's {@code modelnet40_ply_hdf5_2048}: {@code train_files.txt} / {@code test_files.txt}
 * name the {@code .h5} files (paths such as {@code data/modelnet40_ply_hdf5_2048/ply_data_train0.h5},
 * resolved against the dataset folder), {@code shape_names.txt} the classes; each file holds
 * {@code data [B,N,3]}, {@code label [B,1]} and optionally {@code normal [B,N,3]}. Shape ids come
 * from {@code ply_data_train_0_id2file.json} when present and as long as the file, else
 * {@code <file>:<row>}.
 */
public final class ModelNetH5Source implements ShapeSource {
  private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)$");

  private final Path root;
  private final List<String> classNames;
  private final List<Path> h5;
  private final List<Path> files;
  private final Split split;
  private final double valFraction;
  private final int[] remap;
  private final boolean normals;
  private List<ShapeEntry> entries;

  private ModelNetH5Source(Path root, List<String> classNames, List<Path> h5, List<Path> files,
      Split split, double valFraction, int[] remap, boolean normals) {
    this.root = root;
    this.classNames = List.copyOf(classNames);
    this.h5 = List.copyOf(h5);
    this.files = List.copyOf(files);
    this.split = split;
    this.valFraction = valFraction;
    this.remap = remap;
    this.normals = normals;
  }

  /**
   * Resolves a split's files.
   *
   * @param root the folder holding the lists
   * @param variant {@link ModelNetVariant#MODELNET10} keeps the ten ModelNet10 classes
   * @param split the split
   * @param valFraction the part of each class of the training files held out as VAL
   * @return the source
   * @throws IOException when a needed file is missing or malformed
   */
  public static ModelNetH5Source open(
      Path root, ModelNetVariant variant, Split split, double valFraction) throws IOException {
    DatasetLayout layout = DatasetLayout.MODELNET_HDF5;
    Path names = root.resolve("shape_names.txt");
    Path list = root.resolve(split == Split.TEST ? "test_files.txt" : "train_files.txt");
    MissingFiles missing = new MissingFiles(layout, root);
    missing.check(names, "the class names");
    missing.check(list, "the " + (split == Split.TEST ? "test" : "training") + " file list");
    missing.throwIfAny();
    List<String> classes = new ArrayList<>();
    for (ListFiles.Line l : ListFiles.lines(names)) {
      classes.add(l.text());
    }
    int[] remap = new int[classes.size()];
    List<String> kept = classes;
    if (variant == ModelNetVariant.MODELNET10 && classes.size() != 10) {
      kept = ModelNetVariant.MODELNET10_CLASSES;
      for (int i = 0; i < classes.size(); i++) {
        remap[i] = kept.indexOf(classes.get(i));
      }
      for (String c : kept) {
        if (!classes.contains(c)) {
          throw new PointCloudFormatException(names.toString(), -1, 0,
              "ModelNet10 class '" + c + "' is not listed");
        }
      }
    } else {
      for (int i = 0; i < remap.length; i++) {
        remap[i] = i;
      }
    }
    List<Path> h5 = H5Index.resolveList(root, list, missing);
    missing.throwIfAny();
    if (h5.isEmpty()) {
      throw new PointCloudFormatException(list.toString(), -1, 0, "lists no .h5 file");
    }
    List<Path> files = new ArrayList<>(List.of(names, list));
    files.addAll(h5);
    for (Path f : h5) {
      Path ids = id2file(f);
      if (ids != null) {
        files.add(ids);
      }
    }
    boolean normals = H5Index.datasets(h5.get(0)).contains("normal");
    return new ModelNetH5Source(root, kept, h5, files, split, valFraction, remap, normals);
  }

  /** Returns PointNet's {@code ply_data_train_0_id2file.json} for {@code ply_data_train0.h5}. */
  private static Path id2file(Path h5) {
    String name = h5.getFileName().toString();
    String stem = name.endsWith(".h5") ? name.substring(0, name.length() - 3) : name;
    Matcher m = NUMBERED.matcher(stem);
    if (!m.matches()) {
      return null;
    }
    Path p = h5.resolveSibling(m.group(1) + "_" + m.group(2) + "_id2file.json");
    return Files.isRegularFile(p) ? p : null;
  }

  @Override
  public DatasetLayout layout() {
    return DatasetLayout.MODELNET_HDF5;
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
  public synchronized List<ShapeEntry> entries() throws IOException {
    if (entries == null) {
      List<ShapeEntry> all = new ArrayList<>();
      for (Path f : h5) {
        int[] labels = H5Index.labels(f);
        Path idFile = id2file(f);
        List<String> ids = idFile == null ? List.of() : ListFiles.jsonStrings(idFile);
        boolean named = ids.size() == labels.length;
        for (int i = 0; i < labels.length; i++) {
          if (labels[i] >= remap.length) {
            throw new PointCloudFormatException(f.toString(), -1, 0, "label " + labels[i]
                + " at row " + i + ", but shape_names.txt lists " + remap.length + " classes");
          }
          int label = remap[labels[i]];
          if (label < 0) {
            continue;
          }
          String id = named ? stem(ids.get(i)) : f.getFileName() + ":" + i;
          all.add(new ShapeEntry(id, label, f, i));
        }
      }
      entries = split == Split.TEST ? List.copyOf(all)
          : List.copyOf(ValidationSplit.select(all, split, valFraction));
    }
    return entries;
  }

  private static String stem(String path) {
    String p = path.replace('\\', '/');
    String name = p.substring(p.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
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
    return false;
  }

  @Override
  public List<PointCloud> load(Path file, List<ShapeEntry> group, long seed, boolean withNormals)
      throws IOException {
    ReadOptions opts =
        ReadOptions.builder().optAutoOrigin(false).optChannels(Channel.NORMALS).build();
    PointNetBatch batch = PointNetH5Reader.read(file, opts);
    List<PointCloud> out = new ArrayList<>(group.size());
    for (ShapeEntry e : group) {
      if (e.index() >= batch.size()) {
        throw new PointCloudFormatException(file.toString(), -1, 0,
            "holds " + batch.size() + " shapes, row " + e.index() + " was listed");
      }
      PointCloud c = batch.cloud(e.index());
      if (withNormals && !c.hasNormals()) {
        throw new PointCloudFormatException(file.toString(), -1, 0,
            "has no 'normal' dataset, but normals were asked for");
      }
      out.add(c);
    }
    return out;
  }
}

package org.pointea.io.dataset.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.Split;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.pointcloud.IntChannel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;

/**
 * ShapeNet-part's {@code shapenetcore_partanno_segmentation_benchmark_v0_normal}: categories from
 * {@code synsetoffset2category.txt}, splits from
 * {@code train_test_split/shuffled_{train,val,test}_file_list.json} (entries
 * {@code shape_data/<synset>/<token>}), and one {@code x y z nx ny nz part} file per shape at
 * {@code <synset>/<token>.txt} with global part ids.
 *
 * <p>Labels are the standard category indices of {@link ShapeNetPart} (looked up by synset, so
 * the line order of the file does not matter). Shapes are ordered as yanx27 and PointNet++ order
 * them: category by category, tokens sorted. TRAINVAL is train and val together.
 */
public final class ShapeNetPartNormalSource implements ShapeSource {
  private static final ReadOptions READ = ReadOptions.builder().optAutoOrigin(false).build();

  private final Path root;
  private final List<ShapeEntry> entries;
  private final List<Path> files;

  private ShapeNetPartNormalSource(Path root, List<ShapeEntry> entries, List<Path> files) {
    this.root = root;
    this.entries = List.copyOf(entries);
    this.files = List.copyOf(files);
  }

  /**
   * Lists a split and checks that its files exist.
   *
   * @param root the folder holding {@code synsetoffset2category.txt}
   * @param split the split
   * @param categories category indices to keep; empty keeps all
   * @return the source
   * @throws IOException when a needed file is missing or malformed
   */
  public static ShapeNetPartNormalSource open(Path root, Split split, Set<Integer> categories)
      throws IOException {
    MissingFiles missing = new MissingFiles(DatasetLayout.SHAPENET_PART_NORMAL, root);
    Path catFile = root.resolve("synsetoffset2category.txt");
    List<String> names = switch (split) {
      case TRAIN -> List.of("train");
      case VAL -> List.of("val");
      case TRAINVAL -> List.of("train", "val");
      case TEST -> List.of("test");
    };
    List<Path> lists = new ArrayList<>();
    for (String n : names) {
      lists.add(root.resolve("train_test_split").resolve("shuffled_" + n + "_file_list.json"));
    }
    missing.check(catFile, "the category list");
    for (Path l : lists) {
      missing.check(l, "the " + split.id() + " split");
    }
    missing.throwIfAny();

    Map<String, Integer> bySynset = new HashMap<>();
    for (ListFiles.Line l : ListFiles.lines(catFile)) {
      int c = category(catFile, l);
      if (categories.isEmpty() || categories.contains(c)) {
        bySynset.put(ShapeNetPart.synsets().get(c), c);
      }
    }
    List<Path> files = new ArrayList<>();
    files.add(catFile);
    files.addAll(lists);
    Set<String> seen = new LinkedHashSet<>();
    List<ShapeEntry> all = new ArrayList<>();
    for (Path list : lists) {
      List<ListFiles.Line> items = ListFiles.jsonEntries(list);
      for (int i = 0; i < items.size(); i++) {
        String item = items.get(i).text();
        long line = items.get(i).number();
        String[] parts = item.replace('\\', '/').split("/");
        if (parts.length < 3 || parts[parts.length - 1].isEmpty()) {
          throw new PointCloudFormatException(list.toString(), line, -1, "entry " + (i + 1)
              + " '" + item + "' is not of the form shape_data/<synset>/<token>");
        }
        String synset = parts[parts.length - 2];
        String token = parts[parts.length - 1];
        Integer cat = bySynset.get(synset);
        if (cat == null || !seen.add(synset + "/" + token)) {
          continue;
        }
        Path file = DatasetPaths.resolveInside(root, synset + "/" + token + ".txt", list, line);
        if (missing.check(file, "entry " + (i + 1) + " of " + list.getFileName())) {
          all.add(new ShapeEntry(token, cat, file, 0));
        }
      }
    }
    missing.throwIfAny();
    all.sort(Comparator.comparingInt(ShapeEntry::label).thenComparing(ShapeEntry::id));
    for (ShapeEntry e : all) {
      files.add(e.file());
    }
    return new ShapeNetPartNormalSource(root, all, files);
  }

  /**
   * Parses one {@code <Name> <synset>} line into a standard category index.
   *
   * @param file the file, for messages
   * @param line the line
   * @return the category index
   * @throws PointCloudFormatException when the line names no ShapeNet-part category
   */
  static int category(Path file, ListFiles.Line line) throws PointCloudFormatException {
    String[] f = line.text().split("\\s+");
    if (f.length != 2) {
      throw new PointCloudFormatException(file.toString(), line.number(), -1,
          "expected '<Name> <synset>', got '" + line.text() + "'");
    }
    try {
      return ShapeNetPart.categoryIndex(f[1]);
    } catch (IllegalArgumentException e) {
      throw new PointCloudFormatException(file.toString(), line.number(), -1,
          "synset '" + f[1] + "' is not one of the 16 ShapeNet-part categories");
    }
  }

  /**
   * Checks that every part id of a cloud belongs to its category.
   *
   * @param file the file, for messages
   * @param cloud the cloud with a labels channel
   * @param category the category index
   * @param where position prefix for messages (e.g. a row)
   * @throws PointCloudFormatException naming the first foreign part id
   */
  static void checkParts(Path file, PointCloud cloud, int category, String where)
      throws PointCloudFormatException {
    IntChannel labels = cloud.intChannel(org.pointea.pointcloud.Channel.LABELS);
    int first = ShapeNetPart.firstPart(category);
    int last = first + ShapeNetPart.partCount(category) - 1;
    for (int i = 0; i < cloud.size(); i++) {
      int p = labels.get(i, 0);
      if (p < first || p > last) {
        throw new PointCloudFormatException(file.toString(), where == null ? i + 1 : -1,
            where == null ? -1 : 0,
            (where == null ? "" : where + ", point " + i + ": ") + "part id " + p
                + " is not a part of " + ShapeNetPart.categoryName(category) + " (" + first
                + ".." + last + ")");
      }
    }
  }

  @Override
  public DatasetLayout layout() {
    return DatasetLayout.SHAPENET_PART_NORMAL;
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
    return true;
  }

  @Override
  public List<PointCloud> load(Path file, List<ShapeEntry> group, long seed, boolean withNormals)
      throws IOException {
    DatasetPaths.checkSize(file, DatasetPaths.MAX_SHAPE_FILE_BYTES, "a shape file");
    PointCloud c = TextReader.read(file, TextLayout.SHAPENET_PART, READ);
    if (!c.hasLabels()) {
      throw new PointCloudFormatException(file.toString(), -1, 0, "has no part column");
    }
    checkParts(file, c, group.get(0).label(), null);
    return List.of(c);
  }
}

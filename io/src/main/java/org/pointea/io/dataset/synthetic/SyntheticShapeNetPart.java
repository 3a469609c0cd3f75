package org.pointea.io.dataset.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.hdf5.PointNetH5Writer;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.io.text.TextWriter;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.MeshSampler;
import org.pointea.pointcloud.sampling.RandomSampler;

/**
 * A ShapeNet-part-style segmentation dataset: shapes of real ShapeNet-part categories
 * ({@link PartCategory}: Airplane, Chair, Lamp, Laptop, Mug, Table) assembled from parts whose
 * points carry the categories' real global part ids, written in ShapeNet-part's normal-text layout
 * (with its json splits and the 16-line {@code synsetoffset2category.txt}) or PointNet's HDF5
 * layout.
 *
 * <p>Shape {@code k} of category {@code c} (train, then val, then test) is drawn from
 * {@code RandomStreams.of(seed, c, k)}: random part sizes, then area-weighted surface points with
 * face normals and their triangle's part id, a little Gaussian noise, and (text layout) a random
 * number of points in {@code [minPoints, maxPoints]} as the real files vary in length. Shapes stand
 * upright and aligned, as ShapeNet's do; coordinates are centred with the largest half-extent 0.5.
 *
 * <pre>{@code
 * SyntheticShapeNetPart gen = SyntheticShapeNetPart.builder().optSeed(3).build();
 * gen.write(Path.of("/tmp/synth/shapenetcore_partanno_segmentation_benchmark_v0_normal"),
 *     DatasetLayout.SHAPENET_PART_NORMAL, DatasetProgress.NONE);
 * }</pre>
 */
public final class SyntheticShapeNetPart {
  private static final int H5_POINTS = 2048;
  private static final int SHAPES_PER_H5 = 2048;

  private final List<PartCategory> categories;
  private final int train;
  private final int val;
  private final int test;
  private final int minPoints;
  private final int maxPoints;
  private final double noise;
  private final long seed;
  private final int threads;

  private SyntheticShapeNetPart(Builder b) {
    this.categories = b.categories.stream()
        .sorted(java.util.Comparator.comparingInt(PartCategory::category)).toList();
    this.train = b.train;
    this.val = b.val;
    this.test = b.test;
    this.minPoints = b.minPoints;
    this.maxPoints = b.maxPoints;
    this.noise = b.noise;
    this.seed = b.seed;
    this.threads = b.threads;
  }

  /**
   * Returns a builder with the defaults: all six categories, 100 train, 20 val and 30 test
   * shapes each, 2,048 to 3,000 points.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the small default the command line's demo uses: six categories, 48 train, 8 val and
   * 16 test shapes each, seed 2024.
   */
  public static SyntheticShapeNetPart demo() {
    return builder().optShapesPerCategory(48, 8, 16).optSeed(2024).build();
  }

  /** Returns the categories, in ShapeNet-part index order. */
  public List<PartCategory> categories() {
    return categories;
  }

  /**
   * Returns the number of shapes per category in a split.
   *
   * @param split TRAIN, VAL or TEST (TRAINVAL: train + val)
   * @return the count
   */
  public int shapesPerCategory(Split split) {
    return switch (split) {
      case TRAIN -> train;
      case VAL -> val;
      case TRAINVAL -> train + val;
      case TEST -> test;
    };
  }

  /**
   * Returns a shape's token (32 hex digits, like ShapeNet's).
   *
   * @param categoryIndex index into {@link #categories()}
   * @param shapeIndex shape within the category (train, then val, then test)
   * @return the token
   */
  public String token(int categoryIndex, int shapeIndex) {
    return String.format(Locale.ROOT, "%016x%016x",
        RandomStreams.derive(seed, categories.get(categoryIndex).category(), shapeIndex, 0),
        RandomStreams.derive(seed, categories.get(categoryIndex).category(), shapeIndex, 1));
  }

  /**
   * Returns a shape's mesh (without noise) and the part id of each triangle.
   *
   * @param categoryIndex index into {@link #categories()}
   * @param shapeIndex shape within the category
   * @return the mesh and per-triangle part ids
   */
  public LabelledMesh mesh(int categoryIndex, int shapeIndex) {
    return assemble(categoryIndex, shapeIndex, RandomStreams.of(seed,
        categories.get(categoryIndex).category(), shapeIndex));
  }

  /**
   * A mesh whose triangles carry part ids.
   *
   * @param mesh the mesh
   * @param triangleParts the global part id of each triangle
   */
  public record LabelledMesh(TriangleMesh mesh, int[] triangleParts) {}

  private LabelledMesh assemble(int categoryIndex, int shapeIndex, UniformRandomProvider rng) {
    Objects.checkIndex(categoryIndex, categories.size());
    Objects.checkIndex(shapeIndex, train + val + test);
    PartCategory.Parts p = new PartCategory.Parts();
    categories.get(categoryIndex).build(p, rng);
    TriangleMesh raw = p.mb.build();
    float[] v = raw.vertices();
    float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
    float[] hi = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < v.length; i++) {
      lo[i % 3] = Math.min(lo[i % 3], v[i]);
      hi[i % 3] = Math.max(hi[i % 3], v[i]);
    }
    double extent = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
    double s = 1.0 / extent;
    p.mb.transform(0, new double[] {s, s, s}, MeshBuilder.IDENTITY, new double[] {
      -s * (lo[0] + hi[0]) / 2, -s * (lo[1] + hi[1]) / 2, -s * (lo[2] + hi[2]) / 2});
    return new LabelledMesh(p.mb.build(), p.triangleParts());
  }

  /**
   * Returns a shape's points with normals and global part ids (the {@code labels} channel).
   *
   * @param categoryIndex index into {@link #categories()}
   * @param shapeIndex shape within the category
   * @param points number of points, or 0 for a random count in {@code [minPoints, maxPoints]}
   * @return the cloud
   */
  public PointCloud cloud(int categoryIndex, int shapeIndex, int points) {
    UniformRandomProvider rng =
        RandomStreams.of(seed, categories.get(categoryIndex).category(), shapeIndex);
    LabelledMesh m = assemble(categoryIndex, shapeIndex, rng);
    int n = minPoints + rng.nextInt(maxPoints - minPoints + 1);
    if (points > 0) {
      n = points;
    }
    double sigma = PartCategory.u(rng, 0, noise);
    float[] xyz = new float[3 * n];
    float[] normals = new float[3 * n];
    int[] tri = new int[n];
    MeshSampler.sample(m.mesh(), n, rng, xyz, normals, tri);
    Noise.jitter(xyz, sigma, rng);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = m.triangleParts()[tri[i]];
    }
    return PointCloud.builder(xyz).normals(normals).labels(labels).build();
  }

  /**
   * Writes the dataset in one of ShapeNet-part's layouts, or as a team's own part-labelled tree.
   *
   * @param dir the dataset folder to write
   * @param layout {@link DatasetLayout#SHAPENET_PART_NORMAL}, {@link
   *     DatasetLayout#SHAPENET_PART_HDF5} or {@link DatasetLayout#CLASS_FOLDERS_PARTS} (a folder
   *     per category of binary PLY files whose {@code label} numbers the category's parts from 0)
   * @param progress receives the progress
   * @return what was written
   * @throws IOException on a write error
   */
  public SynthesisReport write(Path dir, DatasetLayout layout, DatasetProgress progress)
      throws IOException {
    long t0 = System.nanoTime();
    Files.createDirectories(dir);
    Output.Bytes bytes = new Output.Bytes();
    switch (layout) {
      case SHAPENET_PART_NORMAL -> writeNormal(dir, bytes, progress);
      case SHAPENET_PART_HDF5 -> writeH5(dir, bytes, progress);
      case CLASS_FOLDERS_PARTS -> writeFolders(dir, bytes, progress);
      default -> throw new IllegalArgumentException(layout + " is not a part-segmentation layout");
    }
    return new SynthesisReport(dir, layout, categories.size() * (train + val + test),
        bytes.get(), Duration.ofNanos(System.nanoTime() - t0));
  }

  private List<String> categoryLines() {
    List<String> lines = new ArrayList<>();
    for (int c = 0; c < ShapeNetPart.CATEGORIES; c++) {
      lines.add(ShapeNetPart.categoryName(c) + "\t" + ShapeNetPart.synsets().get(c));
    }
    return lines;
  }

  private int perCategory() {
    return train + val + test;
  }

  private void writeNormal(Path dir, Output.Bytes bytes, DatasetProgress progress)
      throws IOException {
    bytes.add(Output.lines(dir.resolve("synsetoffset2category.txt"), categoryLines()));
    for (String synset : ShapeNetPart.synsets()) {
      Files.createDirectories(dir.resolve(synset));
    }
    List<List<String>> splits = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int c = 0; c < categories.size(); c++) {
      for (int k = 0; k < perCategory(); k++) {
        int s = k < train ? 0 : k < train + val ? 1 : 2;
        splits.get(s).add("\"shape_data/" + categories.get(c).synset() + "/" + token(c, k) + "\"");
      }
    }
    Path splitDir = dir.resolve("train_test_split");
    Files.createDirectories(splitDir);
    String[] names = {"train", "val", "test"};
    for (int s = 0; s < 3; s++) {
      List<String> items = splits.get(s);
      int[] order = RandomSampler.permutation(items.size(), RandomStreams.of(seed, -1, s));
      List<String> shuffled = new ArrayList<>(items.size());
      for (int i : order) {
        shuffled.add(items.get(i));
      }
      bytes.add(Output.text(splitDir.resolve("shuffled_" + names[s] + "_file_list.json"),
          "[" + String.join(", ", shuffled) + "]"));
    }
    TextWriteOptions opts = TextWriteOptions.shapeNetPart();
    Output.forEach(categories.size() * perCategory(), threads, "writing shapes", progress, i -> {
      int c = i / perCategory();
      int k = i % perCategory();
      Path f = dir.resolve(categories.get(c).synset()).resolve(token(c, k) + ".txt");
      TextWriter.write(f, cloud(c, k, 0), opts);
      bytes.add(Output.size(f));
    });
  }

  /**
   * A team's own part-labelled tree: {@code <Category>/{train,val,test}/<token>.ply}, each a binary PLY with normals and a {@code label}
   * property numbering the category's parts from 0, as a team labelling its own shapes would.
   */
  private void writeFolders(Path dir, Output.Bytes bytes, DatasetProgress progress)
      throws IOException {
    String[] names = {"train", "val", "test"};
    for (PartCategory c : categories) {
      for (String split : names) {
        Files.createDirectories(dir.resolve(c.categoryName()).resolve(split));
      }
    }
    Output.forEach(categories.size() * perCategory(), threads, "writing shapes", progress, i -> {
      int c = i / perCategory();
      int k = i % perCategory();
      int s = k < train ? 0 : k < train + val ? 1 : 2;
      PointCloud cloud = cloud(c, k, 0);
      int[] local = cloud.labels();
      int first = ShapeNetPart.firstPart(categories.get(c).category());
      for (int j = 0; j < local.length; j++) {
        local[j] -= first;
      }
      Path f = dir.resolve(categories.get(c).categoryName()).resolve(names[s])
          .resolve(token(c, k) + ".ply");
      PointCloudIO.write(f, cloud.toBuilder().labels(local).build());
      bytes.add(Output.size(f));
    });
  }

  private void writeH5(Path dir, Output.Bytes bytes, DatasetProgress progress)
      throws IOException {
    bytes.add(Output.lines(dir.resolve("all_object_categories.txt"), categoryLines()));
    String[] names = {"train", "val", "test"};
    int[] from = {0, train, train + val};
    int[] to = {train, train + val, perCategory()};
    for (int s = 0; s < 3; s++) {
      List<int[]> shapes = new ArrayList<>();
      for (int c = 0; c < categories.size(); c++) {
        for (int k = from[s]; k < to[s]; k++) {
          shapes.add(new int[] {c, k});
        }
      }
      int[] order = RandomSampler.permutation(shapes.size(), RandomStreams.of(seed, -2, s));
      int files = Math.max(1, (shapes.size() + SHAPES_PER_H5 - 1) / SHAPES_PER_H5);
      List<String> list = new ArrayList<>();
      for (int f = 0; f < files; f++) {
        list.add("ply_data_" + names[s] + f + ".h5");
      }
      bytes.add(Output.lines(dir.resolve(names[s] + "_hdf5_file_list.txt"), list));
      for (int f = 0; f < files; f++) {
        int lo = f * SHAPES_PER_H5;
        int hi = Math.min(shapes.size(), lo + SHAPES_PER_H5);
        PointCloud[] clouds = new PointCloud[hi - lo];
        int[] labels = new int[hi - lo];
        Output.forEach(hi - lo, threads, "sampling " + names[s] + " file " + (f + 1) + "/"
            + files, progress, i -> {
              int[] ck = shapes.get(order[lo + i]);
              clouds[i] = cloud(ck[0], ck[1], H5_POINTS).withoutChannel("normals");
              labels[i] = categories.get(ck[0]).category();
            });
        Path h5 = dir.resolve(list.get(f));
        PointNetH5Writer.write(h5, new PointNetBatch(Arrays.asList(clouds), labels),
            PointNetH5WriteOptions.DEFAULT);
        bytes.add(Output.size(h5));
      }
    }
  }

  /** Builds a {@link SyntheticShapeNetPart}. */
  public static final class Builder {
    private List<PartCategory> categories = List.of(PartCategory.values());
    private int train = 100;
    private int val = 20;
    private int test = 30;
    private int minPoints = 2048;
    private int maxPoints = 3000;
    private double noise = 0.003;
    private long seed;
    private int threads;

    private Builder() {}

    /**
     * Uses these categories (default: all six).
     *
     * @param c the categories, at least one
     * @return this builder
     */
    public Builder optCategories(List<PartCategory> c) {
      if (c.isEmpty() || c.size() != c.stream().distinct().count()) {
        throw new IllegalArgumentException("need distinct categories, got " + c);
      }
      this.categories = List.copyOf(c);
      return this;
    }

    /**
     * Sets the shapes per category of each split (default 100, 20, 30).
     *
     * @param trainCount training shapes, at least 1
     * @param valCount validation shapes, at least 1
     * @param testCount test shapes, at least 1
     * @return this builder
     */
    public Builder optShapesPerCategory(int trainCount, int valCount, int testCount) {
      if (trainCount <= 0 || valCount <= 0 || testCount <= 0) {
        throw new IllegalArgumentException("every split needs shapes, got " + trainCount + "/"
            + valCount + "/" + testCount);
      }
      this.train = trainCount;
      this.val = valCount;
      this.test = testCount;
      return this;
    }

    /**
     * Sets the range of points per shape of the text layout (default 2,048 to 3,000; the HDF5
     * layout always has 2,048).
     *
     * @param min at least 1
     * @param max at least {@code min}
     * @return this builder
     */
    public Builder optPoints(int min, int max) {
      if (min <= 0 || max < min) {
        throw new IllegalArgumentException("need 0 < min <= max, got " + min + ", " + max);
      }
      this.minPoints = min;
      this.maxPoints = max;
      return this;
    }

    /**
     * Sets the largest noise standard deviation (default 0.003, the shapes being about 1 across).
     *
     * @param sigma in [0, 0.1]
     * @return this builder
     */
    public Builder optNoise(double sigma) {
      if (!(sigma >= 0 && sigma <= 0.1)) {
        throw new IllegalArgumentException("noise must be in [0, 0.1], got " + sigma);
      }
      this.noise = sigma;
      return this;
    }

    /**
     * Sets the seed (default 0).
     *
     * @param s the seed
     * @return this builder
     */
    public Builder optSeed(long s) {
      this.seed = s;
      return this;
    }

    /**
     * Sets the writer threads (default 0: all processors); the output does not depend on it.
     *
     * @param n thread count
     * @return this builder
     */
    public Builder optThreads(int n) {
      this.threads = n;
      return this;
    }

    /** Returns the generator. */
    public SyntheticShapeNetPart build() {
      return new SyntheticShapeNetPart(this);
    }
  }
}

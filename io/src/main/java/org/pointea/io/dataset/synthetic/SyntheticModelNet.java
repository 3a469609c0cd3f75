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
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5WriteOptions;
import org.pointea.io.hdf5.PointNetH5Writer;
import org.pointea.io.off.OffWriteOptions;
import org.pointea.io.off.OffWriter;
import org.pointea.io.text.TextWriteOptions;
import org.pointea.io.text.TextWriter;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.TriangleMesh;
import org.pointea.pointcloud.sampling.MeshSampler;
import org.pointea.pointcloud.sampling.RandomSampler;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;

/**
 * A ModelNet-style classification dataset of procedurally generated solids ({@link ShapeClass}:
 * sphere, cube, cylinder, cone, torus, capsule, pyramid, octahedron, hemisphere, cross, tube,
 * prism), written in any of ModelNet's three public layouts so that the loaders read it exactly as
 * the real archives.
 *
 * <p>Labels follow the class names in alphabetical order (as ModelNet's), so the three layouts
 * agree. Shape {@code k} of class {@code c} (train shapes first, then test) is drawn from the stream
 * {@code RandomStreams.of(seed, c, k)}: a random aspect within its class's range, a size in
 * [0.6, 1.4], a tilt of up to {@code maxTilt} degrees about x and z, a uniform turn about the up
 * axis (y), then (point layouts) area-weighted surface samples with face normals and Gaussian
 * noise of standard deviation up to {@code noise} times the size. Shape ids are
 * {@code <class>_<NNNN>} as in ModelNet.
 *
 * <pre>{@code
 * SyntheticModelNet gen = SyntheticModelNet.builder().optTrainPerClass(100).optTestPerClass(25)
 *     .optSeed(1).build();
 * gen.write(Path.of("/tmp/synth/modelnet40_normal_resampled"),
 *     DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
 * }</pre>
 */
public final class SyntheticModelNet {
  /** Shapes per PointNet HDF5 file, as in {@code modelnet40_ply_hdf5_2048}. */
  static final int SHAPES_PER_H5 = 2048;

  private final List<ShapeClass> classes;
  private final int trainPerClass;
  private final int testPerClass;
  private final int points;
  private final double noise;
  private final double maxTilt;
  private final long seed;
  private final int threads;
  private final boolean h5Normals;

  private SyntheticModelNet(Builder b) {
    // label order = class names sorted, as ModelNet's shape-names files and its OFF tree have it,
    // so that every layout gives every shape the same label
    this.classes = b.classes.stream().sorted(java.util.Comparator.comparing(ShapeClass::id))
        .toList();
    this.trainPerClass = b.trainPerClass;
    this.testPerClass = b.testPerClass;
    this.points = b.points;
    this.noise = b.noise;
    this.maxTilt = b.maxTilt;
    this.seed = b.seed;
    this.threads = b.threads;
    this.h5Normals = b.h5Normals;
  }

  /** Returns a builder with the defaults: all 12 classes, 80 + 20 shapes each, 2,048 points. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the small default the command line's demo uses: all 12 classes, 64 training and 16
   * test shapes each, 1,024 points, seed 2024 (768 + 192 shapes; written in a second or two).
   */
  public static SyntheticModelNet demo() {
    return builder().optTrainPerClass(64).optTestPerClass(16).optPoints(1024).optSeed(2024)
        .build();
  }

  /** Returns the classes, in label order. */
  public List<ShapeClass> classes() {
    return classes;
  }

  /** Returns the class names, in label order. */
  public List<String> classNames() {
    return classes.stream().map(ShapeClass::id).toList();
  }

  /** Returns the number of training shapes per class. */
  public int trainPerClass() {
    return trainPerClass;
  }

  /** Returns the number of test shapes per class. */
  public int testPerClass() {
    return testPerClass;
  }

  /** Returns the number of points per shape in the point layouts. */
  public int points() {
    return points;
  }

  /**
   * Returns the id of a shape, e.g. {@code torus_0007}.
   *
   * @param classIndex the class
   * @param shapeIndex the shape within its class (training shapes first)
   * @return the id
   */
  public String id(int classIndex, int shapeIndex) {
    return String.format(Locale.ROOT, "%s_%04d", classes.get(classIndex).id(), shapeIndex + 1);
  }

  private record Shape(TriangleMesh mesh, UniformRandomProvider rng, double size) {}

  private Shape shape(int classIndex, int shapeIndex) {
    Objects.checkIndex(classIndex, classes.size());
    Objects.checkIndex(shapeIndex, trainPerClass + testPerClass);
    UniformRandomProvider rng = RandomStreams.of(seed, classIndex, shapeIndex);
    MeshBuilder mb = new MeshBuilder();
    classes.get(classIndex).build(mb, rng);
    double size = ShapeClass.u(rng, 0.6, 1.4);
    double tilt = Math.toRadians(maxTilt);
    double[] r = MeshBuilder.multiply(
        MeshBuilder.rotation(0, 1, 0, ShapeClass.u(rng, 0, 2 * Math.PI)),
        MeshBuilder.multiply(MeshBuilder.rotation(1, 0, 0, ShapeClass.u(rng, -tilt, tilt)),
            MeshBuilder.rotation(0, 0, 1, ShapeClass.u(rng, -tilt, tilt))));
    mb.transform(0, new double[] {size, size, size}, r, new double[3]);
    return new Shape(mb.build(), rng, size);
  }

  /**
   * Returns a shape's mesh (placed, without noise), as written in the OFF layout.
   *
   * @param classIndex the class
   * @param shapeIndex the shape within its class (training shapes first)
   * @return the mesh
   */
  public TriangleMesh mesh(int classIndex, int shapeIndex) {
    return shape(classIndex, shapeIndex).mesh();
  }

  /**
   * Returns a shape's points with normals and noise, as written in the point layouts.
   *
   * @param classIndex the class
   * @param shapeIndex the shape within its class (training shapes first)
   * @return {@link #points()} points with normals
   */
  public PointCloud cloud(int classIndex, int shapeIndex) {
    Shape s = shape(classIndex, shapeIndex);
    UniformRandomProvider rng = s.rng();
    double sigma = ShapeClass.u(rng, 0, noise) * s.size();
    float[] xyz = new float[3 * points];
    float[] normals = new float[3 * points];
    MeshSampler.sample(s.mesh(), points, rng, xyz, normals, null);
    Noise.jitter(xyz, sigma, rng);
    return PointCloud.builder(xyz).normals(normals).build();
  }

  /**
   * Writes the dataset in one of ModelNet's layouts (the folder is created; existing files of the
   * same names are replaced).
   *
   * @param dir the dataset folder to write (e.g. {@code .../modelnet40_normal_resampled})
   * @param layout {@link DatasetLayout#MODELNET_NORMAL_RESAMPLED}, {@link
   *     DatasetLayout#MODELNET_HDF5} or {@link DatasetLayout#CLASS_FOLDERS}
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
      case MODELNET_NORMAL_RESAMPLED -> writeResampled(dir, bytes, progress);
      case MODELNET_HDF5 -> writeH5(dir, bytes, progress);
      case CLASS_FOLDERS -> writeOff(dir, bytes, progress);
      default -> throw new IllegalArgumentException(layout + " is not a ModelNet layout");
    }
    return new SynthesisReport(dir, layout, classes.size() * (trainPerClass + testPerClass),
        bytes.get(), Duration.ofNanos(System.nanoTime() - t0));
  }

  private int perClass() {
    return trainPerClass + testPerClass;
  }

  private void writeResampled(Path dir, Output.Bytes bytes, DatasetProgress progress)
      throws IOException {
    List<String> names = classNames();
    bytes.add(Output.lines(dir.resolve("modelnet40_shape_names.txt"), names));
    bytes.add(Output.lines(dir.resolve("shape_names.txt"), names));
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Files.createDirectories(dir.resolve(names.get(c)));
      for (int k = 0; k < perClass(); k++) {
        (k < trainPerClass ? train : test).add(id(c, k));
        all.add(names.get(c) + "/" + id(c, k) + ".txt");
      }
    }
    bytes.add(Output.lines(dir.resolve("modelnet40_train.txt"), train));
    bytes.add(Output.lines(dir.resolve("modelnet40_test.txt"), test));
    bytes.add(Output.lines(dir.resolve("filelist.txt"), all));
    TextWriteOptions opts = TextWriteOptions.modelNet();
    Output.forEach(classes.size() * perClass(), threads, "writing shapes", progress, i -> {
      int c = i / perClass();
      int k = i % perClass();
      Path f = dir.resolve(names.get(c)).resolve(id(c, k) + ".txt");
      TextWriter.write(f, cloud(c, k), opts);
      bytes.add(Output.size(f));
    });
  }

  private void writeOff(Path dir, Output.Bytes bytes, DatasetProgress progress)
      throws IOException {
    List<String> names = classNames();
    for (String n : names) {
      Files.createDirectories(dir.resolve(n).resolve("train"));
      Files.createDirectories(dir.resolve(n).resolve("test"));
    }
    Output.forEach(classes.size() * perClass(), threads, "writing meshes", progress, i -> {
      int c = i / perClass();
      int k = i % perClass();
      Path f = dir.resolve(names.get(c)).resolve(k < trainPerClass ? "train" : "test")
          .resolve(id(c, k) + ".off");
      // every fifth file has ModelNet's glued "OFF<nv> <nf> 0" first line, as many real ones do
      OffWriter.writeMesh(f, mesh(c, k), new OffWriteOptions(k % 5 == 4, 6));
      bytes.add(Output.size(f));
    });
  }

  private void writeH5(Path dir, Output.Bytes bytes, DatasetProgress progress)
      throws IOException {
    List<String> names = classNames();
    bytes.add(Output.lines(dir.resolve("shape_names.txt"), names));
    String folder = "data/" + dir.getFileName() + "/";
    for (boolean train : new boolean[] {true, false}) {
      String split = train ? "train" : "test";
      List<int[]> shapes = new ArrayList<>();
      for (int c = 0; c < classes.size(); c++) {
        for (int k = train ? 0 : trainPerClass; k < (train ? trainPerClass : perClass()); k++) {
          shapes.add(new int[] {c, k});
        }
      }
      // PointNet's files mix the classes; shuffle with a stream of their own
      int[] order = RandomSampler.permutation(shapes.size(),
          RandomStreams.of(seed, -1, train ? 0 : 1));
      int files = (shapes.size() + SHAPES_PER_H5 - 1) / SHAPES_PER_H5;
      List<String> list = new ArrayList<>();
      for (int f = 0; f < files; f++) {
        list.add(folder + "ply_data_" + split + f + ".h5");
      }
      bytes.add(Output.lines(dir.resolve(split + "_files.txt"), list));
      NormalizeToUnitSphere normalize = new NormalizeToUnitSphere();
      for (int f = 0; f < files; f++) {
        int from = f * SHAPES_PER_H5;
        int to = Math.min(shapes.size(), from + SHAPES_PER_H5);
        PointCloud[] clouds = new PointCloud[to - from];
        int[] labels = new int[to - from];
        String[] ids = new String[to - from];
        Output.forEach(to - from, threads, "sampling " + split + " file " + (f + 1) + "/" + files,
            progress, i -> {
              int[] ck = shapes.get(order[from + i]);
              PointCloud c = normalize.apply(cloud(ck[0], ck[1]), 0L);
              clouds[i] = h5Normals ? c : c.withoutChannel("normals");
              labels[i] = ck[0];
              ids[i] = "\"" + names.get(ck[0]) + "/" + id(ck[0], ck[1]) + ".ply\"";
            });
        Path h5 = dir.resolve("ply_data_" + split + f + ".h5");
        PointNetH5Writer.write(h5, new PointNetBatch(Arrays.asList(clouds), labels),
            PointNetH5WriteOptions.DEFAULT);
        bytes.add(Output.size(h5));
        bytes.add(Output.text(dir.resolve("ply_data_" + split + "_" + f + "_id2file.json"),
            "[" + String.join(", ", ids) + "]"));
      }
    }
  }

  /** Builds a {@link SyntheticModelNet}. */
  public static final class Builder {
    private List<ShapeClass> classes = List.of(ShapeClass.values());
    private int trainPerClass = 80;
    private int testPerClass = 20;
    private int points = 2048;
    private double noise = 0.015;
    private double maxTilt = 15;
    private long seed;
    private int threads;
    private boolean h5Normals = true;

    private Builder() {}

    /**
     * Uses these classes (default: all 12); labels follow their names in alphabetical order.
     *
     * @param c the classes, at least 2
     * @return this builder
     */
    public Builder optClasses(List<ShapeClass> c) {
      if (c.size() < 2 || c.size() != c.stream().distinct().count()) {
        throw new IllegalArgumentException("need at least 2 distinct classes, got " + c);
      }
      this.classes = List.copyOf(c);
      return this;
    }

    /**
     * Sets the training shapes per class (default 80).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder optTrainPerClass(int n) {
      this.trainPerClass = positive(n, "train per class");
      return this;
    }

    /**
     * Sets the test shapes per class (default 20).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder optTestPerClass(int n) {
      this.testPerClass = positive(n, "test per class");
      return this;
    }

    /**
     * Sets the points per shape of the point layouts (default 2,048; the real resampled layout has
     * 10,000).
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder optPoints(int n) {
      this.points = positive(n, "points");
      return this;
    }

    /**
     * Sets the largest noise standard deviation, relative to the shape's size (default 0.015;
     * each shape draws its own in [0, noise]).
     *
     * @param sigma at least 0
     * @return this builder
     */
    public Builder optNoise(double sigma) {
      if (!(sigma >= 0 && sigma < 1)) {
        throw new IllegalArgumentException("noise must be in [0, 1), got " + sigma);
      }
      this.noise = sigma;
      return this;
    }

    /**
     * Sets the largest tilt off the up axis, in degrees (default 15).
     *
     * @param degrees in [0, 90]
     * @return this builder
     */
    public Builder optMaxTilt(double degrees) {
      if (!(degrees >= 0 && degrees <= 90)) {
        throw new IllegalArgumentException("tilt must be in [0, 90] degrees, got " + degrees);
      }
      this.maxTilt = degrees;
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

    /**
     * Writes a {@code normal} dataset in the HDF5 layout (default true).
     *
     * @param write whether to write normals
     * @return this builder
     */
    public Builder optH5Normals(boolean write) {
      this.h5Normals = write;
      return this;
    }

    /** Returns the generator. */
    public SyntheticModelNet build() {
      return new SyntheticModelNet(this);
    }

    private static int positive(int n, String what) {
      if (n <= 0) {
        throw new IllegalArgumentException(what + " must be > 0, got " + n);
      }
      return n;
    }
  }
}

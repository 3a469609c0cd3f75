package org.pointea.io.dataset;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.io.dataset.DatasetLayout.DatasetLocation;
import org.pointea.io.dataset.cache.DatasetCache;
import org.pointea.io.dataset.cache.Fingerprint;
import org.pointea.io.dataset.cache.FingerprintMode;
import org.pointea.io.dataset.cache.ShapeArrays;
import org.pointea.io.dataset.source.ShapeSource;
import org.pointea.pointcloud.transform.NormalizeToUnitSphere;
import org.pointea.pointcloud.transform.PointTransform;

/**
 * A {@link PointCloudDataset} whose samples are computed once by {@link #prepare} and kept in a
 * cache file: the common base of {@link ModelNetDataset} and {@link ShapeNetPartDataset}.
 *
 * <p>{@code prepare()} finds the layout in the folder, lists the split (failing with a {@link
 * DatasetNotFoundException} that names missing files and the archive to unpack; nothing is ever
 * downloaded), fingerprints the source files and the parameters, and then reads the cache file if
 * it matches, or else reads every shape, reduces it to {@code points} points ({@link
 * Subsampling}), applies the pre-transform and writes the cache (see {@link DatasetCache} for the
 * file format, the atomic write and the lock that lets two processes prepare at once). Every
 * random draw of this stage is seeded by the dataset seed and the shape's id, so the cache is the
 * same whatever the thread count.
 *
 * <p>After {@code prepare()} the dataset holds one flat array per channel; {@code get(i)} copies
 * one shape out of it, so it is cheap and safe from any number of threads.
 *
 * <p>Defaults: the pre-transform is {@link NormalizeToUnitSphere} (PointNet++'s
 * {@code pc_normalize}) except for the HDF5 layouts, which are stored normalised; normals are
 * kept when the layout has them; the cache lives in {@code .pointea-cache/} inside the dataset
 * folder.
 */
public abstract class CachedDataset implements PointCloudDataset {
  /** The cache folder created inside a dataset folder unless another is given. */
  public static final String CACHE_FOLDER = ".pointea-cache";

  /**
   * System property naming a folder for the caches of every dataset that has no
   * {@code optCacheDir} (the CLI's {@code --cache-dir}); each dataset gets its own sub-folder.
   */
  public static final String CACHE_DIR_PROPERTY = "pointea.cacheDir";

  private final Path root;
  private final Split split;
  private final int points;
  private final Subsampling sampling;
  private final Boolean normals;
  private final PointTransform preTransform;
  private final boolean preTransformSet;
  private final PointTransform transform;
  private final Path cacheDir;
  private final boolean cache;
  private final long seed;
  private final int threads;
  private final FingerprintMode fingerprint;

  private volatile Prepared prepared;

  private record Prepared(ShapeArrays data, DatasetLocation location, PrepareReport report,
      PointTransform preTransform, Subsampling sampling) {}

  /**
   * Creates the dataset from a builder.
   *
   * @param b the builder
   */
  protected CachedDataset(BaseBuilder<?> b) {
    this.root = Objects.requireNonNull(b.root, "root (setRoot)");
    this.split = b.split;
    this.points = b.points;
    this.sampling = b.sampling;
    this.normals = b.normals;
    this.preTransform = b.preTransform;
    this.preTransformSet = b.preTransformSet;
    this.transform = b.transform;
    this.cacheDir = b.cacheDir;
    this.cache = b.cache;
    this.seed = b.seed;
    this.threads = b.threads;
    this.fingerprint = b.fingerprint;
  }

  /**
   * Opens the layout's source for this dataset's split.
   *
   * @param location where the layout was found
   * @return the source
   * @throws IOException when files are missing or malformed
   */
  protected abstract ShapeSource openSource(DatasetLocation location) throws IOException;

  /** Returns the name used in messages, e.g. {@code "ModelNet"}. */
  protected abstract String datasetName();

  /**
   * Appends the subclass's own parameters (one {@code key=value} per line) to the cache key.
   *
   * @param sb the key text
   */
  protected abstract void appendParameters(StringBuilder sb);

  /**
   * Returns the subsampling used when none was set.
   *
   * @param layout the layout found
   * @return the method
   */
  protected Subsampling defaultSampling(DatasetLayout layout) {
    return Subsampling.FIRST;
  }

  /**
   * Finds the data, and reads or builds the cache. Idempotent: a second call re-checks the
   * fingerprints and reloads only if something changed.
   *
   * @return what was done
   * @throws IOException when files are missing ({@link DatasetNotFoundException}) or malformed
   */
  public PrepareReport prepare() throws IOException {
    return prepare(DatasetProgress.NONE);
  }

  /**
   * As {@link #prepare()}, reporting progress.
   *
   * @param progress receives the stages
   * @return what was done
   * @throws IOException when files are missing ({@link DatasetNotFoundException}) or malformed
   */
  public synchronized PrepareReport prepare(DatasetProgress progress) throws IOException {
    Objects.requireNonNull(progress, "progress");
    long t0 = System.nanoTime();
    Planned p = plan();
    CachePlan plan = p.plan();
    ShapeArrays data;
    PrepareReport.Status status;
    String reason;
    Path file = null;
    if (!cache) {
      data = plan.build(threads, progress);
      status = PrepareReport.Status.BUILT_UNCACHED;
      reason = "cache disabled";
    } else {
      progress.update("fingerprinting source files", 0, p.source().files().size());
      file = plan.file();
      DatasetCache.Result r;
      try {
        r = DatasetCache.loadOrBuild(file, plan.key(), () -> plan.build(threads, progress));
      } catch (FileSystemException e) {
        FileSystemException why = new FileSystemException(file.getParent().toString(), null,
            "cannot write the dataset's preprocessing cache here ("
                + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName())
                + "); choose a writable folder: --cache-dir DIR (CLI) or optCacheDir (Java)");
        why.initCause(e);
        throw why;
      }
      data = r.data();
      status = r.status() == DatasetCache.Status.LOADED
          ? PrepareReport.Status.LOADED : PrepareReport.Status.BUILT;
      reason = r.reason();
    }
    PrepareReport report = new PrepareReport(status, reason, file, p.location().layout(),
        p.location().root(), data.shapes(), Duration.ofNanos(System.nanoTime() - t0));
    prepared = new Prepared(data, p.location(), report, p.preTransform(), p.sampling());
    return report;
  }

  /**
   * Finds the layout and lists the split, and returns the build of its cache cut into units
   * that can run elsewhere (the executors of a cluster) and are assembled into the arrays and
   * the cache file {@link #prepare} would produce. Does not read or write the cache, nor load
   * this dataset.
   *
   * @return the plan
   * @throws IOException when files are missing ({@link DatasetNotFoundException}) or an index
   *     cannot be read
   */
  public CachePlan cachePlan() throws IOException {
    return plan().plan();
  }

  private record Planned(CachePlan plan, ShapeSource source, DatasetLocation location,
      PointTransform preTransform, Subsampling sampling) {}

  private Planned plan() throws IOException {
    DatasetLocation loc = DatasetLayout.detect(root, task())
        .orElseThrow(() -> DatasetNotFoundException.noDataset(root, task(), datasetName()));
    ShapeSource src = openSource(loc);
    boolean withNormals = normals != null ? normals : src.hasNormals();
    if (withNormals && !src.hasNormals()) {
      throw new IllegalArgumentException("normals were asked for, but " + loc.layout().title()
          + " at " + loc.root() + " has none");
    }
    DatasetLayout layout = loc.layout();
    Subsampling method = sampling != null ? sampling : defaultSampling(layout);
    PointTransform pre = preTransformSet ? preTransform
        : (layout == DatasetLayout.MODELNET_HDF5 || layout == DatasetLayout.SHAPENET_PART_HDF5)
            ? null : new NormalizeToUnitSphere();
    String params = parameters(layout, withNormals, method, pre);
    Path dir = cacheFolder(cacheDir, loc.root(), System.getProperty(CACHE_DIR_PROPERTY),
        Files::isWritable, userCacheRoot());
    Path file = dir.resolve(layout.name().toLowerCase(java.util.Locale.ROOT) + "_" + split.id()
        + "_" + points + "_" + Fingerprint.ofText(params).substring(0, 12) + ".cache");
    CachePlan plan = new CachePlan(src, params, file, fingerprint, split.id(), points,
        withNormals, method, pre, seed);
    return new Planned(plan, src, loc, pre, method);
  }

  /**
   * Chooses the cache folder: the one given to the builder; else a sub-folder of the
   * {@value #CACHE_DIR_PROPERTY} folder; else {@code .pointea-cache/} in the dataset folder when it
   * can be written; else a sub-folder of the user's cache folder ({@code $XDG_CACHE_HOME/pointea}
   * or {@code ~/.cache/pointea}), so a read-only dataset (a shared or mounted copy) still works.
   */
  static Path cacheFolder(Path given, Path root, String property,
      java.util.function.Predicate<Path> writable, Path userRoot) {
    if (given != null) {
      return given;
    }
    if (property != null && !property.isBlank()) {
      return Path.of(property).resolve(perDataset(root));
    }
    Path inside = root.resolve(CACHE_FOLDER);
    if (Files.isDirectory(inside) ? writable.test(inside) : writable.test(root)) {
      return inside;
    }
    Path fallback = userRoot.resolve(perDataset(root));
    java.util.logging.Logger.getLogger(CachedDataset.class.getName()).fine(() -> root
        + " cannot be written: the preprocessing cache goes to " + fallback);
    return fallback;
  }

  /** A folder name per dataset: its folder's name and a hash of its absolute path. */
  private static String perDataset(Path root) {
    Path abs = root.toAbsolutePath().normalize();
    String name = abs.getFileName() == null ? "root" : abs.getFileName().toString();
    return name + "-" + Fingerprint.ofText(abs.toString()).substring(0, 12);
  }

  /**
   * The user's cache folder for pointea: {@code $XDG_CACHE_HOME/pointea}, else {@code
   * ~/.cache/pointea} (dataset caches of read-only folders go here; pretrained models unpack
   * under it).
   *
   * @return the folder (not created)
   */
  public static Path userCacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home", "."), ".cache");
    return base.resolve("pointea");
  }

  private String parameters(DatasetLayout layout, boolean withNormals, Subsampling method,
      PointTransform pre) {
    StringBuilder sb = new StringBuilder("pointea dataset cache\n");
    sb.append("dataset=").append(datasetName()).append('\n');
    sb.append("layout=").append(layout.name()).append('\n');
    sb.append("split=").append(split.id()).append('\n');
    sb.append("points=").append(points).append('\n');
    sb.append("sampling=").append(method.name()).append('\n');
    sb.append("normals=").append(withNormals).append('\n');
    sb.append("seed=").append(seed).append('\n');
    sb.append("preTransform=").append(pre == null ? "none" : pre.toString()).append('\n');
    appendParameters(sb);
    return sb.toString();
  }

  private Prepared requirePrepared() {
    Prepared p = prepared;
    if (p == null) {
      throw new IllegalStateException("call prepare() before reading " + this);
    }
    return p;
  }

  /** Returns true once {@link #prepare} has succeeded. */
  public boolean isPrepared() {
    return prepared != null;
  }

  /** Returns what the last {@link #prepare} did. */
  public PrepareReport report() {
    return requirePrepared().report();
  }

  /** Returns the layout found by {@link #prepare}. */
  public DatasetLayout layout() {
    return requirePrepared().location().layout();
  }

  /** Returns the folder given to the builder. */
  public Path root() {
    return root;
  }

  @Override
  public Split split() {
    return split;
  }

  @Override
  public int pointsPerShape() {
    return points;
  }

  /** Returns the per-access transform, or null. */
  public PointTransform transform() {
    return transform;
  }

  /** Returns the seed of the preprocessing draws. */
  public long seed() {
    return seed;
  }

  @Override
  public int size() {
    return requirePrepared().data().shapes();
  }

  @Override
  public Sample get(int index) {
    ShapeArrays d = requirePrepared().data();
    return new Sample(d.cloud(index), d.label(index), d.id(index));
  }

  @Override
  public Sample get(int index, UniformRandomProvider rng) {
    Objects.requireNonNull(rng, "rng");
    Sample s = get(index);
    return transform == null ? s : s.withCloud(transform.apply(s.cloud(), rng));
  }

  @Override
  public int label(int index) {
    return requirePrepared().data().label(index);
  }

  /** Returns every shape's label, in order (e.g. for class weights or stratified batches). */
  public int[] labels() {
    return requirePrepared().data().labels();
  }

  /**
   * Copies a shape's packed positions (after the pre-transform) into a caller-owned buffer,
   * without allocating.
   *
   * @param index shape index
   * @param dest destination, at least {@code offset + 3 * pointsPerShape()} long
   * @param offset first index written
   */
  public void copyPositions(int index, float[] dest, int offset) {
    requirePrepared().data().copyPositions(index, dest, offset);
  }

  @Override
  public List<String> classNames() {
    return requirePrepared().data().classNames();
  }

  @Override
  public String toString() {
    Prepared p = prepared;
    return getClass().getSimpleName() + "[" + root + ", " + split.id() + ", " + points
        + " points" + (p == null ? ", not prepared" : ", " + p.data().shapes() + " shapes, "
        + p.location().layout().name()) + "]";
  }

  /**
   * The options every cached dataset takes.
   *
   * @param <B> the concrete builder
   */
  public abstract static class BaseBuilder<B extends BaseBuilder<B>> {
    private Path root;
    private Split split = Split.TRAIN;
    private int points;
    private Subsampling sampling;
    private Boolean normals;
    private PointTransform preTransform;
    private boolean preTransformSet;
    private PointTransform transform;
    private Path cacheDir;
    private boolean cache = true;
    private long seed;
    private int threads;
    private FingerprintMode fingerprint = FingerprintMode.STAT;

    /**
     * Creates a builder.
     *
     * @param defaultPoints the points per shape unless set
     */
    protected BaseBuilder(int defaultPoints) {
      this.points = defaultPoints;
    }

    /** Returns this builder as its concrete type. */
    protected abstract B self();

    /**
     * Returns the dataset (not yet prepared).
     *
     * @return the dataset
     */
    public abstract CachedDataset build();

    /**
     * Sets the dataset folder (the unpacked archive's folder, or a folder holding it).
     *
     * @param dir the folder
     * @return this builder
     */
    public B setRoot(Path dir) {
      this.root = Objects.requireNonNull(dir, "dir");
      return self();
    }

    /**
     * Sets the split (default TRAIN).
     *
     * @param s the split
     * @return this builder
     */
    public B optSplit(Split s) {
      this.split = Objects.requireNonNull(s, "split");
      return self();
    }

    /**
     * Sets the points per shape.
     *
     * @param n points, at least 1
     * @return this builder
     */
    public B optPoints(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("points must be > 0, got " + n);
      }
      this.points = n;
      return self();
    }

    /**
     * Sets how shapes are reduced to the requested number of points.
     *
     * @param method the method
     * @return this builder
     */
    public B optSampling(Subsampling method) {
      this.sampling = Objects.requireNonNull(method, "method");
      return self();
    }

    /**
     * Keeps or drops normals (default: kept when the layout has them).
     *
     * @param keep whether to keep normals
     * @return this builder
     */
    public B optNormals(boolean keep) {
      this.normals = keep;
      return self();
    }

    /**
     * Sets the cached pre-transform, applied once per shape after subsampling; its
     * {@code toString()} is part of the cache key, so it must show its parameters (every
     * transform of {@code org.pointea.pointcloud.transform} does; a lambda does not). It must
     * keep the number of points.
     *
     * @param t the transform, or null for none
     * @return this builder
     */
    public B optPreTransform(PointTransform t) {
      if (t != null) {
        String s = t.toString();
        String plain = t.getClass().getName() + "@" + Integer.toHexString(t.hashCode());
        if (s == null || s.equals(plain) || s.contains("$$Lambda")) {
          throw new IllegalArgumentException("the pre-transform's toString() is the cache"
              + " fingerprint and must describe its parameters; got '" + s + "'");
        }
      }
      this.preTransform = t;
      this.preTransformSet = true;
      return self();
    }

    /**
     * Sets the per-access transform (augmentation) applied by {@code get(i, rng)}.
     *
     * @param t the transform, or null for none
     * @return this builder
     */
    public B optTransform(PointTransform t) {
      this.transform = t;
      return self();
    }

    /**
     * Sets the folder of the cache files (default: {@code .pointea-cache/} in the dataset
     * folder).
     *
     * @param dir the folder
     * @return this builder
     */
    public B optCacheDir(Path dir) {
      this.cacheDir = Objects.requireNonNull(dir, "dir");
      return self();
    }

    /**
     * Enables or disables the cache file (disabled: {@code prepare()} always builds in memory).
     *
     * @param enabled whether to use a cache file
     * @return this builder
     */
    public B optCache(boolean enabled) {
      this.cache = enabled;
      return self();
    }

    /**
     * Sets the seed of the preprocessing draws (surface and random sampling, random
     * pre-transforms); default 0.
     *
     * @param s the seed
     * @return this builder
     */
    public B optSeed(long s) {
      this.seed = s;
      return self();
    }

    /**
     * Sets the threads that build the cache (0, the default: all processors).
     *
     * @param n thread count
     * @return this builder
     */
    public B optThreads(int n) {
      this.threads = n;
      return self();
    }

    /**
     * Sets how source files are fingerprinted (default {@link FingerprintMode#STAT}).
     *
     * @param mode the mode
     * @return this builder
     */
    public B optFingerprint(FingerprintMode mode) {
      this.fingerprint = Objects.requireNonNull(mode, "mode");
      return self();
    }
  }
}

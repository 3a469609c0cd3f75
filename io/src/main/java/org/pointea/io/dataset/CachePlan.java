package org.pointea.io.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.dataset.cache.DatasetCache;
import org.pointea.io.dataset.cache.Fingerprint;
import org.pointea.io.dataset.cache.FingerprintMode;
import org.pointea.io.dataset.cache.ShapeArrays;
import org.pointea.io.dataset.source.ShapeEntry;
import org.pointea.io.dataset.source.ShapeSource;
import org.pointea.pointcloud.Channel;
import org.pointea.pointcloud.Parallel;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.transform.PointTransform;
import org.pointea.pointcloud.transform.Subsample;

/**
 * The build of a {@link CachedDataset} split's cache, cut into independent units (one per
 * source file, in dataset order), so that the units can run anywhere (threads of this JVM, or the
 * executors of a cluster) and be assembled into exactly the arrays {@link CachedDataset#prepare}
 * builds: every random draw is seeded by the dataset seed and the shape's id, never by where or
 * in which order a unit runs.
 *
 * <pre>{@code
 * CachePlan plan = dataset.cachePlan();
 * ShapeArrays out = plan.allocate();
 * for (int u = 0; u < plan.units(); u++) {
 *     plan.put(out, plan.sample(u));               // any unit, anywhere, in any order
 * }
 * DatasetCache.write(plan.file(), plan.key(), out);  // the bytes prepare() would have written
 * }</pre>
 *
 * <p>Obtained from {@link CachedDataset#cachePlan()}; immutable apart from the source
 * fingerprint, computed once on the first call of {@link #key()}.
 */
public final class CachePlan {
  private final ShapeSource source;
  private final String params;
  private final Path file;
  private final FingerprintMode fingerprintMode;
  private final String splitId;
  private final int points;
  private final boolean withNormals;
  private final Subsampling method;
  private final PointTransform preTransform;
  private final long seed;
  private volatile DatasetCache.Key key;
  private volatile Units units;

  /** The split's shapes grouped by source file, listed on first use. */
  private record Units(List<ShapeEntry> entries, List<Path> files, List<int[]> shapes) {}

  CachePlan(ShapeSource source, String params, Path file, FingerprintMode fingerprintMode,
      String splitId, int points, boolean withNormals, Subsampling method,
      PointTransform preTransform, long seed) {
    this.source = source;
    this.params = params;
    this.file = file;
    this.fingerprintMode = fingerprintMode;
    this.splitId = splitId;
    this.points = points;
    this.withNormals = withNormals;
    this.method = method;
    this.preTransform = preTransform;
    this.seed = seed;
  }

  private Units listed() throws IOException {
    Units u = units;
    if (u == null) {
      synchronized (this) {
        if (units == null) {
          List<ShapeEntry> entries = List.copyOf(source.entries());
          Map<Path, List<Integer>> byFile = new LinkedHashMap<>();
          for (int i = 0; i < entries.size(); i++) {
            byFile.computeIfAbsent(entries.get(i).file(), f -> new ArrayList<>()).add(i);
          }
          List<int[]> shapes = new ArrayList<>(byFile.size());
          for (List<Integer> idx : byFile.values()) {
            shapes.add(idx.stream().mapToInt(Integer::intValue).toArray());
          }
          units = new Units(entries, List.copyOf(byFile.keySet()), List.copyOf(shapes));
        }
        u = units;
      }
    }
    return u;
  }

  /**
   * The shapes of one unit after sampling and the pre-transform.
   *
   * @param unit the unit's index
   * @param indices each shape's index in the split
   * @param clouds each shape's points ({@code points()} of them, with normals and part ids when
   *     the cache holds them)
   * @param labels each shape's label
   * @param ids each shape's id
   */
  public record SampledUnit(int unit, int[] indices, List<PointCloud> clouds, int[] labels,
      String[] ids) {
    /** Validates that every array has one element per shape. */
    public SampledUnit {
      Objects.requireNonNull(clouds, "clouds");
      if (indices.length != clouds.size() || labels.length != clouds.size()
          || ids.length != clouds.size()) {
        throw new IllegalArgumentException("unit " + unit + ": " + indices.length + " indices, "
            + clouds.size() + " clouds, " + labels.length + " labels, " + ids.length + " ids");
      }
      clouds = List.copyOf(clouds);
    }
  }

  /** Returns the parameter text of the cache key (layout, split, points, sampling, seed, ...). */
  public String params() {
    return params;
  }

  /** Returns the SHA-256 of {@link #params()}. */
  public String paramsHash() {
    return Fingerprint.ofText(params);
  }

  /** Returns the cache file {@link CachedDataset#prepare} reads and writes. */
  public Path file() {
    return file;
  }

  /**
   * Returns the cache key: the parameters and the fingerprint of the source files (computed on
   * the first call; {@link FingerprintMode#CONTENT} reads every file).
   *
   * @return the key
   * @throws IOException when a source file cannot be read
   */
  public DatasetCache.Key key() throws IOException {
    DatasetCache.Key k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          String sources = Fingerprint.ofFiles(source.root(), source.files(), fingerprintMode);
          key = new DatasetCache.Key(params, sources, source.files().size());
        }
        k = key;
      }
    }
    return k;
  }

  /**
   * Returns the number of shapes in the split (lists the split on the first call).
   *
   * @return the shapes
   * @throws IOException when an index or data file cannot be read
   */
  public int shapes() throws IOException {
    return listed().entries().size();
  }

  /**
   * Returns the number of independent units: one per source file (lists the split on the first
   * call).
   *
   * @return the units
   * @throws IOException when an index or data file cannot be read
   */
  public int units() throws IOException {
    return listed().files().size();
  }

  /**
   * Returns the file a unit reads.
   *
   * @param unit the unit
   * @return its source file
   * @throws IOException when an index or data file cannot be read
   */
  public Path unitFile(int unit) throws IOException {
    return listed().files().get(unit);
  }

  /** Returns the points per shape. */
  public int points() {
    return points;
  }

  /**
   * Allocates the arrays that {@link #put} fills.
   *
   * @return empty arrays for every shape of the split
   * @throws IOException when an index or data file cannot be read
   */
  public ShapeArrays allocate() throws IOException {
    return ShapeArrays.allocate(listed().entries().size(), points, withNormals, source.hasParts(),
        source.classNames());
  }

  /**
   * Reads one unit's file and samples its shapes, exactly as {@link CachedDataset#prepare} does.
   *
   * @param unit the unit, in {@code [0, units())}
   * @return its sampled shapes
   * @throws IOException when the file cannot be read or a shape is malformed (no points,
   *     non-finite coordinates)
   */
  public SampledUnit sample(int unit) throws IOException {
    Units all = listed();
    Objects.checkIndex(unit, all.files().size());
    Path f = all.files().get(unit);
    int[] idx = all.shapes().get(unit);
    List<ShapeEntry> group = new ArrayList<>(idx.length);
    for (int i : idx) {
      group.add(all.entries().get(i));
    }
    List<PointCloud> raw = source.load(f, group, seed, withNormals);
    List<PointCloud> clouds = new ArrayList<>(idx.length);
    int[] labels = new int[idx.length];
    String[] ids = new String[idx.length];
    for (int k = 0; k < idx.length; k++) {
      ShapeEntry e = group.get(k);
      clouds.add(sampleShape(raw.get(k), e));
      labels[k] = e.label();
      ids[k] = e.id();
    }
    return new SampledUnit(unit, idx.clone(), clouds, labels, ids);
  }

  /**
   * Stores a sampled unit in the arrays.
   *
   * @param out arrays from {@link #allocate()}
   * @param u a unit sampled by this plan (or an equal plan elsewhere)
   */
  public void put(ShapeArrays out, SampledUnit u) {
    for (int k = 0; k < u.indices().length; k++) {
      out.put(u.indices()[k], u.clouds().get(k), u.labels()[k], u.ids()[k]);
    }
  }

  /**
   * Builds every unit on this machine's threads.
   *
   * @param threads worker threads (0: all processors)
   * @param progress receives the shapes done
   * @return the arrays of every shape
   * @throws IOException when a source file cannot be read or is malformed
   */
  public ShapeArrays build(int threads, DatasetProgress progress) throws IOException {
    ShapeArrays out = allocate();
    int units = units();
    int total = shapes();
    int step = Math.max(1, total / 200);
    AtomicInteger done = new AtomicInteger();
    Object progressLock = new Object();
    String stage = "reading and sampling " + splitId + " shapes";
    progress.update(stage, 0, total);
    try {
      Parallel.forRange(units, threads, 1, (from, to) -> {
        for (int u = from; u < to; u++) {
          SampledUnit s;
          try {
            s = sample(u);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          put(out, s);
          int before = done.getAndAdd(s.indices().length);
          int after = before + s.indices().length;
          if (after / step != before / step || after == total) {
            synchronized (progressLock) {
              progress.update(stage, after, total);
            }
          }
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      Throwable c = e;
      while (c != null) {
        if (c instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        c = c.getCause();
      }
      throw e;
    }
    return out;
  }

  private PointCloud sampleShape(PointCloud raw, ShapeEntry e) throws IOException {
    PointCloud c = raw;
    for (String name : raw.channelNames()) {
      boolean keep = (name.equals(Channel.NORMALS) && withNormals) || name.equals(Channel.LABELS);
      if (!keep) {
        c = c.withoutChannel(name);
      }
    }
    int n = c.size();
    if (n == 0) {
      throw new PointCloudFormatException(e.file().toString(), -1, 0,
          "shape " + e.id() + " has no points");
    }
    int bad = c.countNonFinite();
    if (bad > 0) {
      throw new PointCloudFormatException(e.file().toString(), -1, 0,
          "shape " + e.id() + " has " + bad + " points with NaN or infinite coordinates");
    }
    if (!(method == Subsampling.FIRST && n == points)) {
      c = c.select(indices(c, RandomStreams.of(seed, e.key(), 1)));
    }
    if (preTransform != null) {
      c = preTransform.apply(c, RandomStreams.of(seed, e.key(), 2));
      if (c.size() != points) {
        throw new IllegalStateException("the pre-transform " + preTransform + " turned " + points
            + " points into " + c.size() + "; a cached pre-transform must keep the count");
      }
    }
    return c;
  }

  private int[] indices(PointCloud c, UniformRandomProvider rng) {
    return Subsample.indices(c.positions(), c.size(), points, method.method(), rng);
  }

  @Override
  public String toString() {
    Units u = units;
    return "CachePlan[" + file + (u == null ? ", not listed yet" : ", " + u.entries().size()
        + " shapes in " + u.files().size() + " units") + "]";
  }
}

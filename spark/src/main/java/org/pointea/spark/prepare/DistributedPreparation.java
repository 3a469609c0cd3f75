package org.pointea.spark.prepare;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pointea.io.dataset.CachePlan;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.cache.DatasetCache;
import org.pointea.io.dataset.cache.ShapeArrays;

/**
 * Builds a dataset split's cache on a Spark cluster: the executors read and sample the shapes (one
 * task per group of source files), the driver assembles them and writes the cache file, which is
 * byte for byte the file {@link CachedDataset#prepare()} writes on one machine (every random draw
 * is seeded by the dataset seed and the shape's id). The same lock and validity check as
 * {@code prepare()} apply: a valid cache is loaded, not rebuilt, and two jobs (or a job and a
 * trainer) preparing at once build it once.
 *
 * <pre>{@code
 * DistributedPreparation.Result r = DistributedPreparation.prepare(spark,
 *     () -> ModelNetDataset.builder().setRoot(Path.of("/mnt/shared/ModelNet40"))
 *         .optSplit(Split.TRAIN).optPoints(1024).optSampling(Subsampling.FPS).build());
 * System.out.println(r);   // built /mnt/shared/ModelNet40/.pointea-cache/... from 9,843 shapes
 * }</pre>
 *
 * <p>The dataset folder must be readable by every executor at the same path (a shared mount:
 * NFS, a parallel file system, a mounted bucket), and the cache folder writable by the driver;
 * the cache file holds every shape in one file, so the driver needs the memory the single-machine
 * cache needs. A malformed shape fails the job with the reader's message naming the file, as
 * {@code prepare()} fails: a cache must hold every shape.
 */
public final class DistributedPreparation {
  private static final Map<String, CachePlan> EXECUTOR_PLANS = new ConcurrentHashMap<>();

  private DistributedPreparation() {}

  /**
   * What a preparation did.
   *
   * @param file the cache file
   * @param status loaded (a valid file was there) or built
   * @param reason why it was built, or {@code "valid"}
   * @param shapes shapes in the split
   * @param units independent tasks (source files) it was cut into
   * @param elapsed wall time
   */
  public record Result(Path file, DatasetCache.Status status, String reason, int shapes, int units,
      Duration elapsed) {
    @Override
    public String toString() {
      return (status == DatasetCache.Status.LOADED ? "loaded " : "built ") + file + " ("
          + reason + "): " + shapes + " shapes from " + units + " files in "
          + elapsed.toMillis() + " ms";
    }
  }

  /**
   * Loads the cache if valid, or builds it on the cluster and writes it.
   *
   * @param spark the session
   * @param factory creates the dataset, on the driver and on each executor
   * @return what was done
   * @throws IOException when the dataset is missing or a shape cannot be read (the message names
   *     the file)
   */
  public static Result prepare(SparkSession spark, DatasetFactory factory) throws IOException {
    return prepare(spark, factory, 0);
  }

  /**
   * As {@link #prepare(SparkSession, DatasetFactory)} with a partition count.
   *
   * @param spark the session
   * @param factory creates the dataset
   * @param partitions tasks (0: three per core of the cluster, at most one per source file)
   * @return what was done
   * @throws IOException when the dataset is missing or a shape cannot be read
   */
  public static Result prepare(SparkSession spark, DatasetFactory factory, int partitions)
      throws IOException {
    requireSerializable(factory);
    long t0 = System.nanoTime();
    CachePlan plan = factory.create().cachePlan();
    int units = plan.units();
    DatasetCache.Result r = DatasetCache.loadOrBuild(plan.file(), plan.key(),
        () -> build(spark, factory, plan, partitions));
    return new Result(plan.file(), r.status(), r.reason(), r.data().shapes(), units,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  private static ShapeArrays build(SparkSession spark, DatasetFactory factory, CachePlan plan,
      int partitions) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int units = plan.units();
    int shapes = plan.shapes();
    String params = plan.paramsHash();
    String job = java.util.UUID.randomUUID().toString();
    int parts = Math.max(1, Math.min(units,
        partitions > 0 ? partitions : 3 * jsc.defaultParallelism()));
    List<Integer> ids = IntStream.range(0, units).boxed().toList();
    JavaRDD<EncodedUnit> sampled = jsc.parallelize(ids, parts).mapPartitions(
        (Iterator<Integer> it) -> sampleUnits(factory, job, params, units, shapes, it));
    ShapeArrays out = plan.allocate();
    boolean[] seen = new boolean[units];
    try {
      Iterator<EncodedUnit> results = sampled.toLocalIterator();
      while (results.hasNext()) {
        EncodedUnit u = results.next();
        seen[u.unit()] = true;
        plan.put(out, u.decode());
      }
    } catch (Exception e) {   // Spark throws its (checked) SparkException undeclared
      throw failure(e);
    }
    for (int u = 0; u < units; u++) {
      if (!seen[u]) {
        throw new IllegalStateException("unit " + u + " (" + plan.unitFile(u) + ") came back from no task");
      }
    }
    return out;
  }

  /** Runs on an executor: samples the units of one partition with this JVM's plan of the job. */
  private static Iterator<EncodedUnit> sampleUnits(DatasetFactory factory, String job,
      String params, int units, int shapes, Iterator<Integer> it) throws IOException {
    CachePlan plan = EXECUTOR_PLANS.get(job);
    if (plan == null) {
      plan = factory.create().cachePlan();
      if (!plan.paramsHash().equals(params) || plan.units() != units || plan.shapes() != shapes) {
        throw new IOException("the dataset differs on this executor: " + plan.shapes()
            + " shapes in " + plan.units() + " files where the driver has " + shapes + " in "
            + units + " (is the dataset folder the same on every machine?)");
      }
      EXECUTOR_PLANS.keySet().removeIf(k -> !k.equals(job));   // one job's plan at a time
      EXECUTOR_PLANS.put(job, plan);
    }
    List<EncodedUnit> out = new ArrayList<>();
    while (it.hasNext()) {
      CachePlan.SampledUnit u = plan.sample(it.next());
      out.add(EncodedUnit.of(u, plan.points()));
    }
    return out.iterator();
  }

  /** Fails on the driver, with the way out, when the factory cannot travel to the executors. */
  private static void requireSerializable(DatasetFactory factory) {
    Objects.requireNonNull(factory, "factory");
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(factory);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("the dataset factory must be serializable, but it captures a "
          + e.getMessage() + (e.getMessage() != null && e.getMessage().contains("Path")
          ? " (a java.nio.file.Path is not serializable: capture the folder as a String and call"
          + " Path.of inside the lambda)" : ""), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the dataset factory cannot be serialized: " + e, e);
    }
  }

  /** The reader's own exception when the cause chain carries it, else the Spark failure. */
  private static IOException failure(Exception e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return io;
      }
    }
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return new IOException("distributed preparation failed: " + (nl < 0 ? m : m.substring(0, nl)), e);
  }
}

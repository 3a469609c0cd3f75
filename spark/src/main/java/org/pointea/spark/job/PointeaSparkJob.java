package org.pointea.spark.job;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.ModelNetDataset;
import org.pointea.io.dataset.ShapeNetPartDataset;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Subsampling;
import org.pointea.spark.inference.BatchInference;
import org.pointea.spark.inference.CloudEncoding;
import org.pointea.spark.inference.ResultSchema;
import org.pointea.spark.prepare.DatasetFactory;
import org.pointea.spark.prepare.DistributedPreparation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark application: {@code spark-submit --class org.pointea.spark.job.PointeaSparkJob ...
 * predict|prepare|train [options]}. Expected failures (a missing model, a missing dataset, a bad option)
 * print one line and exit with status 1; bad input files never fail {@code predict}: they become
 * rows with an {@code error}.
 */
@Command(name = "pointea-spark", mixinStandardHelpOptions = true,
    subcommands = {PointeaSparkJob.Predict.class, PointeaSparkJob.Prepare.class, TrainJob.class},
    description = "pointea on Apache Spark: batch inference, dataset-cache preparation and"
        + " data-parallel training.")
public final class PointeaSparkJob implements Callable<Integer> {

  /**
   * Runs the job.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int code = run(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the job and returns its exit status (for tests and embedding).
   *
   * @param args the command line
   * @return 0 on success, 1 on an expected failure, 2 on a usage error
   */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new PointeaSparkJob());
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = m.indexOf('\n');
      line.getErr().println("pointea-spark: " + (nl < 0 ? m : m.substring(0, nl)).strip());
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return 2;
  }

  static SparkSession session(String app) {
    return SparkSession.builder().appName(app).getOrCreate();
  }

  /** {@code predict}: one result row per input, written as Parquet. */
  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = "Run a model over point-cloud files (any Hadoop path) or PointCloud2 rows;"
          + " write one result row per input as Parquet.")
  static final class Predict implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
        description = "Model directory (a run's best/), on any Hadoop file system.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
        description = "Files: a file, folder or glob. Rows: a Parquet dataset.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Parquet output.")
    String output;

    @Option(names = "--input-kind", defaultValue = "files", paramLabel = "KIND",
        description = "files (default), pointcloud2-ros1 or pointcloud2-cdr (rows of a Parquet dataset).")
    String kind;

    @Option(names = "--id-column", defaultValue = "id", description = "Rows: the id column (default id).")
    String idColumn;

    @Option(names = "--bytes-column", defaultValue = "data",
        description = "Rows: the message column (default data).")
    String bytesColumn;

    @Option(names = "--category", description = "Part segmentation: every cloud's object category.")
    String category;

    @Option(names = "--category-column", description = "Rows: the column of each row's category.")
    String categoryColumn;

    @Option(names = "--top-k", defaultValue = "5", description = "Classes listed per cloud (default 5).")
    int topK;

    @Option(names = "--batch", defaultValue = "16", description = "Clouds per network pass (default 16).")
    int batch;

    @Option(names = "--threads", defaultValue = "0",
        description = "ND4J threads per executor (default 0: the executor's cores).")
    int threads;

    @Option(names = "--partitions", defaultValue = "0",
        description = "Input partitions of files (default: twice the default parallelism).")
    int partitions;

    @Option(names = "--max-file-bytes", defaultValue = "1073741824",
        description = "Larger inputs become error rows (default 1 GiB).")
    long maxBytes;

    @Option(names = "--labelled", paramLabel = "DIR",
        description = "Part segmentation: also write each cloud with its labels here.")
    String labelled;

    @Option(names = "--labelled-format", defaultValue = "ply", description = "ply (default) or pcd.")
    String labelledFormat;

    @Option(names = "--model-on-executors",
        description = "The model path exists on every executor already (not shipped).")
    boolean onExecutors;

    @Option(names = "--overwrite", description = "Replace the output if it exists.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
      SparkSession spark = session("pointea predict");
      BatchInference.Builder b = BatchInference.builder(spark, model).optTopK(topK).optBatchSize(batch)
          .optThreads(threads).optPartitions(partitions).optMaxFileBytes(maxBytes)
          .optModelOnExecutors(onExecutors);
      if (category != null) {
        b.optCategory(category);
      }
      if (categoryColumn != null) {
        b.optCategoryColumn(categoryColumn);
      }
      if (labelled != null) {
        b.optLabelledClouds(labelled, switch (labelledFormat.toLowerCase(Locale.ROOT)) {
          case "ply" -> PointCloudFormat.PLY;
          case "pcd" -> PointCloudFormat.PCD;
          default -> throw new IllegalArgumentException("--labelled-format is ply or pcd, not "
              + labelledFormat);
        });
      }
      BatchInference inference = b.build();
      Dataset<Row> result = switch (kind) {
        case "files" -> inference.predictFiles(input);
        case "pointcloud2-ros1" -> inference.predictRows(spark.read().parquet(input), idColumn,
            bytesColumn, CloudEncoding.POINTCLOUD2_ROS1);
        case "pointcloud2-cdr" -> inference.predictRows(spark.read().parquet(input), idColumn,
            bytesColumn, CloudEncoding.POINTCLOUD2_CDR);
        default -> throw new IllegalArgumentException("--input-kind is files, pointcloud2-ros1 or"
            + " pointcloud2-cdr, not " + kind);
      };
      result.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(output);
      Dataset<Row> written = spark.read().parquet(output);
      long rows = written.count();
      long errors = written.filter(written.col(ResultSchema.ERROR).isNotNull()).count();
      System.out.printf(Locale.ROOT, "%d inputs, %d answered, %d error rows -> %s%n", rows,
          rows - errors, errors, output);
      return 0;
    }
  }

  /** {@code prepare}: a dataset split's cache built by the executors. */
  @Command(name = "prepare", mixinStandardHelpOptions = true,
      description = "Build a dataset split's cache on the cluster (the same bytes as"
          + " `pointea dataset prepare`). The folder must be at the same path on every executor.")
  static final class Prepare implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "modelnet or shapenet-part.")
    String dataset;

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "Dataset folder.")
    String root;

    @Option(names = "--split", defaultValue = "train", description = "train, val, trainval or test.")
    String split;

    @Option(names = "--points", description = "Points per shape (default: the dataset's).")
    Integer points;

    @Option(names = "--sampling", description = "first, fps, random or random-with-replacement.")
    String sampling;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sampling draws.")
    long seed;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache folder.")
    String cacheDir;

    @Option(names = "--partitions", defaultValue = "0", description = "Tasks (default: 3 per core).")
    int partitions;

    @Override
    public Integer call() throws Exception {
      String kind = dataset.toLowerCase(Locale.ROOT);
      if (!kind.equals("modelnet") && !kind.equals("shapenet-part")) {
        throw new IllegalArgumentException("--dataset is modelnet or shapenet-part, not " + dataset);
      }
      Split s = Split.parse(split);
      Subsampling method = sampling == null ? null
          : Subsampling.valueOf(sampling.toUpperCase(Locale.ROOT).replace('-', '_'));
      String r = root;
      String cache = cacheDir;
      Integer n = points;
      long sd = seed;
      DatasetFactory factory = () -> {
        CachedDataset.BaseBuilder<?> b = kind.equals("modelnet") ? ModelNetDataset.builder()
            : ShapeNetPartDataset.builder();
        b.setRoot(Path.of(r)).optSplit(s).optSeed(sd);
        if (n != null) {
          b.optPoints(n);
        }
        if (method != null) {
          b.optSampling(method);
        }
        if (cache != null) {
          b.optCacheDir(Path.of(cache));
        }
        return build(b);
      };
      System.out.println(DistributedPreparation.prepare(session("pointea prepare"), factory,
          partitions));
      return 0;
    }

    private static CachedDataset build(CachedDataset.BaseBuilder<?> b) {
      if (b instanceof ModelNetDataset.Builder m) {
        return m.build();
      }
      return ((ShapeNetPartDataset.Builder) b).build();
    }
  }
}

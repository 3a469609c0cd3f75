package org.pointea.spark.inference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.dataset.Task;
import org.pointea.models.inference.Predictor;
import org.pointea.spark.internal.FileListing;
import org.pointea.spark.internal.HadoopConf;
import org.pointea.spark.internal.HadoopFiles;

/**
 * Runs a saved model over many point clouds on a Spark cluster: files in any format pointea
 * reads on any Hadoop file system, or rows of ROS {@code PointCloud2} bytes. Each executor loads
 * the model once, lazily, from the model directory shipped with the job, and runs micro-batches
 * of {@code batchSize} clouds with ND4J's threads set to the executor's cores. The result is a
 * {@code Dataset<Row>} with one row per input ({@link ResultSchema}); an input that cannot be
 * read or predicted becomes a row whose {@code error} names the file and what is wrong, and
 * never fails the job.
 *
 * <pre>{@code
 * BatchInference inference = BatchInference.builder(spark, "hdfs:///models/cls40/best")
 *     .optTopK(5).optBatchSize(16).build();
 * inference.predictFiles("hdfs:///fleet/2025-06-01/*.pcd")
 *     .write().mode(SaveMode.Overwrite).parquet("hdfs:///fleet/labels/2025-06-01");
 *
 * Dataset<Row> msgs = spark.read().parquet("hdfs:///fleet/lidar_msgs");   // id, data (ROS 1 bytes)
 * inference.predictRows(msgs, "id", "data", CloudEncoding.POINTCLOUD2_ROS1);
 * }</pre>
 *
 * <p>The model is checked on the driver when {@link Builder#build()} runs (a broken or missing
 * model fails the job at once, not on every executor). An executor that cannot load it fails
 * its task, which Spark retries elsewhere; bad <em>inputs</em> never fail a task. Answers equal
 * those of a single-process {@link Predictor} on the same files ({@code BatchInferenceTest}).
 */
public final class BatchInference {
  /** The largest input read by default: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  private final SparkSession spark;
  private final Builder b;
  private final Task task;
  private final String model;
  private final boolean shipped;

  private BatchInference(Builder b, Task task, String model, boolean shipped) {
    this.spark = b.spark;
    this.b = b;
    this.task = task;
    this.model = model;
    this.shipped = shipped;
  }

  /**
   * A builder for the model directory at {@code modelDir}.
   *
   * @param spark the session
   * @param modelDir a model directory (e.g. a run's {@code best/}) on any Hadoop file system
   *     ({@code hdfs://}, {@code s3a://}, a local path in local mode); it is shipped to the
   *     executors with {@code SparkContext.addFile}, unless {@link Builder#optModelOnExecutors}
   * @return the builder
   */
  public static Builder builder(SparkSession spark, String modelDir) {
    return new Builder(Objects.requireNonNull(spark, "spark"),
        Objects.requireNonNull(modelDir, "modelDir"));
  }

  /** Settings of a {@link BatchInference}: {@code optX} for the optional ones. */
  public static final class Builder {
    private final SparkSession spark;
    private final String modelDir;
    private int topK = Predictor.DEFAULT_TOP_K;
    private int batchSize = 16;
    private int threads;
    private long seed;
    private String category;
    private String categoryColumn;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int partitions;
    private boolean onExecutors;
    private String labelledDir;
    private PointCloudFormat labelledFormat;

    private Builder(SparkSession spark, String modelDir) {
      this.spark = spark;
      this.modelDir = modelDir;
    }

    /** Classes listed in {@code top_classes} (default {@value Predictor#DEFAULT_TOP_K}). */
    public Builder optTopK(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("top k must be >= 1, got " + k);
      }
      this.topK = k;
      return this;
    }

    /** Clouds per network pass on an executor (default 16). */
    public Builder optBatchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + n);
      }
      this.batchSize = n;
      return this;
    }

    /**
     * ND4J threads on each executor (default 0: {@code spark.executor.cores}, or the {@code N}
     * of {@code local[N]}).
     */
    public Builder optThreads(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("threads must be >= 0, got " + n);
      }
      this.threads = n;
      return this;
    }

    /** Seed of the random sampling of models trained with it (default 0). */
    public Builder optSeed(long s) {
      this.seed = s;
      return this;
    }

    /** The object category of every cloud, for a part segmenter (name or synset id). */
    public Builder optCategory(String name) {
      this.category = Objects.requireNonNull(name, "category");
      return this;
    }

    /** The column of {@link #predictRows} input that holds each row's object category. */
    public Builder optCategoryColumn(String column) {
      this.categoryColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /** Inputs larger than this become error rows instead of being read (default 1 GiB). */
    public Builder optMaxFileBytes(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("max file bytes must be in [1, 2^31 - 17], got " + bytes);
      }
      this.maxBytes = bytes;
      return this;
    }

    /** Partitions of {@link #predictFiles} (default: twice the default parallelism). */
    public Builder optPartitions(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("partitions must be >= 0, got " + n);
      }
      this.partitions = n;
      return this;
    }

    /**
     * The model directory path already exists on every executor (a shared mount, or an archive
     * passed with {@code --archives}); it is not shipped.
     */
    public Builder optModelOnExecutors(boolean present) {
      this.onExecutors = present;
      return this;
    }

    /**
     * Also writes each segmented cloud with its {@code labels} channel to {@code dir} (any Hadoop
     * file system), as {@code <name>-<crc32c of the path>.ply} or {@code .pcd}, through a
     * temporary file renamed into place; the {@code labelled_file} column names it.
     *
     * @param dir the folder
     * @param format {@link PointCloudFormat#PLY} or {@link PointCloudFormat#PCD}
     * @return this builder
     */
    public Builder optLabelledClouds(String dir, PointCloudFormat format) {
      if (format != PointCloudFormat.PLY && format != PointCloudFormat.PCD) {
        throw new IllegalArgumentException("labelled clouds are written as PLY or PCD, not " + format);
      }
      this.labelledDir = Objects.requireNonNull(dir, "dir");
      this.labelledFormat = format;
      return this;
    }

    /**
     * Ships the model (unless it is on the executors already) and checks it on the driver: it
     * must load as a {@link Predictor}, and a part segmenter's category must be one it knows.
     *
     * @return the job
     * @throws IOException when the model cannot be read or is not a model
     */
    public BatchInference build() throws IOException {
      String model;
      Path local;
      boolean shipped = !onExecutors;
      if (shipped) {
        spark.sparkContext().addFile(modelDir, true);
        model = name(modelDir);
        local = Path.of(SparkFiles.get(model));
      } else {
        model = modelDir;
        local = Path.of(modelDir);
      }
      Task task;
      try (Predictor p = Predictor.builder(local).optTopK(topK).build()) {
        task = p.task().datasetTask();
        if (task != Task.CLASSIFICATION && task != Task.PART_SEGMENTATION) {
          throw new IllegalArgumentException(modelDir + " is a " + task + " model; the Spark job"
              + " runs classifiers and part segmenters");
        }
        if (category != null) {
          if (task != Task.PART_SEGMENTATION) {
            throw new IllegalArgumentException("a category is for part segmenters; " + modelDir
                + " is a classifier");
          }
          p.categoryIndex(category);
        }
      }
      if (labelledDir != null && task != Task.PART_SEGMENTATION) {
        throw new IllegalArgumentException("labelled clouds are written by part segmenters; "
            + modelDir + " is a classifier");
      }
      return new BatchInference(this, task, model, shipped);
    }

    private static String name(String dir) {
      String path = URI.create(dir.replace(" ", "%20")).getPath();
      String s = path == null ? dir : path;
      s = s.replaceAll("/+$", "");
      return s.substring(s.lastIndexOf('/') + 1);
    }
  }

  /** The model's task. */
  public Task task() {
    return task;
  }

  /**
   * The result schema of {@link #predictFiles} (key column {@code file}).
   *
   * @return the schema
   */
  public StructType fileSchema() {
    return ResultSchema.of(task, "file");
  }

  /**
   * Predicts every file a path names: a file, the files of a folder, or the matches of a glob,
   * on any Hadoop file system ({@link FileListing}). The driver lists the files now; nothing else
   * runs until the result is used (written, counted...).
   *
   * @param path e.g. {@code hdfs:///fleet/2025-06-01/*.pcd} or {@code s3a://bucket/scans}
   * @return one row per file ({@link ResultSchema}, key column {@code file})
   * @throws IOException when the path matches nothing or cannot be listed
   */
  public Dataset<Row> predictFiles(String path) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<FileListing.Entry> files = FileListing.list(path, spark.sparkContext().hadoopConfiguration());
    int parts = Math.max(1, Math.min(files.size(),
        b.partitions > 0 ? b.partitions : 2 * jsc.defaultParallelism()));
    InferenceSettings s = settings(CloudEncoding.FILE, "file");
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    JavaRDD<Row> rows = jsc.parallelize(files, parts).mapPartitions(
        (Iterator<FileListing.Entry> it) -> new PartitionPredictor(s, fileInputs(it, conf)));
    return spark.createDataFrame(rows, ResultSchema.of(task, "file"));
  }

  /**
   * Predicts rows that hold encoded clouds: PointCloud2 messages, or the bytes of whole files
   * (e.g. {@code spark.read().format("binaryFile")}'s {@code path} and {@code content}).
   *
   * @param rows the input
   * @param idColumn a column identifying each row (cast to string), copied to the result
   * @param bytesColumn the binary column
   * @param encoding what the bytes are
   * @return one row per input row ({@link ResultSchema}, key column {@code id})
   */
  public Dataset<Row> predictRows(Dataset<Row> rows, String idColumn, String bytesColumn,
      CloudEncoding encoding) {
    Objects.requireNonNull(encoding, "encoding");
    Dataset<Row> in = b.categoryColumn == null
        ? rows.select(functions.col(idColumn).cast("string"), functions.col(bytesColumn))
        : rows.select(functions.col(idColumn).cast("string"), functions.col(bytesColumn),
            functions.col(b.categoryColumn).cast("string"));
    InferenceSettings s = settings(encoding, "id");
    JavaRDD<Row> out = in.javaRDD().mapPartitions(
        (Iterator<Row> it) -> new PartitionPredictor(s, rowInputs(it)));
    return spark.createDataFrame(out, ResultSchema.of(task, "id"));
  }

  private InferenceSettings settings(CloudEncoding encoding, String keyColumn) {
    HadoopConf hadoop = b.labelledDir == null ? null
        : new HadoopConf(spark.sparkContext().hadoopConfiguration());
    return new InferenceSettings(model, shipped, task, b.topK, b.batchSize, b.threads, b.seed,
        b.category, encoding, b.maxBytes, b.labelledDir, b.labelledFormat, hadoop, keyColumn);
  }

  private static Iterator<InputRecord> fileInputs(Iterator<FileListing.Entry> it, HadoopConf conf) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public InputRecord next() {
        FileListing.Entry e = it.next();
        return new InputRecord() {
          @Override
          public String key() {
            return e.path();
          }

          @Override
          public byte[] read(long limit) throws IOException {
            if (e.length() > limit) {   // refused before a byte is read
              throw new IOException(e.path() + ": " + e.length() + " bytes, larger than the limit of "
                  + limit + " bytes");
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(e.path());
            try (InputStream in = p.getFileSystem(conf.get()).open(p)) {
              return HadoopFiles.readBounded(in, e.path(), limit);
            }
          }

          @Override
          public String category() {
            return null;
          }
        };
      }
    };
  }

  private static Iterator<InputRecord> rowInputs(Iterator<Row> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public InputRecord next() {
        Row r = it.next();
        return new InputRecord() {
          @Override
          public String key() {
            return r.isNullAt(0) ? null : r.getString(0);
          }

          @Override
          public byte[] read(long limit) throws IOException {
            if (r.isNullAt(1)) {
              throw new IOException(key() + ": the row holds no bytes");
            }
            byte[] bytes = (byte[]) r.get(1);
            if (bytes.length > limit) {
              throw new IOException(key() + ": " + bytes.length + " bytes, more than the limit of "
                  + limit);
            }
            return bytes;
          }

          @Override
          public String category() {
            return r.size() > 2 && !r.isNullAt(2) ? r.getString(2) : null;
          }
        };
      }
    };
  }

  @Override
  public String toString() {
    return "BatchInference[" + b.modelDir + ", " + task + ", top " + b.topK + ", batch "
        + b.batchSize + "]";
  }
}

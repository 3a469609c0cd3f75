package org.pointea.spark.inference;

import java.io.Serializable;
import org.pointea.io.PointCloudFormat;
import org.pointea.io.dataset.Task;
import org.pointea.spark.internal.HadoopConf;

/**
 * What every task of a batch-inference job needs, shipped inside its closure; built by
 * {@link BatchInference}.
 *
 * @param model where each executor finds the model directory: a {@code SparkFiles} name when
 *     {@code shipped}, else a path present on every executor
 * @param shipped whether the model was added with {@code SparkContext.addFile}
 * @param task the model's task (checked on the driver)
 * @param topK classes listed per cloud
 * @param batchSize clouds per network pass (micro-batch)
 * @param threads ND4J threads per executor, 0 for the executor's cores
 * @param seed the seed of random sampling
 * @param category the object category of every cloud (part segmentation), or null
 * @param encoding what the input bytes are
 * @param maxBytes the largest input accepted, in bytes
 * @param labelledDir folder for labelled clouds (part segmentation), or null
 * @param labelledFormat their format (PLY or PCD), or null
 * @param hadoop the Hadoop configuration for writing them, or null
 * @param keyColumn the name of the output's first column ({@code file} or {@code id})
 */
record InferenceSettings(String model, boolean shipped, Task task, int topK, int batchSize,
    int threads, long seed, String category, CloudEncoding encoding, long maxBytes,
    String labelledDir, PointCloudFormat labelledFormat, HadoopConf hadoop, String keyColumn)
    implements Serializable {

  /** Identifies the executor's shared predictor: the model and every setting the predictor takes. */
  String predictorKey() {
    return model + "|" + shipped + "|" + topK + "|" + batchSize + "|" + seed;
  }
}

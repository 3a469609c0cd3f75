package org.pointea.spark.inference;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.pointea.io.dataset.Task;

/**
 * The columns of a batch-inference result, one row per input (a file or a message):
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>type</th><th>task</th><th>value</th></tr>
 *   <tr><td>{@code file} / {@code id}</td><td>string</td><td>both</td><td>the input's path, or
 *       its id column</td></tr>
 *   <tr><td>{@code points}</td><td>int</td><td>both</td><td>points read</td></tr>
 *   <tr><td>{@code class}, {@code class_index}, {@code probability}</td><td>string, int,
 *       float</td><td>classification</td><td>the most probable class</td></tr>
 *   <tr><td>{@code top_classes}, {@code top_scores}</td><td>array&lt;string&gt;,
 *       array&lt;float&gt;</td><td>classification</td><td>the k most probable classes and their
 *       probabilities, best first</td></tr>
 *   <tr><td>{@code category}</td><td>string</td><td>part segmentation</td><td>the object
 *       category the cloud was segmented as</td></tr>
 *   <tr><td>{@code labels}</td><td>array&lt;int&gt;</td><td>part segmentation</td><td>one global
 *       part id per input point, in input order; -1 for points with a non-finite
 *       coordinate</td></tr>
 *   <tr><td>{@code labelled_file}</td><td>string</td><td>part segmentation</td><td>the labelled
 *       PLY / PCD written, when asked for</td></tr>
 *   <tr><td>{@code error}</td><td>string</td><td>both</td><td>null, or one line saying why the
 *       input gave no answer (naming the file and the byte offset where known); the other
 *       result columns are then null</td></tr>
 * </table>
 */
public final class ResultSchema {
  /** The error column. */
  public static final String ERROR = "error";

  private ResultSchema() {}

  /**
   * Returns the schema of a task's results.
   *
   * @param task the model's task
   * @param keyColumn the first column's name
   * @return the schema
   */
  public static StructType of(Task task, String keyColumn) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(keyColumn, DataTypes.StringType, false));
    f.add(DataTypes.createStructField("points", DataTypes.IntegerType, true));
    if (task == Task.CLASSIFICATION) {
      f.add(DataTypes.createStructField("class", DataTypes.StringType, true));
      f.add(DataTypes.createStructField("class_index", DataTypes.IntegerType, true));
      f.add(DataTypes.createStructField("probability", DataTypes.FloatType, true));
      f.add(DataTypes.createStructField("top_classes",
          DataTypes.createArrayType(DataTypes.StringType, false), true));
      f.add(DataTypes.createStructField("top_scores",
          DataTypes.createArrayType(DataTypes.FloatType, false), true));
    } else {
      f.add(DataTypes.createStructField("category", DataTypes.StringType, true));
      f.add(DataTypes.createStructField("labels",
          DataTypes.createArrayType(DataTypes.IntegerType, false), true));
      f.add(DataTypes.createStructField("labelled_file", DataTypes.StringType, true));
    }
    f.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
    return DataTypes.createStructType(f);
  }
}

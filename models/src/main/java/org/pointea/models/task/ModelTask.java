package org.pointea.models.task;

import java.util.List;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.Task;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.data.SampleAugmenter;
import org.pointea.models.network.NetworkConfig;

/**
 * One learning task, in one place: how its data is batched (targets), its training recipe's
 * defaults, how a split is scored ({@link Scorer}) and what a prediction is ({@link Prediction}).
 * Its head and architectures are networks whose {@link NetworkConfig#task()} is this task's id.
 * Tasks are {@link java.util.ServiceLoader} services
 * ({@code META-INF/services/org.pointea.models.task.ModelTask}), found by {@link ModelTasks}: adding
 * a task touches no generic class of the trainer, evaluator, model directory or predictor.
 *
 * <p>The loss of every task is cross entropy over the network's output rows, one integer target
 * per row ({@link LabelledBatch#targets()}), with the configured label smoothing.
 */
public interface ModelTask {

    /** The id stored in {@code model.json} ({@code classification}, {@code part_segmentation}). */
    String id();

    /** Other names the command line accepts ({@code cls}; {@code partseg}, {@code seg}). */
    List<String> aliases();

    /** A readable name ({@code classification}, {@code part-segmentation}). */
    String title();

    /** The kind of dataset it trains on. */
    Task datasetTask();

    // ---- recipe --------------------------------------------------------------------------------

    /** The training batch size of its recipe (32 for classification, 16 for part segmentation). */
    int defaultBatchSize();

    /** The label smoothing of its recipe (PCT's 0.2; 0 for part segmentation). */
    double defaultSmoothing();

    /** The training augmentation of its recipe, as an augmentation spec. */
    String defaultAugmentation();

    /** The test-time augmentation of votes 2..K. */
    String defaultVoteAugmentation();

    /** True when votes must keep every point in place (per-point outputs are averaged by position). */
    boolean perPointOutputs();

    /** The validation metric that selects the best model ({@code acc}, {@code instance_miou}). */
    String selectionMetric();

    // ---- data ----------------------------------------------------------------------------------

    /**
     * Checks that a network and its label names belong together (as many class names as classes;
     * as many category names as the network takes categories).
     *
     * @throws IllegalArgumentException naming the disagreement
     */
    void checkLabels(NetworkConfig net, List<String> labels);

    /**
     * The label names a model trained on a dataset stores, from the dataset's own labels: its
     * class names (classification), or every category of the part table (part segmentation: a
     * category's index is its id in ShapeNet-part's table, whichever categories the data holds).
     */
    List<String> modelLabels(List<String> datasetLabels);

    /**
     * A builder of the cached dataset this task reads from a folder (ModelNet's loader, ShapeNet-part's,
     * ...); the caller sets the root, split, points and sampling.
     */
    CachedDataset.BaseBuilder<?> datasetBuilder();

    /** The preprocessing of its recipe (sampling to the network's points, normalisation). */
    Preprocessing defaultPreprocessing();

    /**
     * Checks that a dataset can train or score a network.
     *
     * @param net    the network's configuration
     * @param labels the model's label names
     * @param data   the dataset
     * @param what   how to name the data in a message ({@code training}, {@code validation})
     * @throws IllegalArgumentException naming what does not fit
     */
    void checkData(NetworkConfig net, List<String> labels, PointCloudDataset data, String what);

    /**
     * Reads shapes {@code indices} into a batch of {@code points} points per cloud, each shape
     * through {@code augmenter}.
     *
     * @throws IllegalArgumentException when a shape does not have {@code points} points or lacks labels
     */
    LabelledBatch read(PointCloudDataset data, int[] indices, SampleAugmenter augmenter, int points);

    // ---- scoring -------------------------------------------------------------------------------

    /**
     * A fresh scorer for a split.
     *
     * @param net        the network's configuration
     * @param labels     the model's label names
     * @param keepShapes how many shapes to keep for a report's figures (part segmentation), 0 for none
     */
    Scorer scorer(NetworkConfig net, List<String> labels, int keepShapes);

    // ---- prediction ----------------------------------------------------------------------------

    /** True when a prediction needs a per-cloud category (a part segmenter's object category). */
    boolean needsCategory();

    /**
     * The index of a category given by name.
     *
     * @throws IllegalArgumentException listing the valid names, or when the task takes no category
     */
    int categoryIndex(NetworkConfig net, List<String> labels, String name);

    /**
     * The prediction for one cloud from the network's outputs.
     *
     * @param net      the network's configuration
     * @param labels   the model's label names
     * @param outputs  the outputs of a batch, row-major
     * @param cloud    the cloud's index in the batch
     * @param input    the cloud and the points the network saw
     * @param category its category index, or -1 when the task takes none
     * @param threads  threads for Java-side work (0 = all processors)
     */
    Prediction decode(NetworkConfig net, List<String> labels, float[] outputs, int cloud, CloudInput input,
                      int category, int threads);
}

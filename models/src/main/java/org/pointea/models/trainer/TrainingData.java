package org.pointea.models.trainer;

import java.io.IOException;
import java.nio.file.Path;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.PointCloudDataset;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.PartFoldersDataset;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Task;
import org.pointea.io.dataset.scene.SceneLayout;
import org.pointea.models.data.Preprocessing;
import org.pointea.models.store.ModelSpec;
import org.pointea.models.task.semseg.SemanticSegmentationTask;
import org.pointea.pointcloud.PartTable;

/**
 * Opens a dataset split the way a model was (or will be) trained on it: the layout found in the
 * folder, the model's number of points and subsampling, positions only, normalised to the unit
 * sphere (the loaders' default pre-transform), cached in the dataset folder.
 *
 * <pre>{@code
 * CachedDataset test = TrainingData.open(Path.of("data/modelnet40_normal_resampled"), Split.TEST, spec,
 *     DatasetProgress.NONE);
 * }</pre>
 */
public final class TrainingData {
    private TrainingData() {
    }

    /**
     * The task of the dataset in a folder.
     *
     * @param dir the folder
     * @return classification or part segmentation
     * @throws DatasetNotFoundException when the folder holds no known layout
     * @throws IOException when it cannot be listed
     */
    public static Task task(Path dir) throws IOException {
        if (SceneLayout.detect(dir).isPresent()) {
            return Task.SEMANTIC_SEGMENTATION;
        }
        return DatasetLayout.detect(dir)
                .orElseThrow(() -> DatasetNotFoundException.noDataset(dir, null, "point-cloud"))
                .layout().task();
    }

    /**
     * Opens and prepares one split for a model.
     *
     * @param dir      the dataset folder
     * @param split    the split
     * @param spec     the model (task, points, subsampling)
     * @param progress receives the preparation's progress
     * @return the prepared dataset
     * @throws IOException when the data is missing or malformed, or holds another task
     */
    public static CachedDataset open(Path dir, Split split, ModelSpec spec, DatasetProgress progress)
            throws IOException {
        Task found = task(dir);
        Task wanted = spec.task().datasetTask();
        if (found != wanted) {
            throw new DatasetNotFoundException(dir + " holds a " + describe(found) + " dataset, but the model is for "
                    + spec.task().title(), dir, java.util.List.of());
        }
        CachedDataset ds = builder(dir, spec.task().datasetBuilder()).setRoot(dir).optSplit(split)
                .optPoints(spec.points()).optSampling(spec.preprocessing().sampling()).optNormals(false).build();
        ds.prepare(progress);
        return ds;
    }

    /**
     * The part table of a team's own part-labelled folders ({@link DatasetLayout#CLASS_FOLDERS_PARTS}):
     * which part ids each category uses in a split prepared as a model of {@code points} points and
     * this preprocessing will see it (the same cache as {@link #open}, so training reuses it).
     *
     * @param dir           the dataset folder
     * @param split         the training split
     * @param points        the model's points per cloud
     * @param preprocessing the model's preprocessing
     * @param progress      receives the preparation's progress
     * @return the table, categories in label order
     * @throws IOException when the data is missing or malformed, or is not such a tree
     */
    public static PartTable partTable(Path dir, Split split, int points, Preprocessing preprocessing,
                                      DatasetProgress progress) throws IOException {
        PartFoldersDataset ds = PartFoldersDataset.builder().setRoot(dir).optSplit(split).optPoints(points)
                .optSampling(preprocessing.sampling()).optNormals(false).build();
        ds.prepare(progress);
        try {
            return ds.partTable();
        } catch (IllegalStateException e) {
            throw new DatasetNotFoundException(e.getMessage(), dir, java.util.List.of());
        }
    }

    /**
     * True when the folder holds a team's own part-labelled tree (a folder per category whose
     * points carry labels), whose models record their part table.
     *
     * @param dir the folder
     * @return whether it is one
     * @throws IOException when it cannot be listed
     */
    public static boolean isPartFolders(Path dir) throws IOException {
        return DatasetLayout.detect(dir).map(l -> l.layout() == DatasetLayout.CLASS_FOLDERS_PARTS).orElse(false);
    }

    /** The builder for the layout in the folder: the own part folders' one, else the task's. */
    private static CachedDataset.BaseBuilder<?> builder(Path dir, CachedDataset.BaseBuilder<?> taskBuilder)
            throws IOException {
        return isPartFolders(dir) ? PartFoldersDataset.builder() : taskBuilder;
    }

    /**
     * Opens and prepares one split for training or validating a model: {@link #open} for shape
     * datasets, blocks of the scenes for a scene model ({@link SemanticSegmentationTask#openBlocks}).
     *
     * @param dir      the dataset folder
     * @param split    the split
     * @param spec     the model
     * @param progress receives the preparation's progress
     * @return the prepared dataset
     * @throws IOException when the data is missing or malformed, or holds another task
     */
    public static PointCloudDataset openForTraining(Path dir, Split split, ModelSpec spec, DatasetProgress progress)
            throws IOException {
        if (spec.task().datasetTask() == Task.SEMANTIC_SEGMENTATION) {
            Task found = task(dir);
            if (found != Task.SEMANTIC_SEGMENTATION) {
                throw new DatasetNotFoundException(dir + " holds a " + describe(found) + " dataset, but the model is"
                        + " for " + spec.task().title(), dir, java.util.List.of());
            }
            return SemanticSegmentationTask.openBlocks(dir, split, spec, progress);
        }
        return open(dir, split, spec, progress);
    }

    static String describe(Task t) {
        return t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

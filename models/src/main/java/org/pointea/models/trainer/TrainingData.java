package org.pointea.models.trainer;

import java.io.IOException;
import java.nio.file.Path;
import org.pointea.io.dataset.CachedDataset;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Task;
import org.pointea.models.store.ModelSpec;

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
        CachedDataset ds = spec.task().datasetBuilder().setRoot(dir).optSplit(split).optPoints(spec.points())
                .optSampling(spec.preprocessing().sampling()).optNormals(false).build();
        ds.prepare(progress);
        return ds;
    }

    static String describe(Task t) {
        return t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

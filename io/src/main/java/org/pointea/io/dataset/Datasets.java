package org.pointea.io.dataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens whatever dataset a folder holds, for callers that take a folder from the user (the
 * command line's {@code --data DIR}) and learn the task from it.
 *
 * <pre>{@code
 * CachedDataset train = Datasets.open(Path.of(args[0]), Split.TRAIN);
 * train.prepare(progress);
 * Task task = train.task();   // CLASSIFICATION or PART_SEGMENTATION
 * }</pre>
 */
public final class Datasets {
  private Datasets() {}

  /**
   * Returns a {@link ModelNetDataset}, {@link ShapeNetPartDataset} or {@link PartFoldersDataset}
   * (a folder per category with per-point labels) with default options
   * (1,024 or 2,048 points) for the layout found in the folder; call {@code prepare()} on it.
   *
   * @param dir the dataset folder (or a folder holding it)
   * @param split the split
   * @return the unprepared dataset
   * @throws DatasetNotFoundException when the folder holds no known layout
   * @throws IOException when the folder cannot be listed
   */
  public static CachedDataset open(Path dir, Split split) throws IOException {
    DatasetLayout.DatasetLocation loc = DatasetLayout.detect(dir)
        .orElseThrow(() -> DatasetNotFoundException.noDataset(dir, null, "point-cloud"));
    if (loc.layout() == DatasetLayout.CLASS_FOLDERS_PARTS) {
      return PartFoldersDataset.builder().setRoot(loc.root()).optSplit(split).build();
    }
    return loc.layout().task() == Task.CLASSIFICATION
        ? ModelNetDataset.builder().setRoot(loc.root()).optSplit(split).build()
        : ShapeNetPartDataset.builder().setRoot(loc.root()).optSplit(split).build();
  }
}

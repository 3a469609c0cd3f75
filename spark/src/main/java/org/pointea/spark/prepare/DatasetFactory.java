package org.pointea.spark.prepare;

import java.io.IOException;
import java.io.Serializable;
import org.pointea.io.dataset.CachedDataset;

/**
 * Creates the same dataset on the driver and on every executor: a serializable lambda over the
 * dataset's builder (datasets themselves hold open sources and do not travel).
 *
 * <pre>{@code
 * DatasetFactory f = () -> ModelNetDataset.builder().setRoot(Path.of("/mnt/data/ModelNet40"))
 *     .optSplit(Split.TRAIN).optPoints(1024).optSampling(Subsampling.FPS).build();
 * }</pre>
 */
@FunctionalInterface
public interface DatasetFactory extends Serializable {
  /**
   * Creates the dataset (not prepared).
   *
   * @return the dataset
   * @throws IOException when it cannot be opened
   */
  CachedDataset create() throws IOException;
}

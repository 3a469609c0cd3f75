package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path tmp;

  @Test
  void opensTheDatasetOfTheFoldersLayout() throws Exception {
    Trees.modelNet(tmp.resolve("mn"), DatasetLayout.CLASS_FOLDERS);
    Trees.shapeNet(tmp.resolve("sn"), DatasetLayout.SHAPENET_PART_HDF5);
    CachedDataset mn = Datasets.open(tmp.resolve("mn"), Split.TEST);
    assertThat(mn).isInstanceOf(ModelNetDataset.class);
    assertThat(mn.pointsPerShape()).isEqualTo(1024);
    mn.prepare();
    assertThat(mn.size()).isEqualTo(24);
    CachedDataset sn = Datasets.open(tmp.resolve("sn"), Split.VAL);
    assertThat(sn.task()).isEqualTo(Task.PART_SEGMENTATION);
    sn.prepare();
    assertThat(sn.size()).isEqualTo(12);
    assertThatThrownBy(() -> Datasets.open(tmp.resolve("none"), Split.TRAIN))
        .isInstanceOf(DatasetNotFoundException.class);
  }
}

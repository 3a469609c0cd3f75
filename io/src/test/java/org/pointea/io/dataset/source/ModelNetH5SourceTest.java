package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Trees;

class ModelNetH5SourceTest {
  @TempDir Path tmp;

  @Test
  void namesShapesFromTheId2FileLists() throws Exception {
    Path root = Trees.modelNet(tmp, DatasetLayout.MODELNET_HDF5);
    ModelNetH5Source s = ModelNetH5Source.open(root, ModelNetVariant.AUTO, Split.TRAINVAL, 0.1);
    assertThat(s.hasNormals()).isTrue();
    assertThat(s.files()).contains(root.resolve("ply_data_train0.h5"),
        root.resolve("ply_data_train_0_id2file.json"));
    assertThat(s.entries()).hasSize(72);
    for (ShapeEntry e : s.entries()) {
      assertThat(e.id()).startsWith(s.classNames().get(e.label()) + "_");
      assertThat(e.file()).isEqualTo(root.resolve("ply_data_train0.h5"));
    }
  }
}

package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Trees;

class ShapeNetPartH5SourceTest {
  @TempDir Path tmp;

  @Test
  void trainvalReadsBothListsAndMapsCategoriesBySynset() throws Exception {
    Path root = Trees.shapeNet(tmp, DatasetLayout.SHAPENET_PART_HDF5);
    ShapeNetPartH5Source s = ShapeNetPartH5Source.open(root, Split.TRAINVAL, Set.of());
    assertThat(s.files()).contains(root.resolve("train_hdf5_file_list.txt"),
        root.resolve("val_hdf5_file_list.txt"), root.resolve("all_object_categories.txt"));
    assertThat(s.entries()).hasSize(36);
    assertThat(s.hasNormals()).isFalse();
    ShapeEntry e = s.entries().get(0);
    assertThat(e.id()).isEqualTo("ply_data_train0.h5:0");
    assertThat(s.load(e.file(), List.of(e), 0, false).get(0).size()).isEqualTo(2048);
  }
}

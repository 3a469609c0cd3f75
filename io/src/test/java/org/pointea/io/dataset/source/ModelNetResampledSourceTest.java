package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Trees;
import org.pointea.pointcloud.PointCloud;

class ModelNetResampledSourceTest {
  @TempDir Path tmp;

  @Test
  void listsASplitWithItsFilesAndLoadsShapes() throws Exception {
    Path root = Trees.modelNet(tmp, DatasetLayout.MODELNET_NORMAL_RESAMPLED);
    ModelNetResampledSource s = ModelNetResampledSource.open(root, ModelNetVariant.AUTO,
        Split.TEST, 0.1);
    assertThat(s.layout()).isEqualTo(DatasetLayout.MODELNET_NORMAL_RESAMPLED);
    assertThat(s.entries()).hasSize(24);
    ShapeEntry e = s.entries().get(0);
    assertThat(e.id()).isEqualTo("capsule_0007");
    assertThat(e.file()).isEqualTo(root.resolve("capsule/capsule_0007.txt"));
    // names file, list file, then one file per shape: what the cache fingerprint covers
    assertThat(s.files()).hasSize(26).startsWith(root.resolve("modelnet40_shape_names.txt"),
        root.resolve("modelnet40_test.txt"));
    assertThat(s.hasNormals()).isTrue();
    assertThat(s.hasParts()).isFalse();
    List<PointCloud> c = s.load(e.file(), List.of(e), 0, true);
    assertThat(c.get(0).size()).isEqualTo(256);
    assertThat(c.get(0).hasNormals()).isTrue();
  }
}

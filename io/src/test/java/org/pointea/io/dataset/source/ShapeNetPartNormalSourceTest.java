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
import org.pointea.pointcloud.PointCloud;

class ShapeNetPartNormalSourceTest {
  @TempDir Path tmp;

  @Test
  void ordersCategoryMajorAndLoadsPartIds() throws Exception {
    Path root = Trees.shapeNet(tmp, DatasetLayout.SHAPENET_PART_NORMAL);
    ShapeNetPartNormalSource s = ShapeNetPartNormalSource.open(root, Split.TRAINVAL, Set.of());
    assertThat(s.entries()).hasSize(36);
    assertThat(s.entries()).extracting(ShapeEntry::label).isSorted();
    assertThat(s.hasParts()).isTrue();
    ShapeEntry mug = s.entries().stream().filter(e -> e.label() == 11).findFirst().orElseThrow();
    PointCloud c = s.load(mug.file(), List.of(mug), 0, true).get(0);
    assertThat(c.labels()).containsOnly(36, 37);
    assertThat(ShapeNetPartNormalSource.open(root, Split.TEST, Set.of(15)).entries()).hasSize(2);
  }
}

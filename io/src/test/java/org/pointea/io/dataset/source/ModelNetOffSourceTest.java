package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Trees;
import org.pointea.pointcloud.PointCloud;

class ModelNetOffSourceTest {
  @TempDir Path tmp;

  @Test
  void samplesEachMeshSeededByShapeId() throws Exception {
    Path f = Files.createDirectories(tmp.resolve("box/train")).resolve("box_0001.off");
    Files.copy(Trees.real("generated/open3d/box.off"), f);
    Files.createDirectories(tmp.resolve(".pointea-cache/train"));
    ModelNetOffSource s = ModelNetOffSource.open(tmp, ModelNetVariant.AUTO, Split.TRAINVAL, 0,
        300);
    assertThat(s.classNames()).containsExactly("box");
    ShapeEntry e = s.entries().get(0);
    PointCloud a = s.load(f, List.of(e), 1, true).get(0);
    assertThat(a.size()).isEqualTo(300);
    assertThat(s.load(f, List.of(e), 1, true).get(0)).isEqualTo(a);
    assertThat(s.load(f, List.of(e), 2, true).get(0)).isNotEqualTo(a);
    assertThat(s.load(f, List.of(e), 1, false).get(0).hasNormals()).isFalse();
  }

  @Test
  void aMeshWithoutAreaIsNamed() throws Exception {
    Path f = Files.createDirectories(tmp.resolve("flat/train")).resolve("flat_0001.off");
    Files.writeString(f, "OFF\n3 1 0\n0 0 0\n1 1 1\n2 2 2\n3 0 1 2\n");
    ModelNetOffSource s = ModelNetOffSource.open(tmp, ModelNetVariant.AUTO, Split.TRAINVAL, 0,
        10);
    assertThatThrownBy(() -> s.load(f, s.entries(), 0, true))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("cannot surface-sample");
  }
}

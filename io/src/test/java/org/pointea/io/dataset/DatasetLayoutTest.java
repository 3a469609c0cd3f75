package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLayoutTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void trees() {
    Trees.modelNet(tmp.resolve("ModelNet40"), DatasetLayout.CLASS_FOLDERS);
    Trees.modelNet(tmp.resolve("modelnet40_normal_resampled"),
        DatasetLayout.MODELNET_NORMAL_RESAMPLED);
    Trees.modelNet(tmp.resolve("repo/data/modelnet40_ply_hdf5_2048"), DatasetLayout.MODELNET_HDF5);
    Trees.shapeNet(tmp.resolve("shapenetcore_partanno_segmentation_benchmark_v0_normal"),
        DatasetLayout.SHAPENET_PART_NORMAL);
    Trees.shapeNet(tmp.resolve("hdf5_data"), DatasetLayout.SHAPENET_PART_HDF5);
  }

  @Test
  void detectsEveryLayoutInItsOwnFolder() throws IOException {
    assertThat(DatasetLayout.detect(tmp.resolve("ModelNet40")).orElseThrow().layout())
        .isEqualTo(DatasetLayout.CLASS_FOLDERS);
    assertThat(DatasetLayout.detect(tmp.resolve("modelnet40_normal_resampled")).orElseThrow()
        .layout()).isEqualTo(DatasetLayout.MODELNET_NORMAL_RESAMPLED);
    assertThat(DatasetLayout.detect(tmp.resolve("repo/data/modelnet40_ply_hdf5_2048"))
        .orElseThrow().layout()).isEqualTo(DatasetLayout.MODELNET_HDF5);
    assertThat(DatasetLayout.detect(
            tmp.resolve("shapenetcore_partanno_segmentation_benchmark_v0_normal"))
        .orElseThrow().layout()).isEqualTo(DatasetLayout.SHAPENET_PART_NORMAL);
    assertThat(DatasetLayout.detect(tmp.resolve("hdf5_data")).orElseThrow().layout())
        .isEqualTo(DatasetLayout.SHAPENET_PART_HDF5);
  }

  @Test
  void descendsIntoKnownArchiveFolders() throws IOException {
    DatasetLayout.DatasetLocation hdf5 = DatasetLayout.detect(tmp.resolve("repo")).orElseThrow();
    assertThat(hdf5.layout()).isEqualTo(DatasetLayout.MODELNET_HDF5);
    assertThat(hdf5.root()).isEqualTo(tmp.resolve("repo/data/modelnet40_ply_hdf5_2048"));
    // the parent holds several: the task picks one
    assertThat(DatasetLayout.detect(tmp, Task.PART_SEGMENTATION).orElseThrow().layout())
        .isEqualTo(DatasetLayout.SHAPENET_PART_NORMAL);
    assertThat(DatasetLayout.detect(tmp, Task.CLASSIFICATION).orElseThrow().root().getFileName()
        .toString()).isIn("modelnet40_normal_resampled", "ModelNet40");
  }

  @Test
  void findsNothingInEmptyOrMissingFolders() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(DatasetLayout.detect(empty)).isEmpty();
    assertThat(DatasetLayout.detect(tmp.resolve("missing"))).isEmpty();
    assertThat(DatasetLayout.detect(tmp.resolve("ModelNet40"), Task.PART_SEGMENTATION)).isEmpty();
  }

  @Test
  void everyLayoutNamesItsArchiveAndFiles() {
    for (DatasetLayout l : DatasetLayout.values()) {
      if (l != DatasetLayout.CLASS_FOLDERS_PARTS) { // a team's own labelled shapes: no archive
        assertThat(l.archives()).isNotEmpty();
        assertThat(l.archives().get(0).url()).startsWith("http");
      }
      assertThat(l.expectedFiles()).isNotEmpty();
      assertThat(l.title()).isNotBlank();
    }
    assertThat(DatasetLayout.MODELNET_HDF5.archives().get(0).url())
        .isEqualTo("https://shapenet.cs.stanford.edu/media/modelnet40_ply_hdf5_2048.zip");
  }
}

package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetNotFoundExceptionTest {
  @TempDir Path tmp;

  @Test
  void aMissingFolderListsEveryArchiveOfTheTask() {
    DatasetNotFoundException e =
        DatasetNotFoundException.noDataset(tmp.resolve("mn40"), Task.CLASSIFICATION, "ModelNet");
    assertThat(e.getMessage())
        .contains("No ModelNet dataset at " + tmp.resolve("mn40"))
        .contains("does not exist")
        .contains("never downloads")
        .contains("http://modelnet.cs.princeton.edu/ModelNet40.zip")
        .contains("https://shapenet.cs.stanford.edu/media/modelnet40_normal_resampled.zip")
        .contains("https://shapenet.cs.stanford.edu/media/modelnet40_ply_hdf5_2048.zip")
        .contains("unpacks to modelnet40_normal_resampled/")
        .contains("modelnet40_train.txt")
        .doesNotContain("shapenet_part_seg_hdf5_data");
    assertThat(e.root()).isEqualTo(tmp.resolve("mn40"));
  }

  @Test
  void aFolderWithoutALayoutSaysWhatItHolds() throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "hello");
    Files.createDirectories(tmp.resolve("stuff"));
    DatasetNotFoundException e =
        DatasetNotFoundException.noDataset(tmp, Task.PART_SEGMENTATION, "ShapeNet-part");
    assertThat(e.getMessage())
        .contains("holds no layout pointea knows (found: notes.txt, stuff/)")
        .contains("shapenetcore_partanno_segmentation_benchmark_v0_normal.zip")
        .contains("synsetoffset2category.txt")
        .doesNotContain("ModelNet40.zip");
  }

  @Test
  void anIncompleteTreeNamesTheMissingFilesAndTheArchive() {
    Path root = tmp.resolve("modelnet40_normal_resampled");
    DatasetNotFoundException e = DatasetNotFoundException.incomplete(
        DatasetLayout.MODELNET_NORMAL_RESAMPLED, root,
        List.of("airplane/airplane_0001.txt (listed in modelnet40_train.txt, line 1)"),
        List.of(root.resolve("airplane/airplane_0001.txt")), 7);
    assertThat(e.getMessage())
        .contains("is incomplete: 7 files are missing, e.g.:")
        .contains("airplane/airplane_0001.txt (listed in modelnet40_train.txt, line 1)")
        .contains("modelnet40_normal_resampled.zip");
    assertThat(e.missing()).containsExactly(root.resolve("airplane/airplane_0001.txt"));
  }
}

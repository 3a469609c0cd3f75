package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;

/** Issue 12, cause F: paths from a dataset's own files stay inside its root. */
class DatasetPathsTest {
  @TempDir
  Path tmp;

  @Test
  void entriesResolveInsideTheRootOrSayTheyDoNot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("ds"));
    Path list = root.resolve("list.txt");
    assertThat(DatasetPaths.resolveInside(root, "a/b.h5", list, 3))
        .isEqualTo(root.toAbsolutePath().resolve("a/b.h5"));
    assertThat(DatasetPaths.resolveInside(root, "a\\..\\b.h5", list, 3))
        .isEqualTo(root.toAbsolutePath().resolve("b.h5"));
    assertThat(DatasetPaths.resolveInside(root, root.toAbsolutePath() + "/c.h5", list, 3))
        .isEqualTo(root.toAbsolutePath().resolve("c.h5"));
    assertThatThrownBy(() -> DatasetPaths.resolveInside(root, "../x.h5", list, 3))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage(list + ": line 3: '../x.h5' resolves outside the dataset root "
            + root.toAbsolutePath());
    assertThatThrownBy(() -> DatasetPaths.resolveInside(root, "/etc/passwd", list, 1))
        .hasMessageContaining("outside the dataset root");
    assertThatThrownBy(() -> DatasetPaths.resolveInside(root, "a\u0000b.h5", list, 2))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessage(list + ": line 2: path entry 'a\\x00b.h5' holds a control character");
    assertThatThrownBy(() -> DatasetPaths.resolveInside(root, " ", list, 2))
        .hasMessageContaining("empty path entry");
  }

  @Test
  void oversizedFilesAreRefusedBeforeReading() throws Exception {
    Path sparse = tmp.resolve("huge.txt");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(10L << 30); // 10 GiB, sparse: nothing is written
    }
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> DatasetPaths.checkSize(sparse, DatasetPaths.MAX_SHAPE_FILE_BYTES,
        "a shape file")).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("is 10737418240 bytes");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(1.0);
  }

  @Test
  void aModelNetClassNamedDotDotCannotReadOutsideTheDataset() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("mn").resolve("ds"));
    Files.writeString(root.resolve("modelnet40_shape_names.txt"), "chair\n..\n");
    Files.writeString(root.resolve("modelnet40_train.txt"), "chair_0001\n.._0001\n");
    Files.createDirectories(root.resolve("chair"));
    Files.writeString(root.resolve("chair").resolve("chair_0001.txt"), "0,0,0,0,0,1\n");
    Files.writeString(root.getParent().resolve(".._0001.txt"), "0,0,0,0,0,1\n");
    assertThatThrownBy(() -> ModelNetResampledSource.open(root, ModelNetVariant.MODELNET40,
        Split.TRAIN, 0)).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("modelnet40_train.txt: line 2: '../.._0001.txt' resolves outside");
  }

  @Test
  void hdf5ListsWithParentOrAbsoluteEntriesAreRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("h5").resolve("ds"));
    Files.writeString(root.resolve("shape_names.txt"), "a\nb\n");
    Files.writeString(root.getParent().resolve("secret.h5"), "not yours");
    for (String entry : new String[] {"../secret.h5", root.getParent().resolve("secret.h5")
        .toAbsolutePath().toString(), "ply_data\u0000train0.h5"}) {
      Files.writeString(root.resolve("train_files.txt"), "\n" + entry + "\n");
      assertThatThrownBy(() -> ModelNetH5Source.open(root, ModelNetVariant.AUTO, Split.TRAIN, 0))
          .as(entry).isInstanceOf(PointCloudFormatException.class)
          .hasMessageStartingWith(root.resolve("train_files.txt") + ": line 2: ");
    }
  }

  @Test
  void aNulInAJsonSplitIsAFormatErrorNamingTheLine() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("sn"));
    Files.writeString(root.resolve("synsetoffset2category.txt"), "Airplane\t02691156\n");
    Path split = Files.createDirectories(root.resolve("train_test_split"))
        .resolve("shuffled_train_file_list.json");
    Files.writeString(split, "[\n\"shape_data/02691156/a\\u0000b\"\n]");
    assertThatThrownBy(() -> ShapeNetPartNormalSource.open(root, Split.TRAIN, Set.of()))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageStartingWith(split + ": line 2: ")
        .hasMessageContaining("control character");
  }
}

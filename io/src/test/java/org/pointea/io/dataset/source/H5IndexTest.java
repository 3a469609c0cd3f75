package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.RealCorpus;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetNotFoundException;

class H5IndexTest {
  @TempDir Path tmp;

  @Test
  void resolvesPointNetsRepositoryRelativeEntries() throws Exception {
    Path repo = tmp.resolve("pointnet");
    Path root = Files.createDirectories(repo.resolve("data/modelnet40_ply_hdf5_2048"));
    Path a = Files.writeString(root.resolve("ply_data_train0.h5"), "x");
    Path elsewhere = Files.createDirectories(tmp.resolve("other"));
    Path b = Files.writeString(elsewhere.resolve("ply_data_train1.h5"), "x");
    Path list = Files.writeString(root.resolve("train_files.txt"),
        "data/modelnet40_ply_hdf5_2048/ply_data_train0.h5\n"
            + "data\\modelnet40_ply_hdf5_2048\\ply_data_train0.h5\n" + a + "\n");
    MissingFiles missing = new MissingFiles(DatasetLayout.MODELNET_HDF5, root);
    assertThat(H5Index.resolveList(root, list, missing)).containsExactly(a);
    missing.throwIfAny();
    // an absolute entry elsewhere is outside the dataset (issue 12, F)
    Files.writeString(list, "ply_data_train0.h5\n" + b + "\n");
    assertThatThrownBy(() -> H5Index.resolveList(root, list, missing))
        .isInstanceOf(org.pointea.io.PointCloudFormatException.class)
        .hasMessage(list + ": line 2: '" + b + "' resolves outside the dataset root " + root);
    Files.writeString(list, "ply_data_train0.h5\nply_data_train9.h5\n");
    assertThat(H5Index.resolveList(root, list, missing)).containsExactly(a);
    assertThatThrownBy(missing::throwIfAny)
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("ply_data_train9.h5 (listed as 'ply_data_train9.h5' in"
            + " train_files.txt, line 2)");
  }

  @Test
  void readsLabelsOfRealFiles() throws Exception {
    assertThat(H5Index.labels(RealCorpus.file("generated/h5py/modelnet40_ply_data_plain.h5")))
        .containsExactly(0, 7, 39, 12);
    assertThat(H5Index.labels(RealCorpus.file("generated/h5py/shapenet_part_ply_data_gzip.h5")))
        .containsExactly(0, 4, 15, 8);
    assertThat(H5Index.labels(RealCorpus.file("h5/abdullahozer11/our_data.h5"))).hasSize(32);
    assertThat(H5Index.datasets(
        RealCorpus.file("generated/h5py/modelnet40_ply_data_with_normal_gzip.h5")))
        .containsExactly("data", "faceId", "label", "normal");
  }

  @Test
  void notHdf5IsNamed() throws Exception {
    Path f = Files.writeString(tmp.resolve("fake.h5"), "not hdf5 at all");
    assertThatThrownBy(() -> H5Index.labels(f))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageStartingWith(f + ": byte 0: not a readable HDF5 file");
  }
}

package org.pointea.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.source.DatasetPaths;
import org.pointea.io.dataset.source.ModelNetH5Source;
import org.pointea.io.dataset.source.ModelNetResampledSource;
import org.pointea.io.dataset.source.ShapeEntry;
import org.pointea.io.dataset.source.ShapeNetPartNormalSource;
import org.pointea.io.dataset.source.ShapeSource;

/**
 * Fuzz targets for the index files of dataset layouts: a PointNet HDF5 list
 * ({@code train_files.txt}), ModelNet shape ids ({@code modelnet40_train.txt}) and a ShapeNet-part
 * JSON split. Each input is written into a dataset folder that has a sibling file outside it;
 * besides {@link FuzzBounds}, every file the source lists must lie inside the folder (issue 12, F).
 * Seeds: {@code DatasetListFuzzTestInputs/<method>/}.
 */
class DatasetListFuzzTest {
  private static Path root;

  /** {@code base/outside.h5}, {@code base/outside/x_0001.txt} and the dataset folder {@code base/ds}. */
  private static synchronized Path root() {
    if (root == null) {
      try {
        Path base = Files.createTempDirectory("pointea-fuzz-ds");
        Path ds = Files.createDirectories(base.resolve("ds"));
        Files.writeString(base.resolve("outside.h5"), "outside");
        Files.createDirectories(base.resolve("outside"));
        Files.writeString(base.resolve("outside").resolve("outside_0001.txt"), "0,0,0,0,0,1\n");
        Files.writeString(ds.resolve("shape_names.txt"), "chair\ntable\n..\n");
        Files.writeString(ds.resolve("modelnet40_shape_names.txt"), "chair\ntable\n..\noutside\n");
        Files.createDirectories(ds.resolve("chair"));
        Files.writeString(ds.resolve("chair").resolve("chair_0001.txt"), "0,0,0,0,0,1\n");
        Files.writeString(ds.resolve("synsetoffset2category.txt"), "Airplane\t02691156\n");
        Files.createDirectories(ds.resolve("02691156"));
        Files.writeString(ds.resolve("02691156").resolve("a.txt"), "0 0 0 0 0 1 0\n");
        Files.createDirectories(ds.resolve("train_test_split"));
        root = ds;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void h5List(byte[] in) throws IOException {
    Path ds = root();
    Files.write(ds.resolve("train_files.txt"), in);
    open(in, () -> ModelNetH5Source.open(ds, ModelNetVariant.AUTO, Split.TRAIN, 0));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void modelNetIds(byte[] in) throws IOException {
    Path ds = root();
    Files.write(ds.resolve("modelnet40_train.txt"), in);
    open(in, () -> ModelNetResampledSource.open(ds, ModelNetVariant.MODELNET40, Split.TRAIN, 0));
  }

  @FuzzTest(maxDuration = FuzzBounds.CAMPAIGN_SLOT)
  @Timeout(FuzzBounds.HANG_SECONDS)
  void shapeNetSplit(byte[] in) throws IOException {
    Path ds = root();
    Files.write(ds.resolve("train_test_split").resolve("shuffled_train_file_list.json"), in);
    open(in, () -> ShapeNetPartNormalSource.open(ds, Split.TRAIN, Set.of()));
  }

  @FunctionalInterface
  private interface Opener {
    ShapeSource open() throws IOException;
  }

  private static void open(byte[] in, Opener opener) {
    FuzzBounds.check(in, () -> {
      ShapeSource s;
      try {
        s = opener.open();
      } catch (DatasetNotFoundException e) {
        return; // a listed file is missing: said, with the list's name and line
      }
      for (ShapeEntry e : s.entries()) {
        if (!DatasetPaths.isInside(root(), e.file())) {
          throw new AssertionError("listed file " + e.file() + " is outside " + root());
        }
      }
      for (Path f : s.files()) {
        if (!DatasetPaths.isInside(root(), f)) {
          throw new AssertionError("file " + f + " is outside " + root());
        }
      }
    });
  }
}

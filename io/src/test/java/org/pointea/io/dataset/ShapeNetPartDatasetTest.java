package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;
import org.pointea.pointcloud.transform.FixedPoints;

class ShapeNetPartDatasetTest {
  @TempDir static Path tmp;
  static Path normal;
  static Path hdf5;

  @BeforeAll
  static void trees() {
    normal = Trees.shapeNet(tmp.resolve("normal"), DatasetLayout.SHAPENET_PART_NORMAL);
    hdf5 = Trees.shapeNet(tmp.resolve("hdf5_data"), DatasetLayout.SHAPENET_PART_HDF5);
  }

  static ShapeNetPartDataset.Builder on(Path root) {
    return ShapeNetPartDataset.builder().setRoot(root).optCacheDir(tmp.resolve("cache"));
  }

  static ShapeNetPartDataset prepared(ShapeNetPartDataset.Builder b) throws IOException {
    ShapeNetPartDataset d = b.build();
    d.prepare();
    return d;
  }

  static void assertPartsOfCategory(Sample s) {
    int first = ShapeNetPart.firstPart(s.label());
    int count = ShapeNetPart.partCount(s.label());
    for (int p : s.cloud().labels()) {
      assertThat(p).isBetween(first, first + count - 1);
    }
  }

  @Test
  void everySplitOfBothLayouts() throws IOException {
    for (Path root : List.of(normal, hdf5)) {
      assertThat(prepared(on(root).optSplit(Split.TRAIN)).size()).isEqualTo(24);
      assertThat(prepared(on(root).optSplit(Split.VAL)).size()).isEqualTo(12);
      assertThat(prepared(on(root).optSplit(Split.TRAINVAL)).size()).isEqualTo(36);
      ShapeNetPartDataset test = prepared(on(root).optSplit(Split.TEST).optPoints(512));
      assertThat(test.size()).isEqualTo(12);
      assertThat(test.task()).isEqualTo(Task.PART_SEGMENTATION);
      assertThat(test.classNames()).isEqualTo(ShapeNetPart.categoryNames());
      Set<Integer> categories = new HashSet<>();
      for (int i = 0; i < test.size(); i++) {
        Sample s = test.get(i);
        assertThat(s.cloud().size()).isEqualTo(512);
        assertPartsOfCategory(s);
        categories.add(s.label());
      }
      // the real category indices: Airplane 0, Chair 4, Lamp 8, Laptop 9, Mug 11, Table 15
      assertThat(categories).containsExactlyInAnyOrder(0, 4, 8, 9, 11, 15);
    }
  }

  @Test
  void textLayoutIsCategoryMajorAndHasNormals() throws IOException {
    ShapeNetPartDataset d = prepared(on(normal).optSplit(Split.TRAINVAL));
    assertThat(d.labels()).isSorted();
    assertThat(d.get(0).cloud().hasNormals()).isTrue();
    assertThat(d.get(0).id()).matches("[0-9a-f]{32}");
    assertThat(prepared(on(hdf5).optSplit(Split.TEST)).get(0).cloud().hasNormals()).isFalse();
  }

  @Test
  void resamplingWithReplacementIsSeededPerShape() throws IOException {
    ShapeNetPartDataset a = prepared(on(normal).optSplit(Split.TEST).optPoints(1000).optSeed(5));
    ShapeNetPartDataset b = prepared(on(normal).optSplit(Split.TEST).optPoints(1000).optSeed(5)
        .optCache(false).optThreads(1));
    ShapeNetPartDataset c = prepared(on(normal).optSplit(Split.TEST).optPoints(1000).optSeed(6));
    assertThat(a.report().status()).isEqualTo(PrepareReport.Status.BUILT);
    assertThat(b.report().status()).isEqualTo(PrepareReport.Status.BUILT_UNCACHED);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).cloud()).isEqualTo(b.get(i).cloud());
    }
    assertThat(a.get(0).cloud()).isNotEqualTo(c.get(0).cloud());
    // 1000 draws from 300..400 points must repeat some
    PointCloud cl = a.get(0).cloud();
    Set<Float> xs = new HashSet<>();
    for (float x : cl.positions()) {
      xs.add(x);
    }
    assertThat(xs.size()).isLessThan(3 * 1000);
  }

  @Test
  void aPerAccessFixedPointsRedrawsEveryEpoch() throws IOException {
    ShapeNetPartDataset d = prepared(on(normal).optSplit(Split.TEST).optPoints(400)
        .optTransform(new FixedPoints(256, false)));
    Sample e0 = d.get(1, org.pointea.pointcloud.RandomStreams.of(1, 0, 1));
    Sample e1 = d.get(1, org.pointea.pointcloud.RandomStreams.of(1, 1, 1));
    assertThat(e0.cloud().size()).isEqualTo(256);
    assertThat(e0.cloud()).isNotEqualTo(e1.cloud());
    assertPartsOfCategory(e0);
  }

  @Test
  void keepsOnlyTheCategoriesAsked() throws IOException {
    for (Path root : List.of(normal, hdf5)) {
      ShapeNetPartDataset d = prepared(on(root).optSplit(Split.TRAINVAL)
          .optCategories("Mug", "03636649"));
      assertThat(d.size()).isEqualTo(12);
      assertThat(new HashSet<>(toList(d.labels()))).containsExactlyInAnyOrder(8, 11);
    }
  }

  static List<Integer> toList(int[] a) {
    List<Integer> out = new ArrayList<>();
    for (int x : a) {
      out.add(x);
    }
    return out;
  }

  @Test
  void readsTheRealShapeNetPartTextLines() throws IOException {
    Path root = tmp.resolve("excerpt");
    Trees.copy(Trees.fixture("shapenet_part_normal_excerpt"), root);
    ShapeNetPartDataset d = prepared(on(root).optSplit(Split.TEST).optPoints(2)
        .optSampling(Subsampling.FIRST).optPreTransform(null));
    Sample s = d.get(0);
    assertThat(s.label()).isEqualTo(0);
    assertThat(s.id()).isEqualTo("excerpt");
    assertThat(s.cloud().labels()).containsExactly(0, 2);
    assertThat(s.cloud().positions()).containsExactly(-0.253770f, -0.041050f, -0.000220f,
        -0.266060f, -0.031920f, 0.022690f);
    assertThat(s.cloud().normals()).startsWith(-0.999500f, 0.026250f, -0.014680f);
  }

  @Test
  void realHdf5WithForeignPartIdsIsRejectedNamingTheRow() throws IOException {
    // the corpus file holds random pids in 0..49, so shape 0 (Airplane) has parts of others
    Path root = tmp.resolve("real-h5");
    Files.createDirectories(root);
    Files.copy(Trees.real("generated/h5py/shapenet_part_ply_data_gzip.h5"),
        root.resolve("ply_data_test0.h5"));
    Files.writeString(root.resolve("test_hdf5_file_list.txt"), "ply_data_test0.h5\n");
    assertThatThrownBy(() -> on(root).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("ply_data_test0.h5")
        .hasMessageMatching("(?s).*row \\d, point \\d+: part id \\d+ is not a part of .*");
  }

  @Test
  void aMissingSplitFileOrShapeIsNamed() throws IOException {
    Path copy = tmp.resolve("broken");
    Trees.copy(normal, copy);
    Files.delete(copy.resolve("train_test_split/shuffled_val_file_list.json"));
    assertThatThrownBy(() -> on(copy).optSplit(Split.TRAINVAL).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("train_test_split/shuffled_val_file_list.json")
        .hasMessageContaining("shapenetcore_partanno_segmentation_benchmark_v0_normal.zip");
    List<String> test = org.pointea.io.dataset.source.ListFiles.jsonStrings(
        copy.resolve("train_test_split/shuffled_test_file_list.json"));
    String[] parts = test.get(3).split("/");
    Files.delete(copy.resolve(parts[1]).resolve(parts[2] + ".txt"));
    assertThatThrownBy(() -> on(copy).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining(parts[1] + "/" + parts[2] + ".txt (entry 4 of "
            + "shuffled_test_file_list.json)");
  }

  @Test
  void malformedIndexFilesAreNamedWithTheirLine() throws IOException {
    Path copy = tmp.resolve("broken-json");
    Trees.copy(normal, copy);
    Files.writeString(copy.resolve("train_test_split/shuffled_test_file_list.json"),
        "[\"shape_data/02691156/a\",\n 17]");
    assertThatThrownBy(() -> on(copy).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("shuffled_test_file_list.json: line 2")
        .hasMessageContaining("expected a string");
    Files.writeString(copy.resolve("synsetoffset2category.txt"), "Airplane\t02691156\nTeapot 1\n");
    assertThatThrownBy(() -> on(copy).optSplit(Split.TRAIN).build().prepare())
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("synsetoffset2category.txt: line 2")
        .hasMessageContaining("'1' is not one of the 16");
  }

  @Test
  void aForeignPartIdInATextFileIsNamedWithItsLine() throws IOException {
    Path copy = tmp.resolve("broken-part");
    Trees.copy(normal, copy);
    Path mug = null;
    try (var s = Files.list(copy.resolve("03797390"))) {
      mug = s.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(mug));
    lines.set(9, lines.get(9).replaceAll("\\S+$", "12.000000"));
    Files.write(mug, lines);
    String token = mug.getFileName().toString();
    assertThatThrownBy(() -> {
      for (Split s : List.of(Split.TRAIN, Split.VAL, Split.TEST)) {
        on(copy).optSplit(s).build().prepare();
      }
    }).isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining(token + ": line 10: part id 12 is not a part of Mug (36..37)");
  }
}

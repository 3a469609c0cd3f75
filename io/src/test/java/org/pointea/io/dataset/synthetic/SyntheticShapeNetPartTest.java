package org.pointea.io.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.source.ListFiles;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.ShapeNetPart;

class SyntheticShapeNetPartTest {
  @TempDir Path tmp;

  static SyntheticShapeNetPart small() {
    return SyntheticShapeNetPart.builder().optShapesPerCategory(3, 1, 2).optPoints(500, 600)
        .optSeed(4).optThreads(2).build();
  }

  @Test
  void everyShapeHasAllItsCategorysPartsAndOnlyThose() {
    SyntheticShapeNetPart g = small();
    assertThat(g.categories()).hasSizeGreaterThanOrEqualTo(4);
    for (int c = 0; c < g.categories().size(); c++) {
      int cat = g.categories().get(c).category();
      Set<Integer> expected = new TreeSet<>();
      for (int p : ShapeNetPart.parts(cat)) {
        expected.add(p);
      }
      for (int k = 0; k < 6; k++) {
        PointCloud cloud = g.cloud(c, k, 0);
        assertThat(cloud.size()).isBetween(500, 600);
        Set<Integer> seen = new TreeSet<>();
        for (int p : cloud.labels()) {
          seen.add(p);
        }
        assertThat(seen).as(g.categories().get(c).categoryName()).isEqualTo(expected);
        assertThat(cloud.hasNormals()).isTrue();
        var b = cloud.bounds();
        assertThat(Math.max(b.extent(0), Math.max(b.extent(1), b.extent(2))))
            .isBetween(0.95f, 1.05f);
      }
    }
  }

  @Test
  void realCategoriesAndPartIds() {
    assertThat(PartCategory.MUG.category()).isEqualTo(11);
    assertThat(PartCategory.MUG.synset()).isEqualTo("03797390");
    assertThat(PartCategory.TABLE.categoryName()).isEqualTo("Table");
    SyntheticShapeNetPart.LabelledMesh m = small().mesh(0, 0);
    assertThat(m.triangleParts()).hasSize(m.mesh().triangleCount());
    assertThat(new TreeSet<>(toList(m.triangleParts()))).containsExactly(0, 1, 2, 3);
  }

  static List<Integer> toList(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  @Test
  void isDeterministic() {
    assertThat(small().cloud(3, 2, 0)).isEqualTo(small().cloud(3, 2, 0));
    assertThat(small().token(3, 2)).isEqualTo(small().token(3, 2)).matches("[0-9a-f]{32}");
    assertThat(small().cloud(3, 2, 0)).isNotEqualTo(small().cloud(3, 1, 0));
  }

  @Test
  void writesTheNormalTextLayoutWithJsonSplits() throws IOException {
    SynthesisReport r = small().write(tmp, DatasetLayout.SHAPENET_PART_NORMAL,
        DatasetProgress.NONE);
    assertThat(r.shapes()).isEqualTo(36);
    List<ListFiles.Line> cats = ListFiles.lines(tmp.resolve("synsetoffset2category.txt"));
    assertThat(cats).hasSize(16);
    assertThat(cats.get(11).text()).isEqualTo("Mug\t03797390");
    Set<String> all = new HashSet<>();
    int[] sizes = new int[3];
    String[] names = {"train", "val", "test"};
    for (int s = 0; s < 3; s++) {
      List<String> items = ListFiles.jsonStrings(tmp.resolve("train_test_split")
          .resolve("shuffled_" + names[s] + "_file_list.json"));
      sizes[s] = items.size();
      for (String item : items) {
        assertThat(item).matches("shape_data/\\d{8}/[0-9a-f]{32}");
        assertThat(tmp.resolve(item.substring("shape_data/".length()) + ".txt")).exists();
        all.add(item);
      }
    }
    assertThat(sizes).containsExactly(18, 6, 12);
    assertThat(all).hasSize(36);
    assertThat(small().shapesPerCategory(Split.TRAINVAL)).isEqualTo(4);
    String line = Files.readAllLines(tmp.resolve(all.iterator().next()
        .substring("shape_data/".length()) + ".txt")).get(0);
    assertThat(line).matches("(-?\\d\\.\\d{6} ){6}\\d\\d?\\.000000");
  }

  @Test
  void writesThePointNetHdf5Layout() throws IOException {
    small().write(tmp, DatasetLayout.SHAPENET_PART_HDF5, DatasetProgress.NONE);
    assertThat(Files.readString(tmp.resolve("val_hdf5_file_list.txt")))
        .isEqualTo("ply_data_val0.h5\n");
    PointNetBatch b = PointNetH5Reader.read(tmp.resolve("ply_data_test0.h5"));
    assertThat(b.size()).isEqualTo(12);
    for (int i = 0; i < b.size(); i++) {
      assertThat(b.cloud(i).size()).isEqualTo(2048);
      assertThat(b.cloud(i).hasNormals()).isFalse();
      int cat = b.label(i);
      for (int p : b.cloud(i).labels()) {
        assertThat(ShapeNetPart.categoryOfPart(p)).isEqualTo(cat);
      }
    }
  }
}

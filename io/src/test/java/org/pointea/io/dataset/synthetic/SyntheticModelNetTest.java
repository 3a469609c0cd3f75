package org.pointea.io.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.hdf5.PointNetBatch;
import org.pointea.io.hdf5.PointNetH5Reader;
import org.pointea.pointcloud.PointCloud;

class SyntheticModelNetTest {
  @TempDir Path tmp;

  static SyntheticModelNet small(int threads) {
    return SyntheticModelNet.builder().optClasses(List.of(ShapeClass.TORUS, ShapeClass.CONE,
        ShapeClass.CUBE)).optTrainPerClass(4).optTestPerClass(2).optPoints(200).optSeed(5)
        .optThreads(threads).build();
  }

  @Test
  void isDeterministicAndSeeded() {
    SyntheticModelNet a = small(1);
    SyntheticModelNet b = small(2);
    assertThat(a.cloud(1, 3)).isEqualTo(b.cloud(1, 3));
    assertThat(a.mesh(2, 5)).isEqualTo(b.mesh(2, 5));
    assertThat(a.cloud(1, 3)).isNotEqualTo(a.cloud(1, 4));
    SyntheticModelNet c = SyntheticModelNet.builder().optSeed(6).optPoints(200).build();
    assertThat(c.cloud(0, 0)).isNotEqualTo(SyntheticModelNet.builder().optSeed(5).optPoints(200)
        .build().cloud(0, 0));
  }

  @Test
  void labelsFollowSortedClassNamesAndIdsFollowModelNet() {
    SyntheticModelNet g = small(1);
    assertThat(g.classNames()).containsExactly("cone", "cube", "torus");
    assertThat(g.id(2, 0)).isEqualTo("torus_0001");
    assertThat(g.id(0, 5)).isEqualTo("cone_0006");
    assertThat(SyntheticModelNet.builder().build().classNames()).hasSize(12).isSorted();
  }

  @Test
  void pointsHaveUnitOutwardNormals() {
    SyntheticModelNet g = SyntheticModelNet.builder().optNoise(0).optPoints(500).build();
    for (int c = 0; c < g.classes().size(); c++) {
      ShapeClass cls = g.classes().get(c);
      if (cls == ShapeClass.TORUS || cls == ShapeClass.TUBE || cls == ShapeClass.CROSS) {
        continue; // not star-shaped around their centre
      }
      PointCloud p = g.cloud(c, 0);
      float[] xyz = p.positions();
      float[] n = p.normals();
      float[] centre = p.bounds().center();
      int outward = 0;
      for (int i = 0; i < p.size(); i++) {
        double dot = 0;
        double len = 0;
        for (int a = 0; a < 3; a++) {
          dot += n[3 * i + a] * (xyz[3 * i + a] - centre[a]);
          len += n[3 * i + a] * n[3 * i + a];
        }
        assertThat(Math.sqrt(len)).isCloseTo(1, within(1e-5));
        outward += dot > 0 ? 1 : 0;
      }
      assertThat(outward).as(cls.id()).isGreaterThan(p.size() * 95 / 100);
    }
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void theWrittenFilesDoNotDependOnTheThreadCount() throws IOException {
    small(1).write(tmp.resolve("one"), DatasetLayout.MODELNET_NORMAL_RESAMPLED,
        DatasetProgress.NONE);
    SynthesisReport r = small(2).write(tmp.resolve("two"),
        DatasetLayout.MODELNET_NORMAL_RESAMPLED, DatasetProgress.NONE);
    List<Path> one = files(tmp.resolve("one"));
    List<Path> two = files(tmp.resolve("two"));
    assertThat(one).hasSize(18 + 5);
    for (int i = 0; i < one.size(); i++) {
      assertThat(tmp.resolve("one").relativize(one.get(i)))
          .isEqualTo(tmp.resolve("two").relativize(two.get(i)));
      assertThat(Files.readAllBytes(one.get(i))).isEqualTo(Files.readAllBytes(two.get(i)));
    }
    assertThat(r.shapes()).isEqualTo(18);
    assertThat(r.bytes()).isEqualTo(two.stream().mapToLong(p -> p.toFile().length()).sum());
    assertThat(Files.readAllLines(tmp.resolve("two/modelnet40_train.txt"))).hasSize(12)
        .startsWith("cone_0001");
    assertThat(Files.readAllLines(tmp.resolve("two/cone/cone_0001.txt")).get(0))
        .matches("-?\\d\\.\\d{6},-?\\d\\.\\d{6},-?\\d\\.\\d{6},-?\\d\\.\\d{6},-?\\d\\.\\d{6},"
            + "-?\\d\\.\\d{6}");
  }

  @Test
  void offFilesSometimesHaveModelNetsGluedHeader() throws IOException {
    small(2).write(tmp, DatasetLayout.CLASS_FOLDERS, DatasetProgress.NONE);
    assertThat(Files.readAllLines(tmp.resolve("cube/train/cube_0001.off")).get(0))
        .isEqualTo("OFF");
    assertThat(Files.readAllLines(tmp.resolve("cube/test/cube_0005.off")).get(0))
        .matches("OFF\\d+ \\d+ 0");
  }

  @Test
  void hdf5FilesHoldUnitSphereShapesAndIdLists() throws IOException {
    small(2).write(tmp, DatasetLayout.MODELNET_HDF5, DatasetProgress.NONE);
    PointNetBatch b = PointNetH5Reader.read(tmp.resolve("ply_data_train0.h5"));
    assertThat(b.size()).isEqualTo(12);
    assertThat(b.cloud(0).size()).isEqualTo(200);
    assertThat(b.cloud(0).hasNormals()).isTrue();
    float[] p = b.cloud(0).positions();
    double max = 0;
    for (int i = 0; i < p.length; i += 3) {
      max = Math.max(max, Math.sqrt(p[i] * p[i] + p[i + 1] * p[i + 1] + p[i + 2] * p[i + 2]));
    }
    assertThat(max).isCloseTo(1, within(1e-5));
    assertThat(Files.readString(tmp.resolve("train_files.txt")))
        .isEqualTo("data/" + tmp.getFileName() + "/ply_data_train0.h5\n");
    assertThat(Files.readString(tmp.resolve("ply_data_test_0_id2file.json")))
        .contains("\"cone/cone_0005.ply\"");
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> SyntheticModelNet.builder().optClasses(List.of(ShapeClass.CONE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SyntheticModelNet.builder().optPoints(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> small(1).write(tmp, DatasetLayout.SHAPENET_PART_NORMAL,
        DatasetProgress.NONE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDemoIsSmall() {
    SyntheticModelNet d = SyntheticModelNet.demo();
    assertThat(d.classes()).hasSize(12);
    assertThat(d.trainPerClass() + d.testPerClass()).isEqualTo(80);
    assertThat(d.points()).isEqualTo(1024);
  }
}

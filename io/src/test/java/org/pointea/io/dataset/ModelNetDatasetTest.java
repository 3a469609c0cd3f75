package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.ReadOptions;
import org.pointea.io.npy.NpyReader;
import org.pointea.io.text.TextLayout;
import org.pointea.io.text.TextReader;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.sampling.FarthestPointSampler;
import org.pointea.pointcloud.transform.RandomScale;

class ModelNetDatasetTest {
  @TempDir static Path tmp;
  static Path resampled;
  static Path hdf5;
  static Path off;

  @BeforeAll
  static void trees() {
    resampled = Trees.modelNet(tmp.resolve("resampled"), DatasetLayout.MODELNET_NORMAL_RESAMPLED);
    hdf5 = Trees.modelNet(tmp.resolve("hdf5"), DatasetLayout.MODELNET_HDF5);
    off = Trees.modelNet(tmp.resolve("off"), DatasetLayout.CLASS_FOLDERS);
  }

  static ModelNetDataset.Builder on(Path root) {
    return ModelNetDataset.builder().setRoot(root).optCacheDir(tmp.resolve("cache"));
  }

  static ModelNetDataset prepared(ModelNetDataset.Builder b) throws IOException {
    ModelNetDataset d = b.build();
    d.prepare();
    return d;
  }

  static Map<String, Integer> labelsById(ModelNetDataset d) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < d.size(); i++) {
      m.put(d.get(i).id(), d.label(i));
    }
    return m;
  }

  @Test
  void theThreeLayoutsHoldTheSameShapesWithTheSameLabels() throws IOException {
    ModelNetDataset a = prepared(on(resampled).optSplit(Split.TEST).optPoints(128));
    ModelNetDataset b = prepared(on(hdf5).optSplit(Split.TEST).optPoints(128));
    ModelNetDataset c = prepared(on(off).optSplit(Split.TEST).optPoints(128));
    assertThat(a.layout()).isEqualTo(DatasetLayout.MODELNET_NORMAL_RESAMPLED);
    assertThat(b.layout()).isEqualTo(DatasetLayout.MODELNET_HDF5);
    assertThat(c.layout()).isEqualTo(DatasetLayout.CLASS_FOLDERS);
    assertThat(a.size()).isEqualTo(24);
    assertThat(a.classNames()).hasSize(12).isEqualTo(b.classNames()).isEqualTo(c.classNames())
        .isSorted();
    assertThat(labelsById(a)).isEqualTo(labelsById(b)).isEqualTo(labelsById(c));
    for (int i = 0; i < a.size(); i++) {
      Sample s = a.get(i);
      assertThat(s.id()).startsWith(a.classNames().get(s.label()) + "_");
      assertThat(s.cloud().size()).isEqualTo(128);
      assertThat(s.cloud().hasNormals()).isTrue();
    }
  }

  @Test
  void firstTakesTheFirstRowsOfTheTextFile() throws IOException {
    ModelNetDataset d = prepared(on(resampled).optSplit(Split.TEST).optPoints(100)
        .optSampling(Subsampling.FIRST).optPreTransform(null));
    Sample s = d.get(3);
    String cls = d.classNames().get(s.label());
    PointCloud file = TextReader.read(resampled.resolve(cls).resolve(s.id() + ".txt"),
        TextLayout.MODELNET, ReadOptions.DEFAULT);
    int[] first = IntStream.range(0, 100).toArray();
    assertThat(s.cloud().positions()).containsExactly(file.select(first).positions());
    assertThat(s.cloud().normals()).containsExactly(file.select(first).normals());
  }

  @Test
  void fpsPicksTheFarthestPointsOfTheFileAndNormalizes() throws IOException {
    ModelNetDataset raw = prepared(on(resampled).optSplit(Split.TEST).optPoints(64)
        .optSampling(Subsampling.FPS).optPreTransform(null));
    ModelNetDataset norm = prepared(on(resampled).optSplit(Split.TEST).optPoints(64)
        .optSampling(Subsampling.FPS));
    Sample s = raw.get(5);
    String cls = raw.classNames().get(s.label());
    PointCloud file = TextReader.read(resampled.resolve(cls).resolve(s.id() + ".txt"),
        TextLayout.MODELNET, ReadOptions.DEFAULT);
    int[] idx = FarthestPointSampler.sample(file.positions(), file.size(), 64);
    assertThat(s.cloud().positions()).containsExactly(file.select(idx).positions());
    float[] p = norm.get(5).cloud().positions();
    double[] mean = new double[3];
    double max = 0;
    for (int i = 0; i < p.length; i += 3) {
      for (int a = 0; a < 3; a++) {
        mean[a] += p[i + a] / 64.0;
      }
      max = Math.max(max, Math.sqrt(p[i] * p[i] + p[i + 1] * p[i + 1] + p[i + 2] * p[i + 2]));
    }
    assertThat(mean).containsExactly(new double[] {0, 0, 0}, within(1e-5));
    assertThat(max).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void valAndTrainPartitionTheOfficialTrainingList() throws IOException {
    for (Path root : List.of(resampled, hdf5, off)) {
      Set<String> train = labelsById(prepared(on(root).optSplit(Split.TRAIN).optPoints(32)
          .optValidationFraction(0.25))).keySet();
      Map<String, Integer> val = labelsById(prepared(on(root).optSplit(Split.VAL).optPoints(32)
          .optValidationFraction(0.25)));
      Set<String> all = labelsById(prepared(on(root).optSplit(Split.TRAINVAL).optPoints(32)))
          .keySet();
      assertThat(all).hasSize(72);
      assertThat(val).hasSize(24); // round(0.25 * 6) = 2 per class
      assertThat(new HashSet<>(val.values())).hasSize(12);
      assertThat(train).doesNotContainAnyElementsOf(val.keySet());
      Set<String> union = new HashSet<>(train);
      union.addAll(val.keySet());
      assertThat(union).isEqualTo(all);
    }
    // the same shapes are held out in every layout: the choice depends on the ids only
    assertThat(labelsById(prepared(on(resampled).optSplit(Split.VAL).optPoints(32))))
        .isEqualTo(labelsById(prepared(on(off).optSplit(Split.VAL).optPoints(32))));
  }

  @Test
  void normalsAreOptional() throws IOException {
    ModelNetDataset d = prepared(on(hdf5).optSplit(Split.TEST).optPoints(32).optNormals(false));
    assertThat(d.get(0).cloud().hasNormals()).isFalse();
    Path noNormals = tmp.resolve("hdf5-no-normals");
    org.pointea.io.dataset.synthetic.SyntheticModelNet.builder().optTrainPerClass(2)
        .optTestPerClass(1).optPoints(64).optH5Normals(false).build()
        .write(noNormals, DatasetLayout.MODELNET_HDF5, DatasetProgress.NONE);
    ModelNetDataset auto = prepared(on(noNormals).optSplit(Split.TEST).optPoints(32));
    assertThat(auto.get(0).cloud().hasNormals()).isFalse();
    assertThatThrownBy(() -> on(noNormals).optSplit(Split.TEST).optNormals(true).build().prepare())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has none");
  }

  @Test
  void thePerAccessTransformDrawsOnlyFromTheGivenGenerator() throws IOException {
    ModelNetDataset d = prepared(on(resampled).optSplit(Split.TEST).optPoints(64)
        .optTransform(new RandomScale(0.5f, 2f)));
    Sample plain = d.get(2);
    Sample a = d.get(2, RandomStreams.of(7, 1, 2));
    Sample b = d.get(2, RandomStreams.of(7, 1, 2));
    Sample c = d.get(2, RandomStreams.of(7, 2, 2));
    assertThat(a.cloud()).isEqualTo(b.cloud());
    assertThat(a.cloud()).isNotEqualTo(c.cloud()).isNotEqualTo(plain.cloud());
    assertThat(d.get(2).cloud()).isEqualTo(plain.cloud());
    assertThat(a.label()).isEqualTo(plain.label());
  }

  @Test
  void getIsThreadSafe() throws IOException {
    ModelNetDataset d = prepared(on(resampled).optSplit(Split.TRAINVAL).optPoints(64)
        .optTransform(RandomScale.pct()));
    List<PointCloud> sequential = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      sequential.add(d.get(i, RandomStreams.of(1, 0, i)).cloud());
    }
    List<PointCloud> parallel = IntStream.range(0, d.size()).parallel()
        .mapToObj(i -> d.get(i, RandomStreams.of(1, 0, i)).cloud()).toList();
    assertThat(parallel).isEqualTo(sequential);
  }

  @Test
  void offMeshesAreSurfaceSampledWithASeed() throws IOException {
    ModelNetDataset a = prepared(on(off).optSplit(Split.TEST).optPoints(256).optSeed(1)
        .optPreTransform(null));
    ModelNetDataset b = prepared(on(off).optSplit(Split.TEST).optPoints(256).optSeed(1)
        .optPreTransform(null).optCache(false));
    ModelNetDataset c = prepared(on(off).optSplit(Split.TEST).optPoints(256).optSeed(2)
        .optPreTransform(null));
    assertThat(a.get(0).cloud()).isEqualTo(b.get(0).cloud());
    assertThat(a.get(0).cloud()).isNotEqualTo(c.get(0).cloud());
    float[] n = a.get(0).cloud().normals();
    for (int i = 0; i < n.length; i += 3) {
      assertThat(Math.sqrt(n[i] * n[i] + n[i + 1] * n[i + 1] + n[i + 2] * n[i + 2]))
          .isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void surfacePointsThenFpsCoversTheMeshEvenly() throws IOException {
    ModelNetDataset d = prepared(on(off).optSplit(Split.TEST).optPoints(128)
        .optSurfacePoints(2048).optSampling(Subsampling.FPS));
    assertThat(d.size()).isEqualTo(24);
    assertThat(d.get(0).cloud().size()).isEqualTo(128);
  }

  @Test
  void aMissingFolderExplainsWhatToDownloadAndWhere() {
    assertThatThrownBy(() -> on(tmp.resolve("nowhere")).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("No ModelNet dataset at")
        .hasMessageContaining("modelnet40_normal_resampled.zip");
    assertThatThrownBy(() -> on(tmp.resolve("nowhere")).build().get(0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("prepare()");
  }

  @Test
  void aMissingShapeFileIsNamedWithTheListLine() throws IOException {
    Path copy = tmp.resolve("broken-missing");
    Trees.copy(resampled, copy);
    Files.delete(copy.resolve("cone/cone_0003.txt"));
    assertThatThrownBy(() -> on(copy).optSplit(Split.TRAINVAL).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("is incomplete: 1 file is missing")
        .hasMessageContaining("cone/cone_0003.txt (listed in modelnet40_train.txt, line 9)")
        .hasMessageContaining("modelnet40_normal_resampled.zip");
    // the test split does not need it
    assertThat(prepared(on(copy).optSplit(Split.TEST).optPoints(16)).size()).isEqualTo(24);
    Files.delete(copy.resolve("modelnet40_test.txt"));
    assertThatThrownBy(() -> on(copy).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("modelnet40_test.txt (the test shape ids)");
  }

  @Test
  void aMalformedShapeFileIsNamedWithItsLine() throws IOException {
    Path copy = tmp.resolve("broken-text");
    Trees.copy(resampled, copy);
    Path bad = copy.resolve("torus/torus_0007.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(bad));
    lines.set(41, "0.1,0.2,zero,0,0,1");
    Files.write(bad, lines);
    assertThatThrownBy(() -> on(copy).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("torus_0007.txt")
        .hasMessageContaining("line 42");
  }

  @Test
  void aShapeOfAnUnlistedClassIsNamedWithItsListLine() throws IOException {
    Path copy = tmp.resolve("broken-class");
    Trees.copy(resampled, copy);
    Files.writeString(copy.resolve("modelnet40_test.txt"), "cube_0007\nteapot_0001\n");
    assertThatThrownBy(() -> on(copy).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining("modelnet40_test.txt: line 2")
        .hasMessageContaining("'teapot'");
  }

  @Test
  void aMissingHdf5FileIsNamedWithItsListEntry() throws IOException {
    Path copy = tmp.resolve("broken-h5");
    Trees.copy(hdf5, copy);
    Files.delete(copy.resolve("ply_data_test0.h5"));
    assertThatThrownBy(() -> on(copy).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("ply_data_test0.h5 (listed as 'data/hdf5/ply_data_test0.h5' in"
            + " test_files.txt, line 1)");
  }

  @Test
  void anOffTreeWithoutATestFolderIsIncomplete() throws IOException {
    Path copy = tmp.resolve("broken-off");
    Trees.copy(off, copy);
    try (var s = Files.list(copy.resolve("prism/test"))) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(copy.resolve("prism/test"));
    assertThatThrownBy(() -> on(copy).optSplit(Split.TEST).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("prism/test (the test folder of class 'prism')");
  }

  @Test
  void modelNet10NeedsItsTenClasses() {
    assertThatThrownBy(() -> on(off).optVariant(ModelNetVariant.MODELNET10).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("bathtub (a ModelNet10 class folder)");
  }

  @Test
  void modelNet10ListsOfAResampledFolder() throws IOException {
    Path root = tmp.resolve("mn10");
    Files.createDirectories(root);
    Files.write(root.resolve("modelnet10_shape_names.txt"), ModelNetVariant.MODELNET10_CLASSES);
    Files.writeString(root.resolve("modelnet10_train.txt"), "night_stand_0001\nbed_0002\n");
    Files.writeString(root.resolve("modelnet10_test.txt"), "toilet_0003\n");
    String line = Files.readString(
        Trees.fixture("modelnet40_normal_resampled_excerpt/airplane/airplane_0001.txt"));
    for (String id : List.of("night_stand_0001", "bed_0002", "toilet_0003")) {
      Path f = root.resolve(id.substring(0, id.lastIndexOf('_'))).resolve(id + ".txt");
      Files.createDirectories(f.getParent());
      Files.writeString(f, line + line.replace("-0.098790", "0.5") + line.replace("0.1638", "0.9"));
    }
    ModelNetDataset d = prepared(on(root).optSplit(Split.TRAINVAL).optPoints(3));
    assertThat(d.classNames()).isEqualTo(ModelNetVariant.MODELNET10_CLASSES);
    assertThat(labelsById(d)).isEqualTo(Map.of("night_stand_0001", 6, "bed_0002", 1));
    assertThat(prepared(on(root).optSplit(Split.TEST).optPoints(3)).label(0)).isEqualTo(9);
  }

  @Test
  void readsTheRealModelNetTextLine() throws IOException {
    Path root = tmp.resolve("excerpt");
    Trees.copy(Trees.fixture("modelnet40_normal_resampled_excerpt"), root);
    ModelNetDataset d = prepared(on(root).optSplit(Split.TEST).optPoints(4)
        .optPreTransform(null));
    PointCloud c = d.get(0).cloud();
    assertThat(d.get(0).id()).isEqualTo("airplane_0001");
    assertThat(c.size()).isEqualTo(4); // one point, repeated as FIRST pads
    assertThat(c.positions()).startsWith(-0.098790f, -0.182300f, 0.163800f);
    assertThat(c.normals()).startsWith(0.829000f, -0.557200f, -0.048180f);
  }

  @Test
  void readsRealPointNetHdf5FilesWithNormals() throws IOException {
    Path root = tmp.resolve("real-h5/data/modelnet40_ply_hdf5_2048");
    Files.createDirectories(root);
    Files.copy(Trees.fixture("modelnet40_names.txt"), root.resolve("shape_names.txt"));
    Files.copy(Trees.real("generated/h5py/modelnet40_ply_data_with_normal_gzip.h5"),
        root.resolve("ply_data_test0.h5"));
    Files.writeString(root.resolve("test_files.txt"),
        "data/modelnet40_ply_hdf5_2048/ply_data_test0.h5\n");
    ModelNetDataset d = prepared(ModelNetDataset.builder().setRoot(tmp.resolve("real-h5"))
        .optSplit(Split.TEST).optPoints(2048));
    float[] data = NpyReader.readArray(Trees.real("generated/h5py/groundtruth_data.npy"))
        .toFloatArray();
    float[] normal = NpyReader.readArray(Trees.real("generated/h5py/groundtruth_normal.npy"))
        .toFloatArray();
    int[] labels = NpyReader.readArray(Trees.real("generated/h5py/groundtruth_label_cls.npy"))
        .toIntArray();
    assertThat(d.layout()).isEqualTo(DatasetLayout.MODELNET_HDF5);
    assertThat(d.size()).isEqualTo(4);
    assertThat(d.labels()).containsExactly(labels);
    assertThat(d.labels()).containsExactly(0, 7, 39, 12);
    assertThat(d.classNames().get(39)).isEqualTo("xbox");
    for (int i = 0; i < 4; i++) {
      Sample s = d.get(i);
      assertThat(s.id()).isEqualTo("ply_data_test0.h5:" + i);
      assertThat(s.cloud().positions())
          .containsExactly(java.util.Arrays.copyOfRange(data, i * 6144, (i + 1) * 6144));
      assertThat(s.cloud().normals())
          .containsExactly(java.util.Arrays.copyOfRange(normal, i * 6144, (i + 1) * 6144));
    }
    // ModelNet10 keeps its ten classes and renumbers them: of airplane (0), car (7), xbox (39)
    // and desk (12) only desk remains, as ModelNet10 label 3
    ModelNetDataset ten = prepared(ModelNetDataset.builder().setRoot(root)
        .optVariant(ModelNetVariant.MODELNET10).optSplit(Split.TEST).optPoints(16));
    assertThat(ten.classNames()).isEqualTo(ModelNetVariant.MODELNET10_CLASSES);
    assertThat(ten.labels()).containsExactly(3);
    assertThat(ten.get(0).id()).isEqualTo("ply_data_test0.h5:3");
  }

  @Test
  void readsAThirdPartyFloat64Hdf5() throws IOException {
    Path root = tmp.resolve("real-f64");
    Files.createDirectories(root);
    Files.copy(Trees.real("h5/abdullahozer11/our_data.h5"), root.resolve("our_data.h5"));
    Files.writeString(root.resolve("shape_names.txt"), "car\npedestrian\n");
    Files.writeString(root.resolve("train_files.txt"), "our_data.h5\n");
    ModelNetDataset d = prepared(ModelNetDataset.builder().setRoot(root)
        .optSplit(Split.TRAINVAL).optPoints(1024).optSampling(Subsampling.FPS));
    assertThat(d.size()).isEqualTo(32);
    assertThat(d.get(0).cloud().hasNormals()).isFalse();
    assertThat(IntStream.of(d.labels()).distinct().sorted().toArray()).containsExactly(0, 1);
  }

  @Test
  void readsRealOffMeshesIncludingGluedHeaders() throws IOException {
    Path root = tmp.resolve("real-off");
    Map<String, String> meshes = Map.of(
        "box", "generated/open3d/box.off",
        "ball", "off/trimesh/ballA.off",
        "cube", "off/trimesh/comments.off",
        "glued", "off/trimesh/whitespace.off",
        "quad", "off/pyg/example2.off");
    for (Map.Entry<String, String> e : meshes.entrySet()) {
      for (String split : List.of("train", "test")) {
        Path f = root.resolve(e.getKey()).resolve(split).resolve(e.getKey() + "_0001.off");
        Files.createDirectories(f.getParent());
        Files.copy(Trees.real(e.getValue()), f);
      }
    }
    ModelNetDataset d = prepared(ModelNetDataset.builder().setRoot(root).optSplit(Split.TEST)
        .optPoints(500).optPreTransform(null));
    assertThat(d.classNames()).containsExactly("ball", "box", "cube", "glued", "quad");
    PointCloud box = d.get(1).cloud();
    assertThat(d.get(1).id()).isEqualTo("box_0001");
    var bounds = box.bounds();
    assertThat(bounds.min()).containsExactly(new float[] {0, 0, 0}, within(1e-6f));
    assertThat(bounds.max()).containsExactly(new float[] {1, 2, 3}, within(1e-3f));
    // the glued "OFF8 6 12" header of whitespace.off reads as the same cube as comments.off
    assertThat(d.get(3).cloud().bounds().max()[2]).isCloseTo(1.154701f, within(1e-3f));
  }
}

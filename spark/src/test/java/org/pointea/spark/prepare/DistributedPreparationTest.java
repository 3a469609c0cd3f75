package org.pointea.spark.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.ModelNetDataset;
import org.pointea.io.dataset.PrepareReport;
import org.pointea.io.dataset.ShapeNetPartDataset;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Subsampling;
import org.pointea.io.dataset.cache.DatasetCache;
import org.pointea.io.dataset.synthetic.PartCategory;
import org.pointea.io.dataset.synthetic.ShapeClass;
import org.pointea.io.dataset.synthetic.SyntheticModelNet;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.spark.SharedSpark;

class DistributedPreparationTest {
  @TempDir
  static Path tmp;

  static Path modelNet;
  static Path shapeNet;

  @BeforeAll
  static void data() throws IOException {
    modelNet = tmp.resolve("ModelNet10");
    SyntheticModelNet.builder().optClasses(List.of(ShapeClass.CONE, ShapeClass.CUBE, ShapeClass.TORUS))
        .optTrainPerClass(6).optTestPerClass(2).optSeed(11).build()
        .write(modelNet, DatasetLayout.CLASS_FOLDERS, DatasetProgress.NONE);
    shapeNet = tmp.resolve("shapenet");
    SyntheticShapeNetPart.builder().optCategories(List.of(PartCategory.LAPTOP, PartCategory.MUG))
        .optShapesPerCategory(5, 1, 1).optPoints(200, 300).optSeed(5).build()
        .write(shapeNet, DatasetLayout.SHAPENET_PART_NORMAL, DatasetProgress.NONE);
  }

  /** Takes strings: a factory lambda must capture only serializable values (Path is not). */
  static ModelNetDataset modelNet(String root, String cacheDir) {
    return ModelNetDataset.builder().setRoot(Path.of(root)).optSplit(Split.TRAIN).optPoints(128)
        .optSampling(Subsampling.FPS).optSurfacePoints(2000).optSeed(7).optCacheDir(Path.of(cacheDir))
        .build();
  }

  @Test
  void modelNetMeshesGiveTheSingleMachineCacheByteForByte() throws Exception {
    String root = modelNet.toString();
    String local = tmp.resolve("cache-local").toString();
    String cluster = tmp.resolve("cache-cluster").toString();
    PrepareReport one = modelNet(root, local).prepare();
    assertThat(one.status()).isEqualTo(PrepareReport.Status.BUILT);

    DistributedPreparation.Result r = DistributedPreparation.prepare(SharedSpark.get(),
        () -> modelNet(root, cluster), 4);
    assertThat(r.status()).isEqualTo(DatasetCache.Status.BUILT);
    assertThat(r.shapes()).isEqualTo(one.shapes());
    assertThat(r.units()).as("one unit per OFF file").isEqualTo(one.shapes());
    assertThat(r.file().getFileName()).isEqualTo(one.cacheFile().getFileName());
    assertThat(Files.readAllBytes(r.file())).isEqualTo(Files.readAllBytes(one.cacheFile()));

    assertThat(modelNet(root, cluster).prepare().status()).as("the trainer loads the cluster's cache")
        .isEqualTo(PrepareReport.Status.LOADED);
    assertThat(DistributedPreparation.prepare(SharedSpark.get(), () -> modelNet(root, cluster)).status())
        .isEqualTo(DatasetCache.Status.LOADED);
  }

  @Test
  void partSegmentationWithNormalsAndPartIdsToo() throws Exception {
    String root = shapeNet.toString();
    String cluster = tmp.resolve("seg-cluster").toString();
    PrepareReport one = ShapeNetPartDataset.builder().setRoot(shapeNet).optPoints(160)
        .optSampling(Subsampling.RANDOM).optSeed(3).optCacheDir(tmp.resolve("seg-local")).build()
        .prepare();
    DistributedPreparation.Result r = DistributedPreparation.prepare(SharedSpark.get(),
        () -> ShapeNetPartDataset.builder().setRoot(Path.of(root)).optPoints(160)
            .optSampling(Subsampling.RANDOM).optSeed(3).optCacheDir(Path.of(cluster)).build());
    assertThat(r.status()).isEqualTo(DatasetCache.Status.BUILT);
    assertThat(Files.readAllBytes(r.file())).isEqualTo(Files.readAllBytes(one.cacheFile()));
  }

  @Test
  void aMalformedShapeFailsWithTheReadersMessageAndWritesNoCache() throws Exception {
    Path copy = tmp.resolve("broken");
    SyntheticModelNet.builder().optClasses(List.of(ShapeClass.CONE, ShapeClass.CUBE))
        .optTrainPerClass(3).optTestPerClass(1).optSeed(2).build()
        .write(copy, DatasetLayout.CLASS_FOLDERS, DatasetProgress.NONE);
    Path victim;
    try (var files = Files.walk(copy)) {
      victim = files.filter(p -> p.toString().endsWith(".off") && p.toString().contains("train"))
          .sorted().findFirst().orElseThrow();
    }
    Files.writeString(victim, "OFF\n8 12 0\n0 0 0\n1 1\n");
    Path cache = tmp.resolve("broken-cache");
    String root = copy.toString();
    String cacheDir = cache.toString();
    assertThatThrownBy(() -> DistributedPreparation.prepare(SharedSpark.get(),
        () -> ModelNetDataset.builder().setRoot(Path.of(root)).optPoints(64)
            .optCacheDir(Path.of(cacheDir)).build()))
        .isInstanceOf(IOException.class).hasMessageContaining(victim.getFileName().toString());
    assertThatThrownBy(() -> DistributedPreparation.prepare(SharedSpark.get(),
        () -> ModelNetDataset.builder().setRoot(copy).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.nio.file.Path")
        .hasMessageContaining("String");
    try (var files = Files.list(cache)) {
      assertThat(files.filter(p -> p.toString().endsWith(".cache"))).isEmpty();
    }
  }
}

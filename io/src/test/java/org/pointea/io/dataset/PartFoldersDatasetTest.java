package org.pointea.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.synthetic.PartCategory;
import org.pointea.io.dataset.synthetic.SyntheticShapeNetPart;
import org.pointea.pointcloud.PointCloud;

/** A team's own part-labelled folders: SyntheticShapeNetPart's shapes written as PLY per category. */
class PartFoldersDatasetTest {
  @TempDir static Path tmp;
  static Path tree;

  @BeforeAll
  static void write() throws IOException {
    tree = tmp.resolve("my-parts");
    SyntheticShapeNetPart.builder()
        .optCategories(List.of(PartCategory.AIRPLANE, PartCategory.MUG, PartCategory.TABLE))
        .optShapesPerCategory(4, 1, 2).optPoints(300, 400).optSeed(3).optThreads(2).build()
        .write(tree, DatasetLayout.CLASS_FOLDERS_PARTS, DatasetProgress.NONE);
  }

  static PartFoldersDataset prepared(Split split) throws IOException {
    PartFoldersDataset d = PartFoldersDataset.builder().setRoot(tree).optSplit(split).optPoints(256)
        .optValidationFraction(0.2).optCacheDir(tmp.resolve("cache")).build();
    d.prepare();
    return d;
  }

  @Test
  void opensTheTreeWithCategoriesFromTheFoldersAndPartsFromTheFiles() throws IOException {
    assertThat(Files.isDirectory(tree.resolve("Mug/train"))).isTrue();
    assertThat(DatasetLayout.detect(tree).orElseThrow().layout())
        .isEqualTo(DatasetLayout.CLASS_FOLDERS_PARTS);
    CachedDataset opened = Datasets.open(tree, Split.TEST);
    assertThat(opened).isInstanceOf(PartFoldersDataset.class);
    assertThat(opened.task()).isEqualTo(Task.PART_SEGMENTATION);

    PartFoldersDataset train = prepared(Split.TRAIN);
    PartFoldersDataset val = prepared(Split.VAL);
    PartFoldersDataset test = prepared(Split.TEST);
    assertThat(train.classNames()).containsExactly("Airplane", "Mug", "Table");
    assertThat(train.size()).isEqualTo(12);
    assertThat(val.size()).isEqualTo(3); // the val folders
    assertThat(prepared(Split.TRAINVAL).size()).isEqualTo(15);
    assertThat(test.size()).isEqualTo(6);
    Sample s = train.get(0);
    assertThat(s.cloud().size()).isEqualTo(256);
    assertThat(s.cloud().hasLabels()).isTrue();
    // the files number each category's parts from 0 (airplane 4, mug 2, table 3 parts)
    assertThat(train.partTable()).hasToString("PartTable[Airplane: 0 1 2 3; Mug: 0 1; Table: 0 1 2]");
    assertThat(train.partTable().parts()).isEqualTo(4);
    assertThat(prepared(Split.TRAIN).report().status()).isEqualTo(PrepareReport.Status.LOADED);
  }

  @Test
  void shapeNetDatasetRefusesTheTreeAndACategoryWithoutShapesHasNoTable() throws IOException {
    assertThatThrownBy(() -> ShapeNetPartDataset.builder().setRoot(tree)
        .optCacheDir(tmp.resolve("cache")).build().prepare())
        .isInstanceOf(DatasetNotFoundException.class).hasMessageContaining("PartFoldersDataset");
    Path sparse = tmp.resolve("sparse");
    PointCloud one = PointCloud.builder(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0})
        .labels(new int[] {0, 1, 1}).build();
    Files.createDirectories(sparse.resolve("a/train"));
    Files.createDirectories(sparse.resolve("b/test"));
    Files.createDirectories(sparse.resolve("b/train")); // no training shape of b
    PointCloudIO.write(sparse.resolve("a/train/a1.ply"), one);
    PointCloudIO.write(sparse.resolve("b/test/b1.ply"), one);
    PartFoldersDataset d = PartFoldersDataset.builder().setRoot(sparse).optSplit(Split.TRAINVAL)
        .optPoints(3).optCacheDir(tmp.resolve("cache")).build();
    d.prepare();
    assertThatThrownBy(d::partTable).hasMessageContaining("category 'b' has no shape in the trainval");
  }
}

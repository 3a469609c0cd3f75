package org.pointea.io.dataset.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.PointCloudIO;
import org.pointea.io.dataset.DatasetLayout;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.ModelNetVariant;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.Task;
import org.pointea.io.dataset.Trees;
import org.pointea.io.npy.NpyArray;
import org.pointea.io.npy.NpyWriter;
import org.pointea.pointcloud.PointCloud;

class ClassFolderSourceTest {
  @TempDir Path tmp;

  private static ClassFolderSource open(Path root, Split split) throws IOException {
    return ClassFolderSource.open(DatasetLayout.CLASS_FOLDERS, root, ModelNetVariant.AUTO, split,
        0, 300);
  }

  /** Writes a float32 [n, 3] array whose points all sit at (v, v, v) + i. */
  private static Path npy(Path file, int n, float v) throws IOException {
    float[] xyz = new float[n * 3];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = v + i / 3;
    }
    Files.createDirectories(file.getParent());
    NpyWriter.writeArray(file, NpyArray.ofFloats(xyz, n, 3));
    return file;
  }

  @Test
  void samplesEachMeshSeededByShapeId() throws Exception {
    Path f = Files.createDirectories(tmp.resolve("box/train")).resolve("box_0001.off");
    Files.copy(Trees.real("generated/open3d/box.off"), f);
    Files.createDirectories(tmp.resolve(".pointea-cache/train"));
    ClassFolderSource s = open(tmp, Split.TRAINVAL);
    assertThat(s.classNames()).containsExactly("box");
    assertThat(s.hasNormals()).isTrue();
    ShapeEntry e = s.entries().get(0);
    PointCloud a = s.load(f, List.of(e), 1, true).get(0);
    assertThat(a.size()).isEqualTo(300);
    assertThat(s.load(f, List.of(e), 1, true).get(0)).isEqualTo(a);
    assertThat(s.load(f, List.of(e), 2, true).get(0)).isNotEqualTo(a);
    assertThat(s.load(f, List.of(e), 1, false).get(0).hasNormals()).isFalse();
  }

  @Test
  void aMeshWithoutAreaIsNamed() throws Exception {
    Path f = Files.createDirectories(tmp.resolve("flat/train")).resolve("flat_0001.off");
    Files.writeString(f, "OFF\n3 1 0\n0 0 0\n1 1 1\n2 2 2\n3 0 1 2\n");
    ClassFolderSource s = open(tmp, Split.TRAINVAL);
    assertThatThrownBy(() -> s.load(f, s.entries(), 0, true))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("cannot surface-sample");
  }

  @Test
  void readsANumpyTreeAsModelNet40sNumpyReleaseIsLaidOut() throws Exception {
    Path a = npy(tmp.resolve("chair/train/chair_0001.npy"), 8, 1);
    npy(tmp.resolve("chair/train/chair_0002.npy"), 8, 2);
    npy(tmp.resolve("chair/test/chair_0890.npy"), 8, 3);
    npy(tmp.resolve("airplane/train/airplane_0001.npy"), 8, 4);
    npy(tmp.resolve("airplane/test/airplane_0627.npy"), 8, 5);
    Files.writeString(tmp.resolve("README.md"), "not a class");

    assertThat(DatasetLayout.detect(tmp).orElseThrow().layout())
        .isEqualTo(DatasetLayout.CLASS_FOLDERS);
    ClassFolderSource train = open(tmp, Split.TRAINVAL);
    assertThat(train.classNames()).containsExactly("airplane", "chair");
    assertThat(train.entries()).extracting(ShapeEntry::id)
        .containsExactly("airplane_0001", "chair_0001", "chair_0002");
    assertThat(train.entries()).extracting(ShapeEntry::label).containsExactly(0, 1, 1);
    assertThat(train.hasNormals()).isFalse();
    assertThat(train.hasParts()).isFalse();
    PointCloud c = train.load(a, List.of(train.entries().get(1)), 0, false).get(0);
    assertThat(c.size()).isEqualTo(8);
    assertThat(c.x(1)).isEqualTo(2f);
    assertThat(open(tmp, Split.TEST).entries()).extracting(ShapeEntry::id)
        .containsExactly("airplane_0627", "chair_0890");
  }

  @Test
  void mixesFormatsAndKeepsNormals() throws Exception {
    PointCloud withNormals = PointCloud.builder(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0})
        .normals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1}).build();
    Files.createDirectories(tmp.resolve("a/train"));
    Files.createDirectories(tmp.resolve("b/train"));
    PointCloudIO.write(tmp.resolve("a/train/a1.ply"), withNormals);
    PointCloudIO.write(tmp.resolve("b/train/b1.pcd"), withNormals);
    PointCloudIO.write(tmp.resolve("b/train/b2.xyzn"), withNormals);
    ClassFolderSource s = open(tmp, Split.TRAINVAL);
    assertThat(s.hasNormals()).isTrue();
    for (ShapeEntry e : s.entries()) {
      assertThat(s.load(e.file(), List.of(e), 0, true).get(0).normals())
          .containsExactly(withNormals.normals());
    }
  }

  @Test
  void aLaterFileWithoutTheFirstFilesNormalsIsNamed() throws Exception {
    PointCloud withNormals = PointCloud.builder(new float[] {0, 0, 0, 1, 0, 0})
        .normals(new float[] {0, 0, 1, 0, 0, 1}).build();
    Files.createDirectories(tmp.resolve("a/train"));
    PointCloudIO.write(tmp.resolve("a/train/a1.ply"), withNormals);
    Path bare = npy(tmp.resolve("a/train/a2.npy"), 2, 0);
    ClassFolderSource s = open(tmp, Split.TRAINVAL);
    assertThatThrownBy(() -> s.load(bare, List.of(s.entries().get(1)), 0, true))
        .isInstanceOf(PointCloudFormatException.class)
        .hasMessageContaining(bare.toString())
        .hasMessageContaining("no normals");
  }

  @Test
  void readsSplitListsWithOrWithoutExtensionsInTheOrderOfClassesTxt() throws Exception {
    npy(tmp.resolve("zebra/z1.npy"), 4, 1);
    npy(tmp.resolve("zebra/z2.npy"), 4, 2);
    npy(tmp.resolve("ant/a1.npy"), 4, 3);
    Files.writeString(tmp.resolve("classes.txt"), "zebra\nant\n");
    Files.writeString(tmp.resolve("train.txt"), "# shapes to learn\nzebra/z1\nant/a1.npy\n");
    Files.writeString(tmp.resolve("test.txt"), "zebra/z2.npy\n");
    ClassFolderSource train = open(tmp, Split.TRAINVAL);
    assertThat(train.classNames()).containsExactly("zebra", "ant");
    assertThat(train.entries()).extracting(ShapeEntry::id).containsExactly("z1", "a1");
    assertThat(train.entries()).extracting(ShapeEntry::label).containsExactly(0, 1);
    assertThat(train.files()).contains(tmp.resolve("train.txt"), tmp.resolve("classes.txt"));
    assertThat(open(tmp, Split.TEST).entries()).extracting(ShapeEntry::id).containsExactly("z2");
  }

  @Test
  void aValidationFolderIsUsedWhenTheTreeHasOne() throws Exception {
    npy(tmp.resolve("a/train/t.npy"), 4, 1);
    npy(tmp.resolve("a/val/v.npy"), 4, 1);
    npy(tmp.resolve("a/test/s.npy"), 4, 1);
    assertThat(open(tmp, Split.TRAIN).entries()).extracting(ShapeEntry::id).containsExactly("t");
    assertThat(open(tmp, Split.VAL).entries()).extracting(ShapeEntry::id).containsExactly("v");
    assertThat(open(tmp, Split.TRAINVAL).entries()).extracting(ShapeEntry::id)
        .containsExactly("t", "v");
  }

  @Test
  void listEntriesCannotLeaveTheDatasetFolder() throws Exception {
    npy(tmp.resolve("data/a/a1.npy"), 4, 1);
    npy(tmp.resolve("outside.npy"), 4, 1);
    Path root = tmp.resolve("data");
    Files.writeString(root.resolve("test.txt"), "a/a1\n");
    for (String bad : List.of("../outside", "a/../../outside", "/etc/passwd", "a/x\u0000y")) {
      Files.writeString(root.resolve("train.txt"), "a/a1\n" + bad + "\n");
      assertThatThrownBy(() -> open(root, Split.TRAINVAL))
          .as(bad)
          .isInstanceOf(PointCloudFormatException.class)
          .hasMessageContaining(root.resolve("train.txt").toString())
          .hasMessageContaining("line 2")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000"));
    }
  }

  @Test
  void aMissingSplitFolderOrListedFileIsNamed() throws Exception {
    npy(tmp.resolve("a/train/a1.npy"), 4, 1);
    npy(tmp.resolve("a/test/a2.npy"), 4, 1);
    npy(tmp.resolve("b/train/b1.npy"), 4, 1);
    assertThatThrownBy(() -> open(tmp, Split.TEST))
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("test folder of class 'b'");
    Path lists = tmp.resolve("lists");
    npy(lists.resolve("a/a1.npy"), 4, 1);
    Files.writeString(lists.resolve("train.txt"), "a/a1\na/gone\n");
    Files.writeString(lists.resolve("test.txt"), "a/a1\n");
    assertThatThrownBy(() -> open(lists, Split.TRAINVAL))
        .isInstanceOf(DatasetNotFoundException.class)
        .hasMessageContaining("a/gone")
        .hasMessageContaining("line 2");
  }

  @Test
  void labelledPointsMakeAPartSegmentationTreeThatCanStillBeClassified() throws Exception {
    PointCloud labelled = PointCloud.builder(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0})
        .labels(new int[] {3, 3, 4}).build();
    Files.createDirectories(tmp.resolve("mug/train"));
    Files.createDirectories(tmp.resolve("mug/test"));
    PointCloudIO.write(tmp.resolve("mug/train/m1.ply"), labelled);
    PointCloudIO.write(tmp.resolve("mug/test/m2.ply"), labelled);

    assertThat(DatasetLayout.detect(tmp).orElseThrow().layout())
        .isEqualTo(DatasetLayout.CLASS_FOLDERS_PARTS);
    assertThat(DatasetLayout.detect(tmp, Task.CLASSIFICATION).orElseThrow().layout())
        .isEqualTo(DatasetLayout.CLASS_FOLDERS);
    ClassFolderSource s = ClassFolderSource.open(DatasetLayout.CLASS_FOLDERS_PARTS, tmp,
        ModelNetVariant.AUTO, Split.TRAINVAL, 0, 1);
    assertThat(s.hasParts()).isTrue();
    ShapeEntry e = s.entries().get(0);
    assertThat(s.load(e.file(), List.of(e), 0, false).get(0).labels()).containsExactly(3, 3, 4);
  }

  @Test
  void aSplitNoClassHasIsEmptyRatherThanMissing() throws Exception {
    npy(tmp.resolve("a/test/a1.npy"), 4, 1);
    npy(tmp.resolve("b/test/b1.npy"), 4, 1);
    assertThat(open(tmp, Split.TRAINVAL).entries()).isEmpty();
    assertThat(open(tmp, Split.TEST).entries()).hasSize(2);
  }
}

package org.pointea.io.dataset.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.PointCloudFormatException;
import org.pointea.io.dataset.DatasetNotFoundException;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.Split;
import org.pointea.io.dataset.synthetic.SyntheticIndoorScenes;
import org.pointea.pointcloud.PointCloud;

class SceneDatasetTest {
    @TempDir
    static Path shared;

    static SyntheticIndoorScenes gen;
    static Path s3dis;
    static Path scans;

    @BeforeAll
    static void writeBothLayouts() throws IOException {
        gen = SyntheticIndoorScenes.builder().optAreas(3).optRoomsPerArea(2).optDensity(40).optSeed(8).build();
        s3dis = shared.resolve("Stanford3dDataset_v1.2_Aligned_Version");
        scans = shared.resolve("scans");
        gen.write(s3dis, SceneLayout.S3DIS, DatasetProgress.NONE);
        gen.write(scans, SceneLayout.LABELLED_SCANS, DatasetProgress.NONE);
    }

    private static SceneDataset s3dis(Split split, Path cache) throws IOException {
        SceneDataset d = SceneDataset.builder().setRoot(shared).optSplit(split).optTestArea(3).optCacheDir(cache)
                .build();
        d.prepare();
        return d;
    }

    @Test
    void s3disSplitsByAreaAndRoomsReadBackAsGenerated(@TempDir Path cache) throws IOException {
        SceneDataset test = s3dis(Split.TEST, cache);
        assertThat(test.layout()).isEqualTo(SceneLayout.S3DIS);
        assertThat(test.classNames()).isEqualTo(SceneClasses.S3DIS);
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.id(0)).startsWith("Area_3/");
        List<String> trainval = ids(s3dis(Split.TRAINVAL, cache));
        List<String> train = ids(s3dis(Split.TRAIN, cache));
        List<String> val = ids(s3dis(Split.VAL, cache));
        assertThat(trainval).hasSize(4).allMatch(id -> !id.startsWith("Area_3/"));
        assertThat(val).hasSize(1);
        Set<String> union = new HashSet<>(train);
        union.addAll(val);
        assertThat(union).containsExactlyInAnyOrderElementsOf(trainval);
        for (int i = 0; i < test.size(); i++) {
            PointCloud room = test.load(i);
            int r = indexOf(test.id(i).substring("Area_3/".length()));
            PointCloud truth = gen.room(3, r);
            assertThat(room.size()).isEqualTo(truth.size()).isEqualTo(test.points(i));
            assertThat(histogram(room.labels())).isEqualTo(histogram(truth.labels()));
            assertThat(room.bounds().minX()).isCloseTo(truth.bounds().minX(), org.assertj.core.data.Offset.offset(6e-4f));
            assertThat(room.hasColors()).isTrue();
            assertThat(room.hasChannel(SceneClasses.INSTANCE)).isTrue();
            assertThat(test.classPoints(i)).isEqualTo(histogram(truth.labels()));
        }
    }

    @Test
    void bothLayoutsOfTheSameRoomsGiveTheSameLabels(@TempDir Path cache) throws IOException {
        SceneDataset a = s3dis(Split.TEST, cache);
        SceneDataset b = SceneDataset.builder().setRoot(scans).optSplit(Split.TEST).optCacheDir(cache).build();
        b.prepare();
        assertThat(b.layout()).isEqualTo(SceneLayout.LABELLED_SCANS);
        assertThat(b.classNames()).isEqualTo(SyntheticIndoorScenes.classNames());
        assertThat(b.size()).isEqualTo(a.size());
        assertThat(b.report().unlabelled()).isPositive();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.id(i)).isEqualTo("scans/" + a.id(i) + ".ply");
            long[] s3 = a.classPoints(i);
            long[] sc = b.classPoints(i);
            List<String> names = b.classNames();
            for (int c = 0; c < names.size(); c++) {
                assertThat(sc[c]).as(names.get(c)).isEqualTo(s3[SceneClasses.S3DIS.indexOf(names.get(c))]);
            }
            PointCloud scan = b.load(i);
            assertThat(scan.labels()).contains(SceneClasses.UNLABELLED);
        }
    }

    @Test
    void aValidCacheIsReusedAndAChangedSourceRebuildsIt(@TempDir Path cache) throws IOException {
        SceneDataset first = s3dis(Split.TEST, cache);
        assertThat(first.report().built()).isEqualTo(2);
        SceneDataset second = s3dis(Split.TEST, cache);
        assertThat(second.report().loaded()).isEqualTo(2);
        assertThat(second.load(1)).isEqualTo(first.load(1));
        // touch one annotation file of room 0: only that room is rebuilt
        Path ann;
        try (var s = Files.list(s3dis.resolve(first.id(0)).resolve("Annotations"))) {
            ann = s.sorted().findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(ann, FileTime.fromMillis(Files.getLastModifiedTime(ann).toMillis() + 5000));
        SceneDataset third = s3dis(Split.TEST, cache);
        assertThat(third.report().built()).isEqualTo(1);
        // a damaged cache file is not trusted: load rebuilds it
        try (var s = Files.list(cache)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".scene")).toList()) {
                byte[] b = Files.readAllBytes(f);
                b[b.length / 2] ^= 0x5a;
                Files.write(f, b);
            }
        }
        assertThat(third.load(1)).isEqualTo(first.load(1));
    }

    @Test
    void aMissingTestAreaOrDatasetSaysWhatAndWhere(@TempDir Path empty) throws IOException {
        SceneDataset d = SceneDataset.builder().setRoot(s3dis).optSplit(Split.TEST).optTestArea(5).optCache(false)
                .build();
        assertThatThrownBy(d::prepare).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("Area_5").hasMessageContaining("--test-area");
        SceneDataset none = SceneDataset.builder().setRoot(empty).build();
        assertThatThrownBy(none::prepare).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("never downloads").hasMessageContaining("Stanford3dDataset_v1.2_Aligned_Version.zip")
                .hasMessageContaining("classes.txt");
    }

    @Test
    void s3disClassesOutsideTheThirteenCountAsClutterAndBadLinesNameFileAndLine(@TempDir Path dir) throws IOException {
        Path room = dir.resolve("Area_1/office_1/Annotations");
        Files.createDirectories(room);
        Files.writeString(room.resolve("stairs_1.txt"), "1.000 2.000 0.500 10 20 30\n1.1 2.1 0.6 10 20 30\n");
        Files.writeString(room.resolve("chair_2.txt"), "0.5 0.5 0.4 200 0 0\n");
        SceneDataset d = SceneDataset.builder().setRoot(dir).optSplit(Split.TRAINVAL).optCache(false).build();
        d.prepare();
        PointCloud c = d.load(0);
        assertThat(c.labels()).containsExactly(8, 12, 12);
        assertThat(((org.pointea.pointcloud.IntChannel) c.channel(SceneClasses.INSTANCE).orElseThrow()).toArray())
                .containsExactly(2, 1, 1);
        // Area_5/hallway_6 of the real archive has a stray control byte in one line: the error names it
        Files.writeString(room.resolve("ceiling_1.txt"), "1 2 3 4 5 6\n1 2 3.0\u0010 4 5 6\n");
        SceneDataset bad = SceneDataset.builder().setRoot(dir).optSplit(Split.TRAINVAL).optCache(false).build();
        assertThatThrownBy(bad::prepare).isInstanceOf(PointCloudFormatException.class)
                .hasMessageContaining("ceiling_1.txt").hasMessageContaining("line 2");
    }

    @Test
    void labelledScanListsStayInsideTheFolder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "floor\nwall\n");
        Files.writeString(dir.resolve("a.txt"), "x y z label\n0 0 0 0\n1 0 2 1\n");
        for (String bad : new String[] {"../outside.txt", "/etc/passwd", "sub/../../x.txt"}) {
            Files.writeString(dir.resolve("train.txt"), "a.txt\n" + bad + "\n");
            SceneDataset d = SceneDataset.builder().setRoot(dir).optSplit(Split.TRAIN).optValidationFraction(0)
                    .optCache(false).build();
            assertThatThrownBy(d::prepare).as(bad).isInstanceOf(PointCloudFormatException.class)
                    .hasMessageContaining("train.txt").hasMessageContaining("line 2");
        }
        Files.writeString(dir.resolve("train.txt"), "a.txt\nmissing.ply\n");
        SceneDataset d = SceneDataset.builder().setRoot(dir).optSplit(Split.TRAIN).optValidationFraction(0)
                .optCache(false).build();
        assertThatThrownBy(d::prepare).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("missing.ply (listed in train.txt, line 2)");
    }

    @Test
    void labelledScansMapSparseIdsIgnoreUnlabelledAndRejectUnknownLabels(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "# robot classes\n0 unlabelled\n10 floor\n20 wall\n");
        Files.writeString(dir.resolve("test.txt"), "scan.txt\nscan.npy\n");
        Files.writeString(dir.resolve("scan.txt"), "x,y,z,class\n0,0,0,10\n1,0,2,20\n1,1,1,0\n");
        org.pointea.io.npy.NpyWriter.writeArray(dir.resolve("scan.npy"), org.pointea.io.npy.NpyArray.ofFloats(
                new float[] {0, 0, 0, 255, 0, 0, 20, 1, 1, 1, 0, 255, 0, 10}, 2, 7));
        SceneDataset d = SceneDataset.builder().setRoot(dir).optSplit(Split.TEST).optCache(false).build();
        d.prepare();
        assertThat(d.classNames()).containsExactly("floor", "wall");
        assertThat(d.load(0).labels()).containsExactly(0, 1, -1);
        PointCloud npy = d.load(1);
        assertThat(npy.labels()).containsExactly(1, 0);
        assertThat(npy.colors()).containsExactly(1, 0, 0, 0, 1, 0);
        assertThat(d.report().unlabelled()).isEqualTo(1);
        Files.writeString(dir.resolve("scan.txt"), "x,y,z,class\n0,0,0,10\n1,0,2,7\n");
        SceneDataset bad = SceneDataset.builder().setRoot(dir).optSplit(Split.TEST).optCache(false).build();
        assertThatThrownBy(bad::prepare).isInstanceOf(PointCloudFormatException.class)
                .hasMessageContaining("scan.txt").hasMessageContaining("point 1 has label 7");
        Files.writeString(dir.resolve("classes.txt"), "0 floor\n1 wall\n1 door\n");
        assertThatThrownBy(bad::prepare).isInstanceOf(PointCloudFormatException.class)
                .hasMessageContaining("classes.txt").hasMessageContaining("line 3");
    }

    @Test
    void aLabelFieldOfAnyNameIsRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("classes.txt"), "ground\nbuilding\n");
        Files.writeString(dir.resolve("test.txt"), "s.ply\n");
        Files.writeString(dir.resolve("s.ply"), "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\n"
                + "property float y\nproperty float z\nproperty float scalar_Classification\nend_header\n"
                + "0 0 0 1\n1 1 1 0\n");
        SceneDataset d = SceneDataset.builder().setRoot(dir).optSplit(Split.TEST).optCache(false)
                .optLabelField("scalar_Classification").build();
        d.prepare();
        assertThat(d.load(0).labels()).containsExactly(1, 0);
        SceneDataset noField = SceneDataset.builder().setRoot(dir).optSplit(Split.TEST).optCache(false).build();
        assertThatThrownBy(noField::prepare).isInstanceOf(PointCloudFormatException.class)
                .hasMessageContaining("scalar_Classification").hasMessageContaining("--label-field");
    }

    @Test
    void classWeightsFollowPointNetPlusPlus() {
        ScenePrepareReport r = new ScenePrepareReport(SceneLayout.S3DIS, shared, Split.TRAIN, 1, 0, 1, 1100,
                new long[] {1000, 0, 100}, 0, null, java.time.Duration.ZERO);
        assertThat(r.classWeights()).containsExactly(1.0, 0.0, Math.cbrt(10.0));
    }

    private static List<String> ids(SceneDataset d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(d.id(i));
        }
        return out;
    }

    private static int indexOf(String roomName) {
        for (int r = 0; r < gen.roomsPerArea(); r++) {
            if (gen.roomName(3, r).equals(roomName)) {
                return r;
            }
        }
        throw new AssertionError(roomName);
    }

    private static long[] histogram(int[] labels) {
        long[] h = new long[SceneClasses.S3DIS.size()];
        for (int l : labels) {
            h[l]++;
        }
        return h;
    }
}

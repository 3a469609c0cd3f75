package org.pointea.io.dataset.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pointea.io.dataset.DatasetProgress;
import org.pointea.io.dataset.scene.SceneClasses;
import org.pointea.io.dataset.scene.SceneLayout;
import org.pointea.pointcloud.PointCloud;

class SyntheticIndoorScenesTest {
    @TempDir
    Path tmp;

    static SyntheticIndoorScenes small(int threads) {
        return SyntheticIndoorScenes.builder().optAreas(2).optRoomsPerArea(2).optDensity(60).optSeed(3)
                .optThreads(threads).build();
    }

    @Test
    void roomsHoldTheirClassesAtRealisticHeightsWithOcclusionAndNoise() {
        SyntheticIndoorScenes g = SyntheticIndoorScenes.builder().optAreas(1).optRoomsPerArea(6).optDensity(300)
                .optSeed(11).build();
        Set<String> seen = new TreeSet<>();
        for (int r = 0; r < 6; r++) {
            PointCloud room = g.room(1, r);
            int[] labels = room.labels();
            float[] xyz = room.positions();
            assertThat(room.hasColors()).isTrue();
            assertThat(room.hasChannel(SceneClasses.INSTANCE)).isTrue();
            double floorZ = 0;
            int floors = 0;
            double ceilingZ = 0;
            int ceilings = 0;
            for (int i = 0; i < room.size(); i++) {
                seen.add(SceneClasses.S3DIS.get(labels[i]));
                float z = xyz[3 * i + 2];
                if (labels[i] == 1) {
                    floorZ += z;
                    floors++;
                } else if (labels[i] == 0) {
                    ceilingZ += z;
                    ceilings++;
                } else if (labels[i] == 7) {
                    assertThat(z).isBetween(-0.05f, 0.80f);
                }
            }
            assertThat(floorZ / floors).isBetween(-0.002, 0.002);
            assertThat(ceilingZ / ceilings).isBetween(2.59, 3.21);
        }
        assertThat(seen).containsAll(List.of("ceiling", "floor", "wall", "door", "table", "chair", "bookcase",
                "clutter"));
        assertThat(seen).doesNotContain("beam", "column", "sofa");
        assertThat(SyntheticIndoorScenes.classNames()).hasSize(10).containsAll(seen);
    }

    @Test
    void theFloorUnderATableIsShadowed() {
        // scanners stand in the free room: the floor under table tops is seen at grazing angles
        // only, past chairs, and gets fewer points per square metre than the open floor
        SyntheticIndoorScenes g = SyntheticIndoorScenes.builder().optAreas(1).optRoomsPerArea(8).optDensity(200)
                .optSeed(5).build();
        long underPoints = 0;
        long underCells = 0;
        long openPoints = 0;
        long openCells = 0;
        for (int r = 0; r < 8; r++) {
            PointCloud room = g.room(1, r);
            int[] labels = room.labels();
            float[] xyz = room.positions();
            java.util.Map<Long, int[]> cells = new java.util.HashMap<>(); // {floor points, table-top points}
            for (int i = 0; i < room.size(); i++) {
                boolean top = labels[i] == 7 && xyz[3 * i + 2] > 0.7f;
                if (labels[i] != 1 && !top) {
                    continue;
                }
                long key = (long) Math.floor(xyz[3 * i] / 0.1) << 32 ^ (Math.floorDiv((long) Math.floor(xyz[3 * i + 1]
                        / 0.1), 1L) & 0xffffffffL);
                cells.computeIfAbsent(key, k -> new int[2])[top ? 1 : 0]++;
            }
            for (int[] c : cells.values()) {
                if (c[1] > 0) {
                    underPoints += c[0];
                    underCells++;
                } else {
                    openPoints += c[0];
                    openCells++;
                }
            }
        }
        assertThat(underCells).isPositive();
        double under = (double) underPoints / underCells;
        double open = (double) openPoints / openCells;
        assertThat(under).isLessThan(0.95 * open);
    }

    @Test
    void sameSeedSameRoomsAndFilesWhateverTheThreads() throws IOException {
        assertThat(small(1).room(2, 1)).isEqualTo(small(2).room(2, 1));
        assertThat(small(1).room(2, 1)).isNotEqualTo(SyntheticIndoorScenes.builder().optAreas(2).optRoomsPerArea(2)
                .optDensity(60).optSeed(4).build().room(2, 1));
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        small(1).write(a, SceneLayout.S3DIS, DatasetProgress.NONE);
        small(2).write(b, SceneLayout.S3DIS, DatasetProgress.NONE);
        List<Path> files;
        try (Stream<Path> s = Files.walk(a)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(12);
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve(a.relativize(f)))).as(f.toString()).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void writesS3disRoomsAndAnnotationsAsS3disDoes() throws IOException {
        SyntheticIndoorScenes g = small(0);
        SceneSynthesisReport r = g.write(tmp, SceneLayout.S3DIS, DatasetProgress.NONE);
        assertThat(r.scenes()).isEqualTo(4);
        String name = g.roomName(1, 0);
        Path room = tmp.resolve("Area_1").resolve(name);
        assertThat(room.resolve(name + ".txt")).isRegularFile();
        List<String> lines = Files.readAllLines(room.resolve(name + ".txt"));
        assertThat(lines).hasSize(g.room(1, 0).size());
        assertThat(lines.get(0)).matches("-?\\d+\\.\\d{3} -?\\d+\\.\\d{3} -?\\d+\\.\\d{3} \\d{1,3} \\d{1,3} \\d{1,3}");
        try (Stream<Path> s = Files.list(room.resolve("Annotations"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains("floor_1.txt", "ceiling_1.txt", "wall_1.txt", "wall_4.txt");
            assertThat(names).allMatch(n -> n.matches("[a-z]+_\\d+\\.txt"));
        }
        assertThat(SceneLayout.detect(tmp).orElseThrow().layout()).isEqualTo(SceneLayout.S3DIS);
    }

    @Test
    void fixed3WritesMillimetres() {
        StringBuilder sb = new StringBuilder();
        for (float v : new float[] {0f, -0.0004f, 1.5f, -15.6094f, 0.01f, 123.4567f}) {
            SyntheticIndoorScenes.fixed3(sb, v);
            sb.append(' ');
        }
        assertThat(sb.toString()).isEqualTo("0.000 0.000 1.500 -15.609 0.010 123.457 ");
    }

    @Test
    void aBuildingScanHasExactlyThePointsAsked() {
        PointCloud b = SyntheticIndoorScenes.building(3, 50_000, 100);
        assertThat(b.size()).isEqualTo(50_000);
        assertThat(b.bounds().extent(0)).isGreaterThan(10f);
        assertThatThrownBy(() -> small(1).room(2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}

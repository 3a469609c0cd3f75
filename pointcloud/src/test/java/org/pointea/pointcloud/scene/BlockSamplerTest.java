package org.pointea.pointcloud.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;
import org.pointea.pointcloud.neighbors.BruteForceSearch;

class BlockSamplerTest {
    private final PointCloud room = Rooms.room(6, 4, 20_000, 1);
    private final float[] xyz = room.positions();

    @Test
    void aColumnHoldsOnlyPointsWithinHalfASideOfItsCentreAtAnyHeight() {
        ColumnBlockSampler s = ColumnBlockSampler.of(xyz, room.size(), 1f, 512);
        for (int t = 0; t < 50; t++) {
            Block b = s.sample(RandomStreams.of(7, t));
            assertThat(b.size()).isEqualTo(512);
            for (int p : b.indices()) {
                assertThat(Math.abs(xyz[3 * p] - b.centerX())).isLessThanOrEqualTo(0.5f);
                assertThat(Math.abs(xyz[3 * p + 1] - b.centerY())).isLessThanOrEqualTo(0.5f);
            }
            // exactly the brute-force column's points are candidates
            int[] col = s.columnPoints(b.centerX(), b.centerY());
            if (col.length >= 512) { // dense enough: drawn without replacement, as PointNet
                assertThat(Arrays.stream(b.indices()).distinct().count()).isEqualTo(512);
            }
            assertThat(b.distinct()).isEqualTo(Math.min(512, col.length));
            long brute = 0;
            for (int i = 0; i < room.size(); i++) {
                if (Math.abs(xyz[3 * i] - b.centerX()) <= 0.5f && Math.abs(xyz[3 * i + 1] - b.centerY()) <= 0.5f) {
                    brute++;
                }
            }
            assertThat(col.length).isEqualTo(brute);
        }
    }

    @Test
    void sameGeneratorStateSameBlock() {
        ColumnBlockSampler s = ColumnBlockSampler.of(xyz, room.size(), 1f, 256);
        Block a = s.sample(RandomStreams.of(3, 1, 2));
        Block b = s.sample(RandomStreams.of(3, 1, 2));
        assertThat(a.indices()).containsExactly(b.indices());
        assertThat(s.sample(RandomStreams.of(3, 1, 3)).indices()).isNotEqualTo(a.indices());
    }

    @Test
    void aSparseSceneTakesItsFullestColumnAndPadsWithRepeats() {
        float[] sparse = new float[3 * 40];
        for (int i = 0; i < 40; i++) {
            sparse[3 * i] = i * 0.3f;
        }
        ColumnBlockSampler s = ColumnBlockSampler.of(sparse, 40, 1f, 64);
        Block b = s.sample(RandomStreams.of(1));
        assertThat(b.size()).isEqualTo(64);
        assertThat(b.distinct()).isBetween(3, 4);
        assertThatThrownBy(() -> ColumnBlockSampler.of(new float[] {Float.NaN, 0, 0}, 1, 1f, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKnnCropIsTheNearestPointsOfItsCentre() {
        KnnCropSampler s = KnnCropSampler.of(xyz, room.size(), 300);
        Block b = s.sample(RandomStreams.of(5));
        assertThat(b.size()).isEqualTo(300);
        int c = -1;
        for (int i = 0; i < room.size(); i++) {
            if (xyz[3 * i] == b.centerX() && xyz[3 * i + 1] == b.centerY()) {
                c = i;
                break;
            }
        }
        int[] idx = new int[300];
        float[] d2 = new float[300];
        BruteForceSearch.knn(xyz, room.size(), new float[] {xyz[3 * c], xyz[3 * c + 1], xyz[3 * c + 2]}, 1, 300, idx,
                d2, 1);
        int[] got = b.indices().clone();
        Arrays.sort(got);
        Arrays.sort(idx);
        // equal up to ties at the last distance
        long common = Arrays.stream(got).filter(i -> Arrays.binarySearch(idx, i) >= 0).count();
        assertThat(common).isGreaterThanOrEqualTo(298);
    }
}

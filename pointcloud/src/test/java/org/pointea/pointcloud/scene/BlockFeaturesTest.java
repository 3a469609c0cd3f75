package org.pointea.pointcloud.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class BlockFeaturesTest {

    @Test
    void coordinatesAreRelativeToTheBlockCentreAndTheFloor() {
        float[] xyz = {10, 20, 5, 11, 21, 6.5f};
        PointCloud c = PointCloud.builder(xyz).colors(new float[] {0.1f, 0.2f, 0.3f, 1, 1, 1}, 3)
                .intensity(new float[] {100, 200}).normals(new float[] {0, 0, 1, 1, 0, 0}).build();
        SceneStats stats = new SceneStats(5f, 200f);
        BlockFeatures f = BlockFeatures.of(true, true, true);
        assertThat(f.width()).isEqualTo(10);
        float[] out = new float[1 + 2 * 10];
        f.write(c, stats, new int[] {1, 0}, 2, 10.5f, 20.5f, out, 1);
        assertThat(out).containsExactly(0, 0.5f, 0.5f, 1.5f, 1, 1, 1, 1, 1, 0, 0,
                -0.5f, -0.5f, 0, 0.1f, 0.2f, 0.3f, 0.5f, 0, 0, 1);
        assertThatThrownBy(() -> BlockFeatures.of(true, false, false).check(PointCloud.of(xyz)))
                .hasMessageContaining("colours");
    }

    @Test
    void parsesWhatItPrints() {
        for (BlockFeatures f : new BlockFeatures[] {BlockFeatures.XYZ, BlockFeatures.of(true, false, true),
            BlockFeatures.of(false, true, false)}) {
            assertThat(BlockFeatures.parse(f.toString())).isEqualTo(f);
        }
        assertThat(BlockFeatures.parse("xyz,rgb")).isEqualTo(BlockFeatures.of(true, false, false));
        assertThatThrownBy(() -> BlockFeatures.parse("xyz,depth")).hasMessageContaining("depth");
    }

    @Test
    void theFloorIsALowQuantileNotTheMinimum() {
        int n = 10_000;
        float[] xyz = new float[3 * n];
        float[] intensity = new float[n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i + 2] = 2f + (i % 100) * 0.03f;
            intensity[i] = (i % 1000) * 60;
        }
        xyz[2] = -40f; // a stray reflection under the floor
        intensity[5] = 1e9f;
        SceneStats s = SceneStats.of(PointCloud.builder(xyz).intensity(intensity).build());
        assertThat(s.floorZ()).isCloseTo(2f, within(0.001f));
        assertThat(s.intensityScale()).isCloseTo(59_940f, within(100f));
        assertThat(SceneStats.of(PointCloud.of(new float[] {1, 2, 3})).intensityScale()).isEqualTo(1f);
    }
}

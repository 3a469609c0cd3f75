package org.pointea.pointcloud.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;
import org.pointea.pointcloud.RandomStreams;

class ColumnCropTest {

    /** A 4 x 3 m floor at z = 10 with a labelled 1 m pillar. */
    private static PointCloud scene() {
        int n = 6000;
        UniformRandomProvider rng = RandomStreams.of(4);
        float[] xyz = new float[3 * n];
        int[] labels = new int[n];
        float[] intensity = new float[n];
        for (int i = 0; i < n; i++) {
            boolean pillar = i % 5 == 0;
            xyz[3 * i] = pillar ? 2 + rng.nextFloat() * 0.2f : rng.nextFloat() * 4;
            xyz[3 * i + 1] = pillar ? 1 + rng.nextFloat() * 0.2f : rng.nextFloat() * 3;
            xyz[3 * i + 2] = pillar ? 10 + rng.nextFloat() : 10;
            labels[i] = pillar ? 1 : 0;
            intensity[i] = 1000;
        }
        return PointCloud.builder(xyz).labels(labels).intensity(intensity).build();
    }

    @Test
    void aCropIsAColumnInNetworkCoordinatesWithItsChannels() {
        PointCloud s = scene();
        ColumnCrop crop = new ColumnCrop(1f, 512);
        PointCloud b = crop.apply(s, RandomStreams.of(1));
        assertThat(b.size()).isEqualTo(512);
        float[] xyz = b.positions();
        int[] labels = b.labels();
        for (int k = 0; k < 512; k++) {
            assertThat(Math.abs(xyz[3 * k])).isLessThanOrEqualTo(0.5f);
            assertThat(Math.abs(xyz[3 * k + 1])).isLessThanOrEqualTo(0.5f);
            assertThat(xyz[3 * k + 2]).isBetween(0f, 1f);       // the floor is at 0
            if (labels[k] == 0) {
                assertThat(xyz[3 * k + 2]).isZero();
            }
        }
        assertThat(b.floatChannel("intensity").toArray()).containsOnly(1f);   // divided by the scene's scale
        assertThat(crop.apply(s, RandomStreams.of(1))).isEqualTo(b);
        assertThat(crop.apply(s, RandomStreams.of(2))).isNotEqualTo(b);
    }

    @Test
    void printsItsParameters() {
        assertThat(ColumnCrop.pointNet()).hasToString("ColumnCrop(1.0, 4096)");
        assertThat(Compose.of(new ColumnCrop(1.5f, 2048), new Shuffle()).toString())
                .isEqualTo("Compose([ColumnCrop(1.5, 2048), Shuffle()])");
        assertThatThrownBy(() -> new ColumnCrop(0f, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColumnCrop(1f, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

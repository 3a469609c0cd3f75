package org.pointea.eval.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.PointCloud;

class LabelColorsTest {

    @Test
    void coloursFollowThePaletteAndTheOtherChannelsStay() {
        PointCloud c = PointCloud.builder(new float[] {0, 0, 0, 1, 1, 1, 2, 2, 2}).labels(new int[] {0, 12, -1})
                .colors(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 3).intensity(new float[] {1, 2, 3}).build();
        PointCloud p = LabelColors.paint(c);
        assertThat(p.labels()).containsExactly(0, 12, -1);
        assertThat(p.floatChannel("intensity").toArray()).containsExactly(1, 2, 3);
        float[] rgb = p.colors();
        int[] expected = {Palette.label(0), Palette.label(12), Palette.UNLABELLED};
        for (int i = 0; i < 3; i++) {
            int got = Math.round(rgb[3 * i] * 255) << 16 | Math.round(rgb[3 * i + 1] * 255) << 8
                    | Math.round(rgb[3 * i + 2] * 255);
            assertThat(got).isEqualTo(expected[i]);
        }
        assertThatThrownBy(() -> LabelColors.paint(PointCloud.of(new float[] {0, 0, 0})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

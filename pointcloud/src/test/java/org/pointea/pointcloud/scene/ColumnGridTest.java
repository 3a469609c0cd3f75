package org.pointea.pointcloud.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.pointea.pointcloud.RandomStreams;

class ColumnGridTest {

    @Property(tries = 60)
    void gatherEqualsBruteForceOverAnyCellRectangle(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int n,
            @ForAll @IntRange(min = -2, max = 12) int cx0, @ForAll @IntRange(min = 0, max = 6) int w,
            @ForAll @IntRange(min = -2, max = 12) int cy0, @ForAll @IntRange(min = 0, max = 6) int h) {
        UniformRandomProvider rng = RandomStreams.of(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            xyz[i] = rng.nextFloat() * 4 - 1;
        }
        if (n > 3) {
            xyz[4] = Float.NaN;
        }
        ColumnGrid g = ColumnGrid.build(xyz, n, 0.5f);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(xyz[3 * i + 1])) {
                continue;
            }
            int cx = Math.min(g.cellsX() - 1, (int) ((xyz[3 * i] - g.originX()) / 0.5f));
            int cy = Math.min(g.cellsY() - 1, (int) ((xyz[3 * i + 1] - g.originY()) / 0.5f));
            if (cx >= cx0 && cx < cx0 + w && cy >= cy0 && cy < cy0 + h) {
                expected.add(i);
            }
        }
        int[] out = new int[g.count(cx0, cy0, cx0 + w, cy0 + h) + 2];
        int m = g.gather(cx0, cy0, cx0 + w, cy0 + h, out, 2);
        int[] got = Arrays.copyOfRange(out, 2, 2 + m);
        Arrays.sort(got);
        assertThat(got).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        assertThat(g.size() + g.skipped()).isEqualTo(n);
    }

    @Test
    void stripesAreContiguousRangesOfTheOrder() {
        float[] xyz = {0.1f, 0, 0, 2.2f, 1, 0, 0.3f, 2, 0, 1.1f, 0.4f, 0, 2.9f, 2.9f, 0};
        ColumnGrid g = ColumnGrid.build(xyz, 5, 1f);
        assertThat(g.cellsX()).isEqualTo(3);
        int[] r = g.stripeRange(0, 1);
        assertThat(Arrays.copyOfRange(g.order(), r[0], r[1])).containsExactlyInAnyOrder(0, 2);
        r = g.stripeRange(2, 3);
        assertThat(Arrays.copyOfRange(g.order(), r[0], r[1])).containsExactlyInAnyOrder(1, 4);
        assertThat(g.cellX(-5f)).isZero();
        assertThat(g.cellX(99f)).isEqualTo(2);
    }

    @Test
    void refusesAGridOfFarOutliers() {
        float[] xyz = {0, 0, 0, 1e6f, 1e6f, 0};
        assertThatThrownBy(() -> ColumnGrid.build(xyz, 2, 0.01f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outliers");
        assertThatThrownBy(() -> ColumnGrid.build(xyz, 2, 0f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyOrAllNanSceneHasNoPoints() {
        ColumnGrid g = ColumnGrid.build(new float[] {Float.NaN, 0, 0}, 1, 1f);
        assertThat(g.size()).isZero();
        assertThat(g.skipped()).isEqualTo(1);
        assertThat(ColumnGrid.build(new float[0], 0, 1f).size()).isZero();
    }
}

package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pointea.models.testing.ParityFixture;

class PctInputTest {

    /** The pointcloud module's grouping reproduces the PyTorch reference's fps / knn on the fixture clouds. */
    @Test
    void groupingMatchesThePyTorchReference() {
        ParityFixture fx = ParityFixture.load("cls_external");
        PctInput ref = PctClassifierTest.input(fx);
        PctInput ours = PctInput.group(ref.xyz(), ref.batch(), ref.points(), ref.centres0(), ref.centres1(), ref.k(), 1);
        assertThat(ours.fps0()).containsExactly(ref.fps0());
        assertThat(ours.fps1()).containsExactly(ref.fps1());
        assertThat(sortedGroups(ours.knn0(), ref.k())).containsExactly(sortedGroups(ref.knn0(), ref.k()));
        assertThat(sortedGroups(ours.knn1(), ref.k())).containsExactly(sortedGroups(ref.knn1(), ref.k()));
    }

    private static int[] sortedGroups(int[] idx, int k) {
        int[] s = idx.clone();
        for (int g = 0; g < s.length / k; g++) {
            Arrays.sort(s, g * k, (g + 1) * k);
        }
        return s;
    }

    @Test
    void rejectsIndicesOutsideTheirCloud() {
        assertThatThrownBy(() -> new PctInput(1, 4, new float[12], 2, 1, 2, new int[] {0, 4}, new int[4], new int[1],
                new int[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fps0[1] = 4");
        assertThatThrownBy(() -> new PctInput(1, 4, new float[11], 2, 1, 2, new int[2], new int[4], new int[1],
                new int[2])).hasMessageContaining("xyz has 11");
    }
}

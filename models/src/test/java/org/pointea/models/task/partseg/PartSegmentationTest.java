package org.pointea.models.task.partseg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartSegmentationTest {
    @Test
    void countsPartsSkippingUnlabelledPoints() {
        PartSegmentation s = new PartSegmentation(4, "Chair", 12, 4, new int[] {12, 13, -1, 15, 12}, new int[] {0, 1});
        assertThat(s.task()).isEqualTo("part_segmentation");
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.partCounts()).containsExactly(2, 1, 0, 1);
        assertThat(s.label(2)).isEqualTo(PartSegmentation.NO_LABEL);
        assertThat(s.toString()).isEqualTo("PartSegmentation[Chair, 5 points, parts 12-15: [2, 1, 0, 1]]");
        int[] copy = s.labels();
        copy[0] = 99;
        assertThat(s.label(0)).isEqualTo(12);
        assertThat(s).isEqualTo(new PartSegmentation(4, "Chair", 12, 4, new int[] {12, 13, -1, 15, 12},
                new int[] {0, 1}));
        assertThatThrownBy(() -> new PartSegmentation(0, "x", 0, 0, new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

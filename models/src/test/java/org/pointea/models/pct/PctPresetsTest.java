package org.pointea.models.pct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pointea.models.attention.MixerConfig;
import org.pointea.pointcloud.ShapeNetPart;

class PctPresetsTest {

    @Test
    void namedSizesPerTask() {
        List<String> ten = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertThat(PctPresets.forTask("classification", "pct", ten, MixerConfig.external()))
                .isEqualTo(PctClassifierConfig.published(10));
        assertThat(PctPresets.forTask("classification", "LIGHT", ten, MixerConfig.ufo(4)))
                .isEqualTo(PctClassifierConfig.light(10).withMixer(MixerConfig.ufo(4)));
        assertThat(PctPresets.forTask("part_segmentation", "pct", ShapeNetPart.categoryNames(),
                MixerConfig.external())).isEqualTo(PctSegmenterConfig.published());
        assertThat(PctPresets.forTask("part_segmentation", "light", ShapeNetPart.categoryNames(),
                MixerConfig.offset())).isEqualTo(PctSegmenterConfig.light().withMixer(MixerConfig.offset()));
        assertThatThrownBy(() -> PctPresets.forTask("classification", "huge", ten, MixerConfig.external()))
                .hasMessageContaining("pct, light");
        assertThatThrownBy(() -> PctPresets.forTask("detection", "pct", ten, MixerConfig.external()))
                .hasMessageContaining("no PCT preset for the task 'detection'");
    }

    @Test
    void classifierPointsScaleTheGrouping() {
        PctClassifierConfig c = PctClassifierConfig.light(10).withPoints(1024);
        assertThat(c.points()).isEqualTo(1024);
        assertThat(c.centres0()).isEqualTo(512);
        assertThat(c.centres1()).isEqualTo(256);
        assertThat(c.neighbours()).isEqualTo(16);
    }
}

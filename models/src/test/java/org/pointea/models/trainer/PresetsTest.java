package org.pointea.models.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pointea.models.attention.MixerConfig;
import org.pointea.models.pct.PctClassifierConfig;
import org.pointea.models.pct.PctSegmenterConfig;

class PresetsTest {

    @Test
    void namedSizes() {
        assertThat(Presets.classifier("pct", 40, MixerConfig.external())).isEqualTo(PctClassifierConfig.published(40));
        assertThat(Presets.classifier("LIGHT", 10, MixerConfig.ufo(4)))
                .isEqualTo(PctClassifierConfig.light(10).withMixer(MixerConfig.ufo(4)));
        assertThat(Presets.segmenter("pct", MixerConfig.external())).isEqualTo(PctSegmenterConfig.published());
        PctSegmenterConfig light = Presets.segmenter("light", MixerConfig.offset());
        assertThat(light.points()).isEqualTo(Presets.LIGHT_SEG_POINTS);
        assertThat(light.mixer()).isEqualTo(MixerConfig.offset());
        assertThatThrownBy(() -> Presets.classifier("huge", 3, MixerConfig.external())).hasMessageContaining("pct, light");
    }
}

package org.pointea.models.attention;

import org.junit.jupiter.api.Test;

class UfoAttentionTest {

    @Test
    void gradientsAlone() {
        MixerGradientChecks.mixerAlone(MixerConfig.ufo(2));
    }

    @Test
    void gradientsInsideAttentionLayer() {
        MixerGradientChecks.insideLayer(MixerConfig.ufo(2));
    }
}

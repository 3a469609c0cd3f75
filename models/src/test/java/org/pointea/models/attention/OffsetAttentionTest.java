package org.pointea.models.attention;

import org.junit.jupiter.api.Test;

class OffsetAttentionTest {

    @Test
    void gradientsAlone() {
        MixerGradientChecks.mixerAlone(MixerConfig.offset());
    }

    @Test
    void gradientsInsideAttentionLayer() {
        MixerGradientChecks.insideLayer(MixerConfig.offset());
    }
}

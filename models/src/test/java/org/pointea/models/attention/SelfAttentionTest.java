package org.pointea.models.attention;

import org.junit.jupiter.api.Test;

class SelfAttentionTest {

    @Test
    void gradientsAlone() {
        MixerGradientChecks.mixerAlone(MixerConfig.selfAttention(2));
    }

    @Test
    void gradientsInsideAttentionLayer() {
        MixerGradientChecks.insideLayer(MixerConfig.selfAttention(2));
    }
}

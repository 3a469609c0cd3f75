package org.pointea.models.attention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.nn.Scratch;
import org.pointea.models.testing.GradCheck;

class ExternalAttentionTest {

    @Test
    void gradientsSingleHead() {
        MixerGradientChecks.mixerAlone(MixerConfig.external(3, 1, false));
    }

    @Test
    void gradientsMultiHeadSharedMemory() {
        MixerGradientChecks.mixerAlone(MixerConfig.external(3, 2, false));
    }

    @Test
    void gradientsTiedMemory() {
        MixerGradientChecks.mixerAlone(MixerConfig.external(3, 2, true));
    }

    @Test
    void gradientsInsideAttentionLayer() {
        MixerGradientChecks.insideLayer(MixerConfig.external(4, 1, false));
    }

    @Test
    void tiedAndSharedMemoriesHaveOneParameterEach() {
        ParamStore ps = new ParamStore(DataType.FLOAT);
        MixerConfig.external(16, 4, true).create(ps, new Scratch(), "ea", 32);
        assertThat(ps.params()).extracting(p -> p.name()).containsExactly("ea.q_conv.weight", "ea.q_conv.bias", "ea.mk.weight");
        assertThat(ps.param("ea.mk.weight").value().shape()).containsExactly(16L, 8L);
    }

    @Test
    void attentionRowsSumToOneOverSlots() {
        // out = α M_v: with M_v = identity-like probe we read α back
        ParamStore ps = new ParamStore(DataType.DOUBLE);
        ExternalAttention ea = (ExternalAttention) MixerConfig.external(4, 1, false).create(ps, new Scratch(), "ea", 4);
        ps.initialise(1);
        ps.param("ea.mv.weight").value().assign(org.nd4j.linalg.factory.Nd4j.eye(4).castTo(DataType.DOUBLE));
        INDArray x = GradCheck.randn(2, 2 * 6, 4);
        INDArray alpha = ea.forward(x, 2, 6, false);
        for (int r = 0; r < 12; r++) {
            assertThat(alpha.getRow(r).sumNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-7));
        }
    }
}

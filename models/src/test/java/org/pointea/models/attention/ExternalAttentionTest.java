package org.pointea.models.attention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.backend.BufferRegistry;
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
        ParamStore ps = new ParamStore(Backends.cpu(), DType.FLOAT);
        MixerConfig.external(16, 4, true).create(ps, new BufferRegistry(Backends.cpu()), "ea", 32);
        assertThat(ps.params()).extracting(p -> p.name()).containsExactly("ea.q_conv.weight", "ea.q_conv.bias", "ea.mk.weight");
        assertThat(ps.param("ea.mk.weight").value().shape()).containsExactly(16L, 8L);
    }

    @Test
    void attentionRowsSumToOneOverSlots() {
        // out = α M_v: with M_v = identity-like probe we read α back
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        ExternalAttention ea = (ExternalAttention) MixerConfig.external(4, 1, false).create(ps, new BufferRegistry(Backends.cpu()), "ea", 4);
        ps.initialise(1);
        Backends.cpu().upload(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
                ps.param("ea.mv.weight").value());
        DeviceArray x = GradCheck.randn(Backends.cpu(), 2, 2 * 6, 4);
        double[] alpha = Backends.cpu().toDoubleArray(ea.forward(x, 2, 6, false));
        for (int r = 0; r < 12; r++) {
            double sum = alpha[4 * r] + alpha[4 * r + 1] + alpha[4 * r + 2] + alpha[4 * r + 3];
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-7));
        }
    }
}

package org.pointea.models.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.nn.Scratch;
import org.pointea.models.testing.GradCheck;

/** Shared gradient checks for a mixer alone and inside an {@link AttentionLayer}. */
final class MixerGradientChecks {
    static final int B = 2;
    static final int N = 5;
    static final int C = 8;

    private MixerGradientChecks() {
    }

    static void mixerAlone(MixerConfig cfg) {
        ParamStore ps = new ParamStore(DataType.DOUBLE);
        Mixer m = cfg.create(ps, new Scratch(), "m", C);
        ps.initialise(3);
        INDArray x = GradCheck.randn(4, B * N, C);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> m.forward(x, B, N, true),
                d -> new INDArray[] {m.backward(d)}, 5);
        assertThat(r.passed()).as(cfg + ": " + r).isTrue();
        assertThat(r.checked()).isEqualTo(ps.count() + x.length());
    }

    static void insideLayer(MixerConfig cfg) {
        ParamStore ps = new ParamStore(DataType.DOUBLE);
        AttentionLayer layer = new AttentionLayer(ps, new Scratch(), "sa", C, cfg);
        ps.initialise(6);
        INDArray x = GradCheck.randn(7, B * N, C);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> layer.forward(x, B, N, true),
                d -> new INDArray[] {layer.backward(d)}, 8);
        assertThat(r.passed()).as(cfg + ": " + r).isTrue();
    }
}

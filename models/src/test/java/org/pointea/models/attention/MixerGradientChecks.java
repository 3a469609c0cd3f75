package org.pointea.models.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.testing.GradCheck;

/** Shared gradient checks for a mixer alone and inside an {@link AttentionLayer}. */
final class MixerGradientChecks {
    static final int B = 2;
    static final int N = 5;
    static final int C = 8;

    private MixerGradientChecks() {
    }

    static void mixerAlone(MixerConfig cfg) {
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        Mixer m = cfg.create(ps, new BufferRegistry(Backends.cpu()), "m", C);
        ps.initialise(3);
        DeviceArray x = GradCheck.randn(Backends.cpu(), 4, B * N, C);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> m.forward(x, B, N, true),
                d -> new DeviceArray[] {m.backward(d)}, 5);
        assertThat(r.passed()).as(cfg + ": " + r).isTrue();
        assertThat(r.checked()).isEqualTo(ps.count() + x.length());
    }

    static void insideLayer(MixerConfig cfg) {
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        AttentionLayer layer = new AttentionLayer(ps, new BufferRegistry(Backends.cpu()), "sa", C, cfg);
        ps.initialise(6);
        DeviceArray x = GradCheck.randn(Backends.cpu(), 7, B * N, C);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> layer.forward(x, B, N, true),
                d -> new DeviceArray[] {layer.backward(d)}, 8);
        assertThat(r.passed()).as(cfg + ": " + r).isTrue();
    }
}

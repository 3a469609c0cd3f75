package org.pointea.models.attention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.testing.Parity;
import org.pointea.models.testing.ParityFixture;

class AttentionLayerTest {

    /** Forward (inference and training) and backward parity with the PyTorch mirror, float32. */
    @ParameterizedTest
    @ValueSource(strings = {"external", "external_heads", "external_tied", "ufo", "offset", "self"})
    void matchesPyTorch(String mixer) {
        ParityFixture fx = ParityFixture.load("mixer_" + mixer);
        int c = fx.meta().get("channels").asInt();
        int b = fx.meta().get("batch").asInt();
        int n = fx.meta().get("points").asInt();
        ParamStore ps = new ParamStore(Backends.cpu(), DType.FLOAT);
        try (BufferRegistry buffers = new BufferRegistry(Backends.cpu()); ps) {
            AttentionLayer layer = new AttentionLayer(ps, buffers, "sa", c, fx.mixer());
            fx.fillStore(ps, "sa.");
            assertThat(ps.count()).isEqualTo(fx.meta().get("param_count").asLong());
            DeviceArray x = buffers.buffer("x").get(DType.FLOAT, fx.shape("x"));
            Backends.cpu().upload(fx.floats("x"), x);
            Parity.forward("mixer " + mixer + " inference", fx.floats("eval_out"), layer.forward(x, b, n, false));
            Parity.forward("mixer " + mixer + " training", fx.floats("train_out"), layer.forward(x, b, n, true));
            DeviceArray r = buffers.buffer("r").get(DType.FLOAT, fx.shape("r"));
            Backends.cpu().upload(fx.floats("r"), r);
            DeviceArray dx = layer.backward(r);
            Parity.forward("mixer " + mixer + " input gradient", fx.floats("train_input_grad"), dx);
            Parity.gradients("mixer " + mixer, fx, ps, "sa.");
        }
    }
}

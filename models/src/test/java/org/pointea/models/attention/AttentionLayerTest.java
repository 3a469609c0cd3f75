package org.pointea.models.attention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.nn.ParamStore;
import org.pointea.models.nn.Scratch;
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
        ParamStore ps = new ParamStore(DataType.FLOAT);
        try (AttentionLayer layer = new AttentionLayer(ps, new Scratch(), "sa", c, fx.mixer())) {
            fx.fillStore(ps, "sa.");
            assertThat(ps.count()).isEqualTo(fx.meta().get("param_count").asLong());
            INDArray x = fx.array("x");
            Parity.forward("mixer " + mixer + " inference", fx.floats("eval_out"), layer.forward(x, b, n, false));
            Parity.forward("mixer " + mixer + " training", fx.floats("train_out"), layer.forward(x, b, n, true));
            INDArray dx = layer.backward(fx.array("r"));
            Parity.forward("mixer " + mixer + " input gradient", fx.floats("train_input_grad"), dx);
            Parity.gradients("mixer " + mixer, fx, ps, "sa.");
        }
    }
}

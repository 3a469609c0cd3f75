package org.pointea.models.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.pointea.models.optim.Adam;
import org.pointea.models.optim.AdamW;
import org.pointea.models.optim.Optimizer;
import org.pointea.models.optim.Sgd;

class OptimizerSpecTest {

    @Test
    void pctRecipeAndCosineEndpoints() {
        OptimizerSpec s = OptimizerSpec.pct();
        assertThat(s.lr()).isEqualTo(0.01);
        assertThat(s.minLr()).isEqualTo(1e-4);
        assertThat(s.learningRate(0, 100)).isEqualTo(0.01);
        assertThat(s.learningRate(50, 100)).isCloseTo((0.01 + 1e-4) / 2, within(1e-15));
        assertThat(s.learningRate(100, 100)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.learningRate(25, 100)).isGreaterThan(s.learningRate(26, 100));
    }

    @Test
    void createsEachType() {
        try (Optimizer a = OptimizerSpec.pct().create();
             Optimizer b = OptimizerSpec.defaults(OptimizerSpec.Type.ADAM).create();
             Optimizer c = OptimizerSpec.defaults(OptimizerSpec.Type.ADAMW).create()) {
            assertThat(a).isInstanceOf(Sgd.class);
            assertThat(((Sgd) a).momentum()).isEqualTo(0.9);
            assertThat(((Sgd) a).weightDecay()).isEqualTo(5e-4);
            assertThat(b).isInstanceOf(Adam.class);
            assertThat(c).isInstanceOf(AdamW.class);
        }
        assertThat(OptimizerSpec.Type.parse("AdamW")).isEqualTo(OptimizerSpec.Type.ADAMW);
        assertThatThrownBy(() -> OptimizerSpec.Type.parse("lion")).hasMessageContaining("sgd, adam or adamw");
        assertThatThrownBy(() -> OptimizerSpec.pct().withLr(0.01, 0.1)).hasMessageContaining("min lr");
    }
}

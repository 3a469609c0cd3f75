package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;

class ParamStoreTest {

    @Test
    void hostViewsConcatenateInRegistrationOrder() {
        try (ParamStore ps = new ParamStore(Backends.cpu(), DType.FLOAT)) {
            Param a = ps.add("a", Param.fanIn(2), 2, 2);
            Param b = ps.add("b", new Param.Constant(0.5), 1, 3);
            ps.state("s", 1.0, 1, 2);
            ps.initialise(3);
            assertThat(ps.count()).isEqualTo(7);
            assertThat(ps.stateCount()).isEqualTo(2);
            float[] g = {1, 2, 3, 4, 5, 6, 7};
            ps.gradientsFromHost(g);
            assertThat(Backends.cpu().toFloatArray(a.grad())).containsExactly(1, 2, 3, 4);
            assertThat(Backends.cpu().toFloatArray(b.grad())).containsExactly(5, 6, 7);
            float[] back = new float[7];
            ps.gradientsToHost(back);
            assertThat(back).containsExactly(g);
            float[] v = new float[7];
            ps.valuesToHost(v);
            assertThat(v[4]).isEqualTo(0.5f);
            ps.valuesFromHost(g);
            assertThat(Backends.cpu().toFloatArray(b.value())).containsExactly(5, 6, 7);
            float[] s = new float[2];
            ps.statesToHost(s);
            assertThat(s).containsExactly(1, 1);
            ps.statesFromHost(new float[] {2, 3});
            assertThat(Backends.cpu().toFloatArray(ps.states().get("s"))).containsExactly(2, 3);
            assertThatThrownBy(() -> ps.gradientsToHost(new float[6])).hasMessageContaining("need 7 floats");
            assertThatThrownBy(() -> ps.add("a", Param.fanIn(1), 1)).hasMessageContaining("duplicate");
        }
    }

    @Test
    void initialisationIsAFunctionOfTheSeed() {
        try (ParamStore a = new ParamStore(Backends.cpu(), DType.FLOAT);
             ParamStore b = new ParamStore(Backends.cpu(), DType.FLOAT)) {
            a.add("w", Param.fanIn(4), 3, 4);
            b.add("w", Param.fanIn(4), 3, 4);
            a.initialise(8);
            b.initialise(8);
            float[] va = new float[12];
            float[] vb = new float[12];
            a.valuesToHost(va);
            b.valuesToHost(vb);
            assertThat(va).containsExactly(vb);
            for (float f : va) {
                assertThat(Math.abs(f)).isLessThanOrEqualTo(0.5f);
            }
        }
    }
}

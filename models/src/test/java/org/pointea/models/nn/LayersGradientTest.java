package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pointea.models.testing.GradCheck;

/** Finite-difference gradient checks (double) of the fused layers other than {@link LocalOp}. */
class LayersGradientTest {

    @Test
    void linearWithSeveralInputsAndBias() {
        ParamStore ps = new ParamStore(DataType.DOUBLE);
        Linear l = new Linear(ps, "l", 4, true, 3, 2);
        ps.initialise(1);
        INDArray a = GradCheck.randn(2, 6, 3);
        INDArray b = GradCheck.randn(3, 6, 2);
        GradCheck.Result r = GradCheck.check(ps, List.of(a, b), () -> l.forward(a, b), d -> l.backward(d), 4);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void convBnActEachActivation(Activation act) {
        ParamStore ps = new ParamStore(DataType.DOUBLE);
        ConvBnAct c = new ConvBnAct(ps, new Scratch(), "c", "bn", 5, false, act, 3);
        ps.initialise(2);
        ps.param("bn.weight").value().putScalar(1, -0.8);
        INDArray x = GradCheck.randn(5, 9, 3);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> c.forward(true, x), d -> c.backward(d), 6);
        assertThat(r.passed()).as(act + ": " + r).isTrue();
    }

    @Test
    void broadcastLinearOverClouds() {
        ParamStore ps = new ParamStore(DataType.DOUBLE);
        BroadcastLinear l = new BroadcastLinear(ps, "h", 4, true, 3, 2, 1);
        ps.initialise(3);
        int points = 5;
        INDArray x = GradCheck.randn(7, 2 * points, 3);
        INDArray g1 = GradCheck.randn(8, 2, 2);
        INDArray g2 = GradCheck.randn(9, 2, 1);
        GradCheck.Result r = GradCheck.check(ps, List.of(x, g1, g2), () -> l.forward(x, points, g1, g2),
                d -> l.backward(d), 10);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void groupPoolingBackward() {
        // max and mean over groups of k rows, as the networks' global pooling
        ParamStore ps = new ParamStore(DataType.DOUBLE);
        INDArray x = GradCheck.randn(11, 12, 3);
        INDArray mx = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, 3, 3);
        INDArray dx = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, 12, 3);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> {
            Ops.maxOverGroups(x, 4, mx);
            return mx;
        }, d -> {
            Ops.maxOverGroupsBackward(x, d, 4, dx);
            return new INDArray[] {dx};
        }, 12);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }
}

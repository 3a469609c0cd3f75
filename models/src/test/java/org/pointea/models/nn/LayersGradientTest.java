package org.pointea.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.testing.GradCheck;

/** Finite-difference gradient checks (double) of the fused layers other than {@link LocalOp}. */
class LayersGradientTest {

    @Test
    void linearWithSeveralInputsAndBias() {
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        Linear l = new Linear(ps, new BufferRegistry(Backends.cpu()), "l", 4, true, 3, 2);
        ps.initialise(1);
        DeviceArray a = GradCheck.randn(Backends.cpu(), 2, 6, 3);
        DeviceArray b = GradCheck.randn(Backends.cpu(), 3, 6, 2);
        GradCheck.Result r = GradCheck.check(ps, List.of(a, b), () -> l.forward(a, b), d -> l.backward(d), 4);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void convBnActEachActivation(Activation act) {
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        ConvBnAct c = new ConvBnAct(ps, new BufferRegistry(Backends.cpu()), "c", "bn", 5, false, act, 3);
        ps.initialise(2);
        double[] gamma = Backends.cpu().toDoubleArray(ps.param("bn.weight").value());
        gamma[1] = -0.8;
        Backends.cpu().upload(gamma, ps.param("bn.weight").value());
        DeviceArray x = GradCheck.randn(Backends.cpu(), 5, 9, 3);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> c.forward(true, x), d -> c.backward(d), 6);
        assertThat(r.passed()).as(act + ": " + r).isTrue();
    }

    @Test
    void broadcastLinearOverClouds() {
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        BroadcastLinear l = new BroadcastLinear(ps, new BufferRegistry(Backends.cpu()), "h", 4, true, 3, 2, 1);
        ps.initialise(3);
        int points = 5;
        DeviceArray x = GradCheck.randn(Backends.cpu(), 7, 2 * points, 3);
        DeviceArray g1 = GradCheck.randn(Backends.cpu(), 8, 2, 2);
        DeviceArray g2 = GradCheck.randn(Backends.cpu(), 9, 2, 1);
        GradCheck.Result r = GradCheck.check(ps, List.of(x, g1, g2), () -> l.forward(x, points, g1, g2),
                d -> l.backward(d), 10);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void groupPoolingBackward() {
        // max and mean over groups of k rows, as the networks' global pooling
        ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE);
        DeviceArray x = GradCheck.randn(Backends.cpu(), 11, 12, 3);
        DeviceArray mx = Backends.cpu().allocate(DType.DOUBLE, 3, 3);
        DeviceArray dx = Backends.cpu().allocate(DType.DOUBLE, 12, 3);
        GradCheck.Result r = GradCheck.check(ps, List.of(x), () -> {
            Backends.cpu().maxOverGroups(x, 4, mx);
            return mx;
        }, d -> {
            Backends.cpu().maxOverGroupsBackward(x, d, 4, dx);
            return new DeviceArray[] {dx};
        }, 12);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }
}

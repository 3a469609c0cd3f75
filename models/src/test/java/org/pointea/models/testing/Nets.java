package org.pointea.models.testing;

import java.util.ArrayList;
import java.util.List;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.loss.Loss;
import org.pointea.models.network.Network;
import org.pointea.models.network.PreparedBatch;
import org.pointea.models.nn.Param;
import org.pointea.models.optim.Optimizer;
import org.pointea.models.trainer.GradientHook;
import org.pointea.models.trainer.TrainStep;

/** Short forms of a training step, an inference pass and a weights dump, for tests. */
public final class Nets {
    private Nets() {
    }

    /** One training step (no gradient hook); returns the loss. */
    public static double trainStep(Network net, PreparedBatch batch, int[] targets, Loss loss, Optimizer opt) {
        return new TrainStep(net, loss, opt, GradientHook.NONE).run(batch, targets, 0).loss();
    }

    /** The inference outputs, row-major. */
    public static float[] predict(Network net, PreparedBatch batch) {
        DeviceArray out = net.forward(batch, false);
        return out.backend().toFloatArray(out);
    }

    /** Every parameter and running statistic, as float32, in registration order. */
    public static float[] weights(Network net) {
        List<float[]> parts = new ArrayList<>();
        for (Param p : net.parameters().params()) {
            parts.add(net.backend().toFloatArray(p.value()));
        }
        for (DeviceArray s : net.parameters().states().values()) {
            parts.add(net.backend().toFloatArray(s));
        }
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    /** The raw bits of floats, for bit-for-bit comparisons. */
    public static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}

package org.pointea.models.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pointea.models.backend.Backends;
import org.pointea.models.backend.DType;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

class AdamWTest {

    /** PyTorch's AdamW, written out in double for one scalar parameter. */
    @Test
    void matchesTheDecoupledUpdate() {
        double lr = 0.01;
        double wd = 0.1;
        double[] grads = {0.5, -0.25, 1.0};
        double p = 1.0;
        double m = 0;
        double v = 0;
        for (int t = 1; t <= grads.length; t++) {
            p *= 1 - lr * wd;
            m = 0.9 * m + 0.1 * grads[t - 1];
            v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
            double mh = m / (1 - Math.pow(0.9, t));
            double vh = v / (1 - Math.pow(0.999, t));
            p -= lr * mh / (Math.sqrt(vh) + 1e-8);
        }
        try (ParamStore ps = new ParamStore(Backends.cpu(), DType.DOUBLE); AdamW opt = new AdamW(lr, wd)) {
            Param w = ps.add("w", new Param.Constant(1.0), 1);
            ps.initialise(0);
            for (double g : grads) {
                Backends.cpu().upload(new double[] {g}, w.grad());
                opt.step(ps);
            }
            assertThat(Backends.cpu().toDoubleArray(w.value())[0]).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(opt.adam().steps()).isEqualTo(3);
        }
    }
}

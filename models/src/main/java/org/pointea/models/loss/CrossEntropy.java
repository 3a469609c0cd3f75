package org.pointea.models.loss;

import java.util.Arrays;
import org.pointea.models.backend.Backend;
import org.pointea.models.backend.BinaryOp;
import org.pointea.models.backend.BufferRegistry;
import org.pointea.models.backend.Buffer;
import org.pointea.models.backend.DType;
import org.pointea.models.backend.DeviceArray;
import org.pointea.models.backend.ScalarOp;

/**
 * Cross entropy over rows of logits with optional label smoothing, averaged over the rows.
 * PCT's recipe ({@link #pct()}) puts {@code 1 − ε} on the true class and {@code ε/(C−1)} on every
 * other class, ε = 0.2 (its {@code util.cal_loss}); {@link #of(double)} with ε = 0 is plain cross
 * entropy. {@link #forward} returns the loss and leaves {@code dL/dlogits} in {@link #gradient()}.
 * Its buffers live on the logits' backend (allocated on first use).
 */
public final class CrossEntropy implements Loss {
    private final double eps;
    private BufferRegistry buffers;
    private Buffer target;
    private Buffer logp;
    private Buffer grad;

    private CrossEntropy(double eps) {
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + eps);
        }
        this.eps = eps;
    }

    /** PCT's label-smoothed cross entropy, ε = 0.2. */
    public static CrossEntropy pct() {
        return new CrossEntropy(0.2);
    }

    /** Cross entropy with PCT-style smoothing ε (0 = none). */
    public static CrossEntropy of(double eps) {
        return new CrossEntropy(eps);
    }

    /** The smoothing ε. */
    public double smoothing() {
        return eps;
    }

    @Override
    public double forward(DeviceArray logits, int[] labels) {
        long rows = logits.rows();
        int classes = (int) logits.columns();
        if (labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        }
        Backend be = logits.backend();
        if (buffers == null || buffers.backend() != be) {
            close();
            buffers = new BufferRegistry(be);
            target = buffers.buffer("loss.target");
            logp = buffers.buffer("loss.logSoftmax");
            grad = buffers.buffer("loss.gradient");
        }
        DType dt = logits.dtype();
        double off = classes > 1 ? eps / (classes - 1) : 0.0;
        double on = 1 - eps;
        float[] t = new float[labels.length * classes];
        Arrays.fill(t, (float) off);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " at " + r + " outside [0, " + classes + ")");
            }
            t[r * classes + labels[r]] = (float) on;
        }
        DeviceArray tt = target.get(dt, rows, classes);
        be.upload(t, tt);
        DeviceArray lp = logp.get(dt, rows, classes);
        be.logSoftmax(logits, lp);
        DeviceArray g = grad.get(dt, rows, classes);
        be.binary(BinaryOp.MULTIPLY, lp, tt, g);
        double loss = -be.sum(g) / rows;
        // dL/dlogits = (softmax − target) / R
        be.softmax(logits, g);
        be.binary(BinaryOp.SUBTRACT, g, tt, g);
        be.scalar(ScalarOp.DIVIDE, g, rows, g);
        return loss;
    }

    @Override
    public DeviceArray gradient() {
        return grad == null ? null : grad.current();
    }

    @Override
    public void close() {
        if (buffers != null) {
            buffers.close();
            buffers = null;
        }
    }
}

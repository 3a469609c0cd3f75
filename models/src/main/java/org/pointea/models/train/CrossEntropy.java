package org.pointea.models.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pointea.models.nn.Buf;
import org.pointea.models.nn.Ops;

/**
 * Cross entropy over rows of logits with optional label smoothing, averaged over the rows.
 * PCT's recipe ({@link #pct()}) puts {@code 1 − ε} on the true class and {@code ε/(C−1)} on every
 * other class, ε = 0.2 (its {@code util.cal_loss}); {@link #of(double)} with ε = 0 is plain cross
 * entropy. {@link #compute} returns the loss and leaves {@code dL/dlogits} in {@link #gradient()}.
 */
public final class CrossEntropy implements AutoCloseable {
    private final double eps;
    private final Buf target = new Buf();
    private final Buf logp = new Buf();
    private final Buf grad = new Buf();

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

    /**
     * Mean loss of {@code logits[R, C]} against {@code labels} (R class indices in {@code [0, C)});
     * the gradient w.r.t. the logits is then in {@link #gradient()}.
     */
    public double compute(INDArray logits, int[] labels) {
        long rows = logits.rows();
        int classes = (int) logits.columns();
        if (labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        }
        DataType dt = logits.dataType();
        double off = classes > 1 ? eps / (classes - 1) : 0.0;
        double on = 1 - eps;
        float[] t = new float[labels.length * classes];
        java.util.Arrays.fill(t, (float) off);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " at " + r + " outside [0, " + classes + ")");
            }
            t[r * classes + labels[r]] = (float) on;
        }
        INDArray tt = target.get(dt, rows, classes);
        try (INDArray src = Nd4j.createFromArray(t).reshape(rows, classes)) {
            tt.assign(src);
        }
        INDArray lp = logp.get(dt, rows, classes);
        Ops.exec("log_softmax", new INDArray[] {logits}, new INDArray[] {lp}, new long[] {1}, null);
        INDArray g = grad.get(dt, rows, classes);
        Ops.mul(lp, tt, g);
        double loss = -g.sumNumber().doubleValue() / rows;
        // dL/dlogits = (softmax − target) / R
        Ops.exec("softmax", new INDArray[] {logits}, new INDArray[] {g}, new long[] {1}, null);
        g.subi(tt).divi(rows);
        return loss;
    }

    /** {@code dL/dlogits} of the last {@link #compute} (owned by this object). */
    public INDArray gradient() {
        return grad.current();
    }

    @Override
    public void close() {
        target.close();
        logp.close();
        grad.close();
    }
}

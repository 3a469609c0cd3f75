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
 *
 * <p>A row whose label is negative (an unlabelled point of a scene) is ignored: it adds nothing to
 * the loss or the gradient, and the mean is over the other rows (PyTorch's {@code ignore_index}).
 * {@link #withClassWeights} weights each row by its class, the mean becoming a weighted mean
 * (PyTorch's {@code weight}); without negative labels and weights the computation is the plain one,
 * bit for bit.
 * Its buffers live on the logits' backend (allocated on first use).
 */
public final class CrossEntropy implements Loss {
    private final double eps;
    private final float[] classWeights;
    private BufferRegistry buffers;
    private Buffer rowWeight;
    private Buffer target;
    private Buffer logp;
    private Buffer grad;

    private CrossEntropy(double eps, float[] classWeights) {
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + eps);
        }
        this.eps = eps;
        this.classWeights = classWeights;
    }

    /** PCT's label-smoothed cross entropy, ε = 0.2. */
    public static CrossEntropy pct() {
        return new CrossEntropy(0.2, null);
    }

    /** Cross entropy with PCT-style smoothing ε (0 = none). */
    public static CrossEntropy of(double eps) {
        return new CrossEntropy(eps, null);
    }

    /**
     * A copy that weights each row by its class (class-balanced training of imbalanced scenes).
     *
     * @param weights one non-negative weight per class
     * @return the loss
     */
    public CrossEntropy withClassWeights(double[] weights) {
        float[] w = new float[weights.length];
        for (int c = 0; c < w.length; c++) {
            if (!(weights[c] >= 0) || !Double.isFinite(weights[c])) {
                throw new IllegalArgumentException("class weight " + c + " is " + weights[c]);
            }
            w[c] = (float) weights[c];
        }
        return new CrossEntropy(eps, w);
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
        if (classWeights != null && classWeights.length != classes) {
            throw new IllegalArgumentException(classWeights.length + " class weights for " + classes + " classes");
        }
        float[] t = new float[labels.length * classes];
        Arrays.fill(t, (float) off);
        float[] w = null;
        double weightSum = 0;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " at " + r + " outside [0, " + classes + ")");
            }
            if (labels[r] < 0 || classWeights != null) {
                if (w == null) {
                    w = new float[labels.length];
                    Arrays.fill(w, 0, r, 1f);
                    weightSum = r;
                }
                w[r] = labels[r] < 0 ? 0f : classWeights == null ? 1f : classWeights[labels[r]];
                weightSum += w[r];
                if (labels[r] < 0) {
                    Arrays.fill(t, r * classes, (r + 1) * classes, 0f);
                    continue;
                }
            } else if (w != null) {
                w[r] = 1f;
                weightSum += 1;
            }
            t[r * classes + labels[r]] = (float) on;
        }
        if (w != null) {
            return weighted(logits, t, w, weightSum, rows, classes, be);
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

    /** The loss and gradient with a weight per row (0 for ignored rows), normalised by their sum. */
    private double weighted(DeviceArray logits, float[] t, float[] w, double weightSum, long rows, int classes,
            Backend be) {
        DType dt = logits.dtype();
        if (rowWeight == null) {
            rowWeight = buffers.buffer("loss.rowWeight");
        }
        DeviceArray tt = target.get(dt, rows, classes);
        be.upload(t, tt);
        DeviceArray rw = rowWeight.get(dt, rows, 1);
        be.upload(w, rw);
        DeviceArray lp = logp.get(dt, rows, classes);
        be.logSoftmax(logits, lp);
        DeviceArray g = grad.get(dt, rows, classes);
        be.binary(BinaryOp.MULTIPLY, lp, tt, g);
        be.binary(BinaryOp.MULTIPLY, g, rw, g);
        double norm = weightSum > 0 ? weightSum : 1;
        double loss = -be.sum(g) / norm;
        // dL/dlogits = w_r (softmax − target) / Σw
        be.softmax(logits, g);
        be.binary(BinaryOp.SUBTRACT, g, tt, g);
        be.binary(BinaryOp.MULTIPLY, g, rw, g);
        be.scalar(ScalarOp.DIVIDE, g, norm, g);
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
            rowWeight = null;
        }
    }
}

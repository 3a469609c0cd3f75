package org.pointea.models.train;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.pointea.models.nn.Param;
import org.pointea.models.nn.ParamStore;

/**
 * Adam (Kingma and Ba, <a href="https://arxiv.org/abs/1412.6980">arXiv 1412.6980</a>) with L2
 * weight decay added to the gradient, PyTorch's {@code torch.optim.Adam} semantics.
 */
public final class Adam implements Optimizer {
    private double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long t;
    private final Map<String, INDArray[]> state = new HashMap<>();

    /** Adam with the given learning rate and weight decay, betas (0.9, 0.999), eps 1e-8. */
    public Adam(double lr, double weightDecay) {
        this(lr, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** Adam with every hyper-parameter given. */
    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (lr < 0 || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || eps <= 0 || weightDecay < 0) {
            throw new IllegalArgumentException("invalid Adam hyper-parameters");
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(ParamStore params) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (Param p : params.params()) {
            INDArray g = p.grad();
            if (weightDecay != 0) {
                Nd4j.getBlasWrapper().level1().axpy(g.length(), weightDecay, p.value(), g);
            }
            INDArray[] s = state.computeIfAbsent(p.name(), k -> new INDArray[] {
                    Nd4j.zeros(g.dataType(), g.shape()), Nd4j.zeros(g.dataType(), g.shape()),
                    Nd4j.zeros(g.dataType(), g.shape())});
            INDArray m = s[0];
            INDArray v = s[1];
            INDArray tmp = s[2];
            m.muli(beta1);
            Nd4j.getBlasWrapper().level1().axpy(g.length(), 1 - beta1, g, m);
            v.muli(beta2);
            tmp.assign(g).muli(g);
            Nd4j.getBlasWrapper().level1().axpy(g.length(), 1 - beta2, tmp, v);
            // p −= lr/c1 · m / (sqrt(v/c2) + eps)
            tmp.assign(v).divi(c2);
            Transforms.sqrt(tmp, false);
            tmp.addi(eps);
            tmp.rdivi(m);
            Nd4j.getBlasWrapper().level1().axpy(g.length(), -lr / c1, tmp, p.value());
        }
    }

    /**
     * The moment estimates by parameter name (for persistence): each entry is {@code {m, v, tmp}}
     * (the third a scratch buffer); absent until a parameter's first step. A restored entry needs
     * all three arrays.
     */
    public Map<String, INDArray[]> state() {
        return state;
    }

    /** Steps taken so far (the bias-correction counter t). */
    public long steps() {
        return t;
    }

    /** Sets the step counter (for restoring a saved state). */
    public void setSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        this.t = steps;
    }

    /** The first-moment decay β1. */
    public double beta1() {
        return beta1;
    }

    /** The second-moment decay β2. */
    public double beta2() {
        return beta2;
    }

    /** The denominator's ε. */
    public double epsilon() {
        return eps;
    }

    /** The L2 weight decay added to the gradient. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    @Override
    public void close() {
        for (INDArray[] s : state.values()) {
            for (INDArray a : s) {
                a.close();
            }
        }
        state.clear();
    }
}
